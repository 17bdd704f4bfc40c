"""The audit score stored with each valid version: the one place the workspace asks generator.audit.

``generator.audit`` (the completeness audit, `keputusan audit`) may be absent from a build; the score
is then None and the board shows "belum dinilai".
"""

from __future__ import annotations

import importlib
import importlib.util

from ..model import Decree

AUDIT_MODULE = "generator.audit"


def audit_score(decree: Decree) -> float | None:
    """The audit's overall score of a valid decree, 0-100; None when there is no audit to run."""
    if importlib.util.find_spec(AUDIT_MODULE) is None:
        return None
    audit = importlib.import_module(AUDIT_MODULE)
    return audit.audit(decree).overall
