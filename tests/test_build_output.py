"""data/build as one unit: a link swapped in one rename to a folder holding both outputs.
Both files change together, a killed build leaves nothing the next build does not remove,
and the files get the usual permissions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.paths import KB_JSONLD, KB_TTL, read_build
from kb.build import OutputError, build, publish

ROOT = Path(__file__).resolve().parent.parent


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _only_the_current_build(out: Path) -> None:
    """The parent holds the link and the one folder it names, and that folder holds the two outputs."""
    assert out.is_symlink()
    assert _names(out.parent) == {out.name, os.readlink(out)}
    assert _names(out) == {KB_TTL, KB_JSONLD}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


def test_layout_and_permissions_of_a_real_build(tmp_path, umask):
    out = tmp_path / "data" / "build"
    outputs = build(build_dir=out).outputs
    assert outputs == [out / KB_TTL, out / KB_JSONLD]
    _only_the_current_build(out)
    assert os.readlink(out).startswith(".build.gen-") and "/" not in os.readlink(out)  # relative: the folder can move
    assert {_mode(out / KB_TTL), _mode(out / KB_JSONLD)} == {0o644}
    assert _mode(out) == 0o755


def test_permissions_honour_the_umask(tmp_path, umask):
    umask(0o027)
    out = tmp_path / "build"
    publish(out, {KB_TTL: b"a", KB_JSONLD: b"b"})
    assert {_mode(out / KB_TTL), _mode(out / KB_JSONLD)} == {0o640}
    assert _mode(out) == 0o750


def test_an_old_plain_folder_and_its_orphans_become_the_new_layout(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    for name in (KB_TTL, KB_JSONLD, ".kb.ttl.k2x9_a1", ".kb.jsonld.0q8z3c"):  # the old layout, killed mid-write
        (out / name).write_text("old")
    publish(out, {KB_TTL: b"new", KB_JSONLD: b"new"})
    _only_the_current_build(out)
    assert read_build(build_dir=out) == {KB_TTL: b"new", KB_JSONLD: b"new"}


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=r"holds other files \(notes\.txt\)"):
        publish(out, {KB_TTL: b"new", KB_JSONLD: b"new"})
    assert _names(out) == {"notes.txt"} and _names(tmp_path) == {"results"}


def test_stale_leftovers_are_removed_by_the_next_build(tmp_path):
    out = tmp_path / "build"
    publish(out, {KB_TTL: b"1", KB_JSONLD: b"1"})
    stale = tmp_path / ".build.gen-0123456789ab"  # a build killed while writing
    stale.mkdir()
    (stale / KB_TTL).write_text("half")
    os.symlink(stale.name, tmp_path / ".build.link-0123456789ab")  # a build killed before its rename
    (tmp_path / "unrelated.txt").write_text("kept")
    publish(out, {KB_TTL: b"2", KB_JSONLD: b"2"})
    assert _names(tmp_path) == {"build", os.readlink(out), "unrelated.txt"}
    assert read_build(build_dir=out) == {KB_TTL: b"2", KB_JSONLD: b"2"}


KILLED_BUILD = """
import os, signal, sys
from pathlib import Path
import kb.build

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[2] == "before-link":
    kb.build._swap = die  # both outputs written into the new folder, the link not made
else:
    kb.build.os.replace = die  # the new link made, not yet renamed over the build folder
kb.build.build(build_dir=Path(sys.argv[1]))
"""


@pytest.mark.parametrize("moment", ["before-link", "before-rename"])
def test_a_build_killed_before_its_rename_leaves_the_old_kb_and_the_next_build_cleans_up(tmp_path, moment):
    out = tmp_path / "build"
    publish(out, {KB_TTL: b"old", KB_JSONLD: b"old"})
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(out), moment], cwd=ROOT, capture_output=True, timeout=300)
    assert killed.returncode == -9, killed.stderr.decode()
    assert read_build(build_dir=out) == {KB_TTL: b"old", KB_JSONLD: b"old"}
    left = _names(tmp_path) - {"build", os.readlink(out)}
    assert left, "the kill must leave something for the next build to remove"
    assert all(name.startswith((".build.gen-", ".build.link-")) for name in left)
    publish(out, {KB_TTL: b"next", KB_JSONLD: b"next"})
    _only_the_current_build(out)


WRITER = """
import sys
from pathlib import Path
from kb.build import publish

out, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    body = f"{tag} {i}\\n".encode() * 20_000  # ~200 KB: reading takes a while
    publish(out, {"kb.ttl": body, "kb.jsonld": body})
"""


def test_a_reader_never_sees_kb_ttl_and_kb_jsonld_from_different_builds(tmp_path):
    """Two builds publish 150 times each while this process reads both files again and again."""
    out = tmp_path / "build"
    publish(out, {KB_TTL: b"start", KB_JSONLD: b"start"})
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(out), tag, "150"], cwd=ROOT, stderr=subprocess.PIPE)
        for tag in ("a", "b")
    ]
    seen: set[bytes] = set()
    reads = 0
    while any(w.poll() is None for w in writers) or reads == 0:
        files = read_build(build_dir=out)
        assert files[KB_TTL] == files[KB_JSONLD], (files[KB_TTL][:20], files[KB_JSONLD][:20])
        seen.add(files[KB_TTL][:12])
        reads += 1
    for writer in writers:
        assert writer.wait() == 0, writer.stderr.read().decode()
    assert len(seen) >= 3, f"the reader must have seen builds change ({reads} reads saw {sorted(seen)})"
    _only_the_current_build(out)
    assert read_build(build_dir=out)[KB_TTL].startswith((b"a 149\n", b"b 149\n"))
