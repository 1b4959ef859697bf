"""A private PostgreSQL 15 for the tests: its own cluster (initdb + pg_ctl from
/usr/lib/postgresql/15/bin) in a temporary folder, listening only on a unix socket there, run as
an unprivileged user (PostgreSQL refuses to run as root: when the tests run as root the cluster
belongs to the `postgres` system user). Trust authentication for the superuser `berkas`.

Use the session fixture `postgres` (import it into a test module) and `postgres.new_database()`
for the SQLAlchemy URL of an empty database per test.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "berkas"
SYSTEM_USER = "postgres"  # owns the cluster when the tests run as root


@dataclass
class Postgres:
    root: Path
    port: int
    run_as: str | None  # the system user running the server (None: the current one)
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str) -> str:
        return (f"postgresql+psycopg://{SUPERUSER}@/{database}"
                f"?host={self.socket_dir}&port={self.port}")

    def new_database(self) -> str:
        """An empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"uji_{next(self._names)}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        _run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
             self.run_as, check=False)


def _run(command: list[str], user: str | None, check: bool = True
         ) -> subprocess.CompletedProcess:
    done = subprocess.run(command, user=user, capture_output=True, text=True, timeout=120,
                          cwd="/")
    if check and done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")
    return done


def start_postgres() -> Postgres:
    if not (BIN / "initdb").exists() or not (BIN / "pg_ctl").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({BIN}/initdb, pg_ctl missing; "
                    "scripts/system-packages.sh installs it)")
    run_as = SYSTEM_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="berkas-pg-", dir="/tmp"))
    root.chmod(0o755)
    (root / "socket").mkdir()
    if run_as:
        for path in (root, root / "socket"):
            shutil.chown(path, run_as, run_as)
    from tests.dovecot import free_port

    server = Postgres(root, free_port(), run_as)
    _run([str(BIN / "initdb"), "-D", str(server.data), "-U", SUPERUSER, "--auth=trust",
          "--encoding=UTF8", "--locale=C", "--no-sync"], run_as)
    options = (f"-c listen_addresses='' -k {server.socket_dir} -p {server.port} "
               "-c max_connections=40")
    _run([str(BIN / "pg_ctl"), "-D", str(server.data), "-l", str(root / "postgres.log"),
          "-o", options, "-w", "-t", "60", "start"], run_as)
    return server


@pytest.fixture(scope="session")
def postgres():
    server = start_postgres()
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
