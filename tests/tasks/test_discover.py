import hashlib
import os
from pathlib import Path

import polars as pl

from khabar.tasks.discover import discover_files


def ingested(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"input_file": pl.String, "file_hash": pl.String}, orient="row")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_edited_file_whose_new_text_is_another_files_is_read_again(tmp_path):
    (tmp_path / "a.txt").write_text("متن دوم", encoding="utf-8")  # a.txt now holds what b.txt holds
    (tmp_path / "b.txt").write_text("متن دوم", encoding="utf-8")
    files = discover_files(tmp_path, ingested(("a.txt", digest("متن اول")), ("b.txt", digest("متن دوم"))))
    assert files.select("input_file", "status").rows() == [("a.txt", "changed")]


def test_a_copy_under_a_new_name_is_skipped_and_an_unchanged_file_too(tmp_path):
    (tmp_path / "a.txt").write_text("متن اول", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("متن اول", encoding="utf-8")
    assert discover_files(tmp_path, ingested(("a.txt", digest("متن اول")))).is_empty()


def test_links_out_of_the_landing_folder_and_undecodable_names_are_refused_unread(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (tmp_path / "secret.txt").write_text("root:x:0:0", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", landing / "link.txt")
    Path(os.fsdecode(os.fsencode(landing) + b"/name-\xff.txt")).write_text("متن", encoding="utf-8")
    rows = discover_files(landing, ingested()).select("input_file", "status", "size_bytes").rows()
    assert sorted(rows) == [("link.txt", "outside", 0), ("name-\\xff.txt", "bad_name", 0)]
