"""`python -m generator` runs the `keputusan` command."""

import sys

from .cli import main

sys.exit(main())
