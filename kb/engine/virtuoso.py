"""Start a private Virtuoso 7 (Debian's virtuoso-opensource) for tests and benchmarks.

The stock config listens on all interfaces; this one binds both the SQL and the
HTTP port to 127.0.0.1 and keeps its database in a folder of its own."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STOCK_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Virtuoso:
    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def write_config(self) -> Path:
        text = STOCK_INI.read_text(encoding="utf-8")
        text = text.replace("/var/lib/virtuoso-opensource-7/db", str(self.folder))
        text = re.sub(r"(?m)^ServerPort\s*=\s*1111\s*$", f"ServerPort = 127.0.0.1:{self.sql_port}", text)
        text = re.sub(r"(?m)^ServerPort\s*=\s*8890\s*$", f"ServerPort = 127.0.0.1:{self.http_port}", text)
        text = re.sub(r"(?m)^(Load\d+\s*=.*)$", r";\1", text)  # no plugins needed
        # The cost estimator misjudges small UNION queries; our own time limit applies instead.
        text = re.sub(r"(?m)^(MaxQueryCostEstimationTime\s*=.*)$", r";\1", text)
        config = self.folder / "virtuoso.ini"
        config.write_text(text, encoding="utf-8")
        return config

    def start(self, wait: float = 60.0) -> Virtuoso:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.write_config()
        log = (self.folder / "virtuoso.log").open("w")
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(config)], cwd=self.folder, stdout=log, stderr=log
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("virtuoso-t exited: " + (self.folder / "virtuoso.log").read_text()[-2000:])
            try:
                urllib.request.urlopen(self.endpoint + "?query=ASK%7B%7D", timeout=2).read()
                self._grant_updates()
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("Virtuoso did not answer in time")

    def _grant_updates(self) -> None:
        """The anonymous SPARQL user may update, so `kb push` can load over the protocol."""
        self._isql("GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);", 60)

    def bulk_load(self, file: Path, graph: str, timeout: float = 3600) -> None:
        """Load a large file with Virtuoso's bulk loader, for benchmarks at sizes `kb push`
        (SPARQL Update in chunks) takes too long for. The file is moved into the database
        folder, the server's working directory, which the stock DirsAllowed (".") lets it read."""
        shutil.move(file, self.folder / file.name)
        statements = f"ld_dir('.', '{file.name}', '{graph}'); rdf_loader_run(); checkpoint;"
        self._isql(statements, timeout)

    def _isql(self, statements: str, timeout: float) -> None:
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @classmethod
    def in_folder(cls, folder: Path) -> Virtuoso:
        return cls(folder, _free_port(), _free_port())


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and STOCK_INI.exists()
