"""One workspace: a data folder and its database, opened once per process (migrated to the newest schema)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import Config
from .consistency import Consistency, check_consistency
from .database import make_engine, upgrade
from .storage import Files


class Workspace:
    """What every service needs: ``files`` (the data folder) and sessions on the database."""

    def __init__(self, config: Config, engine: Engine) -> None:
        self.config = config
        self.engine = engine
        self.files = Files(config.data_dir)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, config: Config, *, migrate: bool = True) -> Workspace:
        """Prepare the data folder and bring the database to the newest schema (``upgrade head``)."""
        files = Files(config.data_dir)
        files.prepare()
        engine = make_engine(config)
        try:
            if migrate:
                upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(config, engine)

    def session(self) -> Session:
        """A new session; each service commits its own work before it returns."""
        return self._sessions()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session closed afterwards, rolled back when the block raises."""
        with self._sessions() as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(config: Config) -> tuple[Workspace, Consistency]:
    """Open the workspace for a server: migrate, then check files against rows once, before serving."""
    workspace = Workspace.open(config)
    try:
        with workspace.begin() as session:
            consistency = check_consistency(session, workspace.files)
    except BaseException:
        workspace.close()
        raise
    return workspace, consistency
