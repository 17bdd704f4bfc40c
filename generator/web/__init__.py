"""The web face: pages for kecamatan staff over the same core as the CLI (see ``app.create_app``)."""
