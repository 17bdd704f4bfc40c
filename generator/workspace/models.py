"""The workspace's tables: offices, accounts, years, versions of workbooks, generated files, the log.

Alembic's migrations in ``migrations/versions`` must describe exactly these tables (a test compares
them); change a table here only together with a new migration.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SYSTEM = "sistem"  # who did what when no account did it (a carried-over workbook, a start-up check)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment stored in UTC and always read back timezone-aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("waktu tanpa zona waktu")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Role(str, Enum):
    ADMIN = "admin"  # the kabupaten's organisation office: sees all, creates accounts, opens years
    OPERATOR = "operator"  # one kecamatan's staff: sees and uploads only its own kecamatan


class Source(str, Enum):
    UPLOAD = "unggah"
    CARRIED = "tahun-baru"  # carried over from last year's workbook when a year was opened


class OutputKind(str, Enum):
    DOCX = "docx"
    PDF = "pdf"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Office(Base):
    """The kabupaten running the workspace (one row): its name heads the pages and the year's zip."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # "Kabupaten Rembang"
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Kecamatan(Base):
    __tablename__ = "kecamatan"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))  # "Sale", as the workbook's Kantor sheet writes it
    key: Mapped[str] = mapped_column(String(120), unique=True)  # name folded, so "sale " == "Sale"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'operator')", name="role"),
        CheckConstraint(
            "(role = 'admin' AND kecamatan_id IS NULL) OR (role = 'operator' AND kecamatan_id IS NOT NULL)",
            name="role_kecamatan",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored folded to lower case
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))
    kecamatan_id: Mapped[int | None] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    kecamatan: Mapped[Kecamatan | None] = relationship(lazy="joined")

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    @property
    def label(self) -> str:
        """How the log and the pages name this account: "sari (Sari Wulandari)"."""
        return f"{self.username} ({self.full_name})" if self.full_name else self.username


class Year(Base):
    """A year opened for uploads; opening it carries last year's workbooks over."""

    __tablename__ = "year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    opened_by: Mapped[Account | None] = relationship()


class Version(Base):
    """One uploaded (or carried-over) workbook of a kecamatan and year; never changed once stored."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("kecamatan_id", "year", "number", name="uq_version_number"),
        CheckConstraint("source IN ('unggah', 'tahun-baru')", name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kecamatan_id: Mapped[int] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    year: Mapped[int] = mapped_column(ForeignKey("year.year"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the kecamatan and year
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    stored_name: Mapped[str] = mapped_column(String(255))  # relative to the data folder
    original_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default=Source.UPLOAD.value)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))  # None: the system
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    audit_score: Mapped[float | None] = mapped_column(Float)  # 0-100, None when not audited
    note: Mapped[str] = mapped_column(Text, default="")  # e.g. what a carried-over copy needs checked

    kecamatan: Mapped[Kecamatan] = relationship(lazy="joined")
    uploaded_by: Mapped[Account | None] = relationship(lazy="joined")
    outputs: Mapped[list[Output]] = relationship(back_populates="version", order_by="Output.id")

    @property
    def valid(self) -> bool:
        return self.errors == 0

    @property
    def uploader(self) -> str:
        return self.uploaded_by.label if self.uploaded_by is not None else SYSTEM


class Output(Base):
    """A decree (.docx) or its PDF generated from one version."""

    __tablename__ = "output"
    __table_args__ = (
        UniqueConstraint("version_id", "kind", name="uq_output_version_kind"),
        CheckConstraint("kind IN ('docx', 'pdf')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(255))
    file_name: Mapped[str] = mapped_column(String(255))  # "Keputusan-Camat-Sale-2026.docx" for downloads
    size: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[Version] = relationship(back_populates="outputs")
    created_by: Mapped[Account | None] = relationship()


class AuditLog(Base):
    """Who did what, when: uploads, generated files, logins, account changes, years opened."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    actor: Mapped[str] = mapped_column(String(300))  # the account's label then, or "sistem"
    action: Mapped[str] = mapped_column(String(32), index=True)
    kecamatan_id: Mapped[int | None] = mapped_column(ForeignKey("kecamatan.id"))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"))
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # one Indonesian sentence


class LoginAttempt(Base):
    """Every login attempt, for the per-account-and-address rate limit."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_lookup", "username", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean)
