import hashlib
import os
from pathlib import Path

import polars as pl

from khabar.tasks.discover import INGESTED_SCHEMA, discover_files


def ingested(*rows: tuple) -> pl.DataFrame:
    """Rows of (input_file, file_hash), or (input_file, file_hash, size_bytes, modified_ns)."""
    return pl.DataFrame([(*row, None, None)[:4] for row in rows], schema=INGESTED_SCHEMA, orient="row")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_edited_file_whose_new_text_is_another_files_is_read_again(tmp_path):
    (tmp_path / "a.txt").write_text("متن دوم", encoding="utf-8")  # a.txt now holds what b.txt holds
    (tmp_path / "b.txt").write_text("متن دوم", encoding="utf-8")
    files = discover_files(tmp_path, ingested(("a.txt", digest("متن اول")), ("b.txt", digest("متن دوم"))))
    assert files.select("input_file", "status").rows() == [("a.txt", "changed")]


def test_a_copy_under_a_new_name_is_skipped_and_an_unchanged_file_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("متن اول", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("متن اول", encoding="utf-8")
    found = discover_files(tmp_path, ingested(("a.txt", digest("متن اول"))))
    assert found.filter(pl.col("status") != "unchanged").is_empty()


def test_links_out_of_the_landing_folder_and_undecodable_names_are_refused_unread(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", landing / "link.txt")
    Path(os.fsdecode(os.fsencode(landing) + b"/name-\xff.txt")).write_text("متن", encoding="utf-8")
    rows = discover_files(landing, ingested()).select("input_file", "status", "size_bytes").rows()
    assert sorted(rows) == [("link.txt", "outside", 0), ("name-\\xff.txt", "bad_name", 0)]


def test_a_file_with_the_name_size_and_time_loaded_is_not_read_again(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "دیدار وزیران خارجه ایران و پاکستان در اسلام‌آباد"}\n', encoding="utf-8")
    stat = path.stat()
    # The recorded digest is of other bytes: only a file that was read again would be found changed.
    assert discover_files(tmp_path, ingested(("feed.jsonl", digest("نسخه قدیمی"), stat.st_size, stat.st_mtime_ns))).is_empty()


def test_a_file_rewritten_at_the_same_size_is_read_again_by_its_new_time(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "دیدار وزیران کشور ایران و پاکستان"}\n', encoding="utf-8")
    loaded = path.stat()
    path.write_text('{"text": "دیدار وزیران دفاع ایران و پاکستان"}\n', encoding="utf-8")  # same length in bytes
    os.utime(path, ns=(loaded.st_atime_ns, loaded.st_mtime_ns - 10_000_000_000))
    old = digest('{"text": "دیدار وزیران کشور ایران و پاکستان"}\n')
    files = discover_files(tmp_path, ingested(("feed.jsonl", old, loaded.st_size, loaded.st_mtime_ns)))
    assert files.select("input_file", "status", "modified_ns").rows() == [("feed.jsonl", "changed", loaded.st_mtime_ns - 10_000_000_000)]


def test_a_file_found_unchanged_by_its_hash_comes_back_with_its_size_and_time_to_record(tmp_path):
    # A warehouse from before sizes and times were recorded: the file is hashed once, then known by them.
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "دیدار وزیران خارجه ایران و پاکستان"}\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10_000_000_000))
    stat = path.stat()
    found = discover_files(tmp_path, ingested(("feed.jsonl", digest(path.read_text(encoding="utf-8")))))
    assert found.select("input_file", "status", "size_bytes", "modified_ns").rows() == [("feed.jsonl", "unchanged", stat.st_size, stat.st_mtime_ns)]


def test_a_time_read_right_after_a_write_is_not_kept(tmp_path):
    # A second write in the same clock tick at the same size would pass for the file read.
    (tmp_path / "late.txt").write_text("خبر تازه از کابل", encoding="utf-8")
    assert discover_files(tmp_path, ingested()).select("status", "modified_ns").rows() == [("new", None)]
