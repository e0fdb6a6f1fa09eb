"""Find the files in the landing folder that the warehouse has not ingested yet."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import polars as pl

FILES_SCHEMA = {
    "input_file": pl.String,  # path relative to the landing folder, with forward slashes
    "path": pl.String,
    "size_bytes": pl.Int64,
    "modified_ns": pl.Int64,  # the modification time read before hashing
    "file_hash": pl.String,
    # "new", "changed" (an earlier version was ingested and is replaced), "unchanged" (its content
    # was loaded under its name, but not with this size and time: only those are recorded, so it
    # is not hashed again), or a reason the file is not read at all: "bad_name" (not valid
    # UTF-8), "outside" (a link out of the landing folder)
    "status": pl.String,
}
INGESTED_SCHEMA = {"input_file": pl.String, "file_hash": pl.String, "size_bytes": pl.Int64, "modified_ns": pl.Int64}
UNCHANGED = "unchanged"
# A time read within this many seconds of the file's last write is not kept: a second write in
# the same clock tick, at the same size, would otherwise pass for the file read (git's rule).
RECENT_WRITE_SECONDS = 2.0
NOT_READ = ("bad_name", "outside")
# Scrapers write through temporary names; such a file is not finished and is left for next night.
UNFINISHED_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp")


def file_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def is_unfinished(relative: Path) -> bool:
    return any(part.startswith((".", "~")) for part in relative.parts) or relative.name.endswith(UNFINISHED_SUFFIXES)


def printable(relative: Path) -> str:
    """The relative path as text; bytes that are not UTF-8 shown as \\xNN escapes."""
    return relative.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def refused_file(path: Path, relative: Path, root: Path) -> dict | None:
    """A row for a file that must not be read: a name that is not UTF-8, or a link out of the landing folder.

    Its "hash" is of the name (and link target), so the same refusal is not reported every night,
    and renaming or fixing the file brings it back.
    """
    name = printable(relative)
    if name != relative.as_posix():
        reason = "bad_name"
    elif not path.resolve().is_relative_to(root):
        reason = "outside"
    else:
        return None
    target = os.fsencode(path.resolve()) if reason == "outside" else b""
    digest = hashlib.sha256(b"refused\x1f" + os.fsencode(relative) + b"\x1f" + target).hexdigest()
    return {"input_file": name, "path": name, "size_bytes": 0, "modified_ns": None, "file_hash": digest, "status": reason}


def discover_files(landing: Path, ingested: pl.DataFrame, settle_seconds: float = 0.0) -> pl.DataFrame:
    """Files under `landing` whose content the warehouse lacks, sorted by path.

    `ingested` holds (`input_file`, `file_hash`, `size_bytes`, `modified_ns`) of every file
    already loaded. A file with the name, size and modification time that were loaded is unchanged
    and is not read again: hashing every file made a night with nothing new cost a second per
    300 MB of landing folder. A file hashed and found as loaded comes back "unchanged", for the
    load to record its size and time (a warehouse from before they were recorded, a touched
    file); it is not read. A new name whose content was loaded before is skipped; a known name with new content is "changed" and will
    replace its earlier rows, even when that content equals another file's. A file modified in the last `settle_seconds`,
    or that changes while it is hashed, is still being written: it waits for the next run.
    """
    known_hashes = set(ingested["file_hash"].to_list())
    known_names = set(ingested["input_file"].to_list())
    known_files = set(ingested.select("input_file", "file_hash").iter_rows())
    # As rsync and make do: a writer that kept the size and restored the time has to be named
    # again (touch the file) to be read.
    known_stats = set(ingested.select("input_file", "size_bytes", "modified_ns").drop_nulls().iter_rows())
    now = time.time()
    rows = []
    root = landing.resolve()
    for path in sorted(p for p in landing.rglob("*") if p.is_file()):
        relative = path.relative_to(landing)
        if is_unfinished(relative):
            continue
        refused = refused_file(path, relative, root)
        if refused is not None:
            if refused["file_hash"] not in known_hashes:
                rows.append(refused)
            continue
        before = path.stat()
        if now - before.st_mtime < settle_seconds:
            continue
        input_file = relative.as_posix()
        if (input_file, before.st_size, before.st_mtime_ns) in known_stats:
            continue
        digest = file_hash(path)
        after = path.stat()
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            continue
        settled = now - after.st_mtime >= RECENT_WRITE_SECONDS
        if (input_file, digest) in known_files:
            status = UNCHANGED  # hashed for nothing this once: its size and time are recorded now
        elif digest in known_hashes and input_file not in known_names:
            continue  # a new name for content already loaded
        else:  # a known name with new content is read again even when that content is another file's
            status = "changed" if input_file in known_names else "new"
        if status != UNCHANGED or settled:
            rows.append(
                {
                    "input_file": input_file,
                    "path": str(path),
                    "size_bytes": after.st_size,
                    "modified_ns": after.st_mtime_ns if settled else None,
                    "file_hash": digest,
                    "status": status,
                }
            )
    return pl.DataFrame(rows, schema=FILES_SCHEMA)


def count_files(landing: Path) -> int:
    return sum(1 for p in landing.rglob("*") if p.is_file() and not is_unfinished(p.relative_to(landing)))
