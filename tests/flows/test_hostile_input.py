"""One bad file or line never stops a night: `khabar run` on hostile input, as a scraper drops it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

PERSIAN = (
    "وزیر امور خارجه کشورمان با همتای پاکستانی خود در اسلام آباد دیدار و گفتگو کرد. "
    "دو طرف بر گسترش همکاری‌های امنیتی و اقتصادی و مقابله با تروریسم در مرز مشترک تأکید کردند."
)
ARABIC = "جددت باكستان وإيران تأكيد التزامهما بتعزيز العلاقات الثنائية ودعم السلام والاستقرار في المنطقة."


@pytest.fixture(scope="module")
def hostile_night(tmp_path_factory, khabar):
    landing = tmp_path_factory.mktemp("hostile")
    lines = [
        json.dumps({"id": "surrogate", "title": "عنوان \ud83d", "text": PERSIAN + " \ud83d"}),  # half an emoji, as JavaScript cuts it
        "[" * 100_000,
        '{"id": ' + "7" * 5000 + ', "text": ' + json.dumps(ARABIC) + "}",  # an id of 5,000 digits
        json.dumps({"id": "offset", "published": "Sun, 17 Jun 2018 10:20:57 +99999999", "text": PERSIAN.replace("اسلام آباد", "تهران")}),
    ]
    (landing / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (landing / "utf16-no-bom.txt").write_bytes(ARABIC.encode("utf-16-le"))
    long_text = "\n".join([PERSIAN] * 40).encode("utf-8")
    (landing / "one-bad-byte.txt").write_bytes(long_text[:3001] + b"\xff" + long_text[3001:])
    os.symlink("/etc/passwd", landing / "passwd.txt")
    Path(os.fsdecode(os.fsencode(landing) + b"/bad-\xff-name.txt")).write_text(ARABIC, encoding="utf-8")
    warehouse = tmp_path_factory.mktemp("hostile-warehouse") / "khabar.duckdb"
    first = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    second = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return warehouse, first, second


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_night_runs_and_the_next_finds_nothing_new(hostile_night):
    _, first, second = hostile_night
    assert first.returncode == 0, first.stderr[-2000:]
    assert second.returncode == 0 and "0 new" in second.stdout, second.stdout[-2000:]


def test_bad_lines_are_refused_alone_and_good_ones_kept(hostile_night):
    warehouse, _, _ = hostile_night
    kept = dict(query(warehouse, "select input_line, text from articles where input_file = 'feed.jsonl'"))
    assert sorted(kept) == [1, 3, 4]
    assert "\ufffd" in kept[1] and kept[1].startswith("وزیر امور خارجه")  # the half emoji became U+FFFD
    refused = query(warehouse, "select input_line, reason_kind, reason from rejected_inputs where input_file = 'feed.jsonl'")
    assert [(line, kind) for line, kind, _ in refused] == [(2, "invalid_json")]
    assert "nested too deeply" in refused[0][2]


def test_files_that_must_not_be_read_are_reported_not_read(hostile_night):
    warehouse, _, _ = hostile_night
    refused = {file: kind for file, kind in query(warehouse, "select input_file, reason_kind from rejected_inputs where input_line is null")}
    assert refused == {"passwd.txt": "outside_landing", "bad-\\xff-name.txt": "bad_file_name"}
    assert not query(warehouse, "select 1 from articles where raw_text like '%root:%'")


def test_encodings_without_a_mark_and_a_stray_byte_are_decoded(hostile_night):
    warehouse, _, _ = hostile_night
    rows = dict(query(warehouse, "select input_file, language from articles where input_line is null"))
    assert rows == {"utf16-no-bom.txt": "ar", "one-bad-byte.txt": "fa"}


def test_the_published_warehouse_holds_no_views_over_staging_files(hostile_night):
    warehouse, _, _ = hostile_night
    views = [name for (name,) in query(warehouse, "select view_name from duckdb_views() where not internal")]
    assert views and not [name for name in views if name.startswith("staged_")]
    for name in views:  # every view an analyst finds can be queried (the staging files are gone)
        query(warehouse, f"select count(*) from {name}")
