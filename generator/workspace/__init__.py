"""The kabupaten's workspace: every kecamatan's workbook, year by year, in one database.

A core package (no face imports it the other way round). The web pages and the CLI call its
services, each taking a Session (and the data folder's ``Files`` when it touches files), checking the
account's role and kecamatan itself, committing its own work before it returns, and refusing with a
typed ``errors.WorkspaceError`` whose text is one Indonesian sentence. One concept per module:

- ``config``: data folder and database URL (``KEPUTUSAN_DATA``, ``KEPUTUSAN_DB_URL``)
- ``space``: ``Workspace.open`` (migrations to head) and ``start`` (open + start-up check) for a server
- ``models`` / ``migrations/``: the tables and their Alembic history
- ``accounts``, ``passwords``, ``access``: accounts, logins with rate limit, who may see what
- ``versions``: uploads kept as versions, reading them back, ``compare_versions``
- ``outputs``: the decree and PDF of a version; ``board``: the admin's board and the year's zip
- ``years``: opening a year (last year's workbooks carried over); ``scoring``: the audit score
- ``consistency``: rows against files at start-up; ``backup``: backup and restore; ``log``: audit log

This file imports nothing, so the CLI can name the package without loading the database stack.
"""
