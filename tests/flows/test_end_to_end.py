"""`khabar run` as a user runs it, on a landing folder of real articles and real bad input."""

from __future__ import annotations

import json
import os
import shutil
import struct
import time
import zlib
from pathlib import Path

import duckdb
import pytest

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "landing" / "seeds"
TEHRAN_SEED = "000_d1af859b2bf76117.txt"
ARABIC_SEED = "004_6115d0bf09f38642.txt"

URDU_TEXT = (
    "اسلام آباد: پاکستان اور ایران کے وزرائے خارجہ نے سرحدی سلامتی اور دہشت گردی کے خلاف تعاون پر "
    "تبادلہ خیال کیا۔ دونوں ممالک نے سرحد پر مشترکہ گشت بڑھانے پر اتفاق کیا۔"
)
ENGLISH_TEXT = (
    "KABUL, Afghanistan (April 9, 2011) - An Afghan and coalition security force detained two "
    "insurgents during an operation in Helmand province, Afghanistan, today."
)


def png_bytes() -> bytes:
    """A real 1x1 PNG image, as a scraper might save a picture under a .txt name."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def legacy_persian(text: str) -> bytes:
    """Windows-1256 as old Persian sites wrote it: Arabic ي and ك, CRLF line ends."""
    return text.replace("ی", "ي").replace("ک", "ك").replace("\n", "\r\n").encode("cp1256", errors="replace")


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("landing")
    (folder / "seeds").mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / "seeds" / seed.name)
    arabic = (SEEDS / ARABIC_SEED).read_text(encoding="utf-8")
    (folder / "legacy").mkdir()
    (folder / "legacy" / "arabic-utf16.txt").write_bytes("\ufeff".encode("utf-16-le") + arabic.encode("utf-16-le"))
    persian = (SEEDS / TEHRAN_SEED).read_text(encoding="utf-8")
    (folder / "legacy" / "persian-cp1256.txt").write_bytes(legacy_persian(persian))
    (folder / "legacy" / "empty.txt").write_bytes(b"")
    (folder / "legacy" / "photo.txt").write_bytes(png_bytes())
    lines = [
        json.dumps({"id": "ur-1", "source": "Geo News Urdu", "url": "https://urdu.geo.tv/1", "title": "پاک ایران مذاکرات", "text": URDU_TEXT}, ensure_ascii=False),
        "",
        '{"id": "broken", "text": "قطع شده',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text", "title": "بدون متن"}, ensure_ascii=False),
        json.dumps({"id": "numeric", "text": 12345}),
        json.dumps({"id": "digits", "text": "۱۴۰۳/۰۸/۱۶ — 12:30"}, ensure_ascii=False),
        json.dumps({"id": "en-1", "source": "ISAF", "published": "۱۴۰۳/۰۸/۱۶", "text": ENGLISH_TEXT}, ensure_ascii=False),
        json.dumps({"id": "zh-1", "text": "中华人民共和国外交部发言人今天在例行记者会上回答了有关阿富汗局势的问题。双方同意加强合作。"}, ensure_ascii=False),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def snapshot(warehouse: Path) -> dict:
    tables = ["articles", "rejected_inputs", "article_topics", "article_countries", "ingested_files", "topic_trends", "country_pairs"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {table: sorted(map(repr, con.execute(f"select * exclude (ingested_at) from {table}" if table == "ingested_files" else f"select * from {table}").fetchall())) for table in tables}


@pytest.fixture(scope="module")
def first_run(landing, tmp_path_factory, khabar):
    warehouse = tmp_path_factory.mktemp("warehouse") / "khabar.duckdb"
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-3000:]
    return warehouse, result


def test_run_exits_zero_and_prints_a_summary(first_run):
    _, result = first_run
    assert "articles accepted" in result.stdout
    assert "invalid_json" in result.stdout


def test_building_the_reference_is_timed_apart_from_reading(first_run):
    warehouse, _ = first_run
    (stage_seconds,) = query(warehouse, "select stage_seconds from pipeline_runs")[0]
    stages = list(json.loads(stage_seconds))
    assert stages.index("discover") < stages.index("load-reference") < stages.index("read-and-decode")


def test_every_input_is_either_an_article_or_a_rejection(first_run):
    warehouse, _ = first_run
    articles = query(warehouse, "select input_file, input_line from articles")
    rejected = query(warehouse, "select input_file, input_line from rejected_inputs")
    # 5 seeds + UTF-16 copy + cp1256 copy; feed lines 1, 8 and 9
    assert len(articles) == 10
    assert {line for file, line in articles if file == "feed.jsonl"} == {1, 8, 9}
    assert sorted((f, l) for f, l in rejected) == sorted(
        [("legacy/empty.txt", None), ("legacy/photo.txt", None)] + [("feed.jsonl", n) for n in (3, 4, 5, 6, 7)]
    )


def test_rejection_reasons_name_the_problem(first_run):
    warehouse, _ = first_run
    reasons = dict(((f, l), r) for f, l, r in query(warehouse, "select input_file, input_line, reason from rejected_inputs"))
    assert "empty" in reasons[("legacy/empty.txt", None)]
    assert "PNG image" in reasons[("legacy/photo.txt", None)]
    assert reasons[("feed.jsonl", 3)].startswith("line 3 is not valid JSON")
    assert "array" in reasons[("feed.jsonl", 4)]
    assert 'no "text"' in reasons[("feed.jsonl", 5)]
    assert "number" in reasons[("feed.jsonl", 6)]
    assert "no letters" in reasons[("feed.jsonl", 7)]


def test_each_file_read_is_remembered_by_its_size_and_time_and_an_upgraded_warehouse_learns_them(tmp_path, khabar):
    landing, warehouse = tmp_path / "landing", tmp_path / "warehouse" / "khabar.duckdb"
    landing.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, landing / seed.name)
        os.utime(landing / seed.name, (time.time() - 60, time.time() - 60))  # written a minute ago
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    recorded = {name: (size, ns) for name, size, ns in query(warehouse, "select input_file, size_bytes, modified_ns from ingested_files")}
    assert recorded == {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in landing.iterdir()}
    # As a warehouse from before modified_ns was recorded: the next night with new files records them.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update ingested_files set modified_ns = null")
    (landing / "feed.jsonl").write_text(json.dumps({"text": URDU_TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    os.utime(landing / "feed.jsonl", (time.time() - 60, time.time() - 60))
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "1 new" in result.stdout
    recorded = {name: (size, ns) for name, size, ns in query(warehouse, "select input_file, size_bytes, modified_ns from ingested_files")}
    assert recorded == {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in landing.iterdir()}


def test_legacy_encodings_decode_to_the_same_article(first_run):
    warehouse, _ = first_run
    rows = dict(query(warehouse, "select input_file, cluster_id from articles"))
    # The UTF-16 copy is the Arabic seed exactly; the cp1256 copy differs only in ي/ی, ك/ک and CRLF.
    assert rows["legacy/arabic-utf16.txt"] == rows[f"seeds/{ARABIC_SEED}"]
    assert rows["legacy/persian-cp1256.txt"] == rows[f"seeds/{TEHRAN_SEED}"]
    text = query(warehouse, "select text from articles where input_file = 'legacy/persian-cp1256.txt'")[0][0]
    assert "پاکستان" in text and "ي" not in text and "\r" not in text


def test_one_canonical_article_per_cluster(first_run):
    warehouse, _ = first_run
    clusters = query(warehouse, "select cluster_id, count(*), count(*) filter (where is_canonical) from articles group by 1")
    assert all(canonical == 1 for _, _, canonical in clusters)
    assert sorted(n for _, n, _ in clusters if n > 1) == [2, 2]


def test_languages_dates_and_metadata(first_run):
    warehouse, _ = first_run
    rows = {(f, l): rest for f, l, *rest in query(warehouse, "select input_file, input_line, language, published_date::varchar, title, source, source_method, date_method from articles")}
    # The feed's "Geo News Urdu" is the outlet sources.csv calls Geo News.
    assert rows[("feed.jsonl", 1)] == ["ur", None, "پاک ایران مذاکرات", "Geo News", "feed", None]
    assert rows[(f"seeds/{TEHRAN_SEED}", None)][3:] == [None, None, "header"]
    assert rows[("feed.jsonl", 8)][:2] == ["en", "2024-11-06"]  # Solar Hijri in Persian digits
    assert rows[("feed.jsonl", 9)][0] == "zh"
    assert rows[(f"seeds/{TEHRAN_SEED}", None)][:3] == ["fa", "2022-07-24", "تأکید ایران و پاکستان بر لزوم تامین امنیت در افغانستان"]
    assert rows[(f"seeds/{ARABIC_SEED}", None)][0] == "ar"


def test_topics_and_countries_come_from_the_seeds(first_run):
    warehouse, _ = first_run
    countries = dict(query(warehouse, f"select country, mentions from article_countries join articles using (article_id) where input_file = 'seeds/{ARABIC_SEED}'"))
    assert {"PK", "IR"} <= countries.keys()
    topics = {t for (t,) in query(warehouse, f"select topic from article_topics join articles using (article_id) where input_file = 'seeds/{ARABIC_SEED}'")}
    assert "defense_military" in topics and "natural_disaster" not in topics  # the earthquake is in "read also"


def test_marts_count_canonical_articles_only(first_run):
    warehouse, _ = first_run
    pairs = query(warehouse, "select country_a, country_b, sum(articles) from country_pairs group by all")
    assert all(a < b for a, b, _ in pairs)
    canonical_ir_pk = query(
        warehouse,
        """select count(distinct a.article_id) from articles a
           join article_countries x on a.article_id = x.article_id and x.country = 'IR'
           join article_countries y on a.article_id = y.article_id and y.country = 'PK'
           where a.is_canonical""",
    )[0][0]
    assert dict(((a, b), n) for a, b, n in pairs)[("IR", "PK")] == canonical_ir_pk


def test_second_run_changes_nothing(first_run, landing, khabar):
    warehouse, _ = first_run
    before = snapshot(warehouse)
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "0 new" in result.stdout
    assert snapshot(warehouse) == before


def test_new_and_edited_files_are_incremental(first_run, landing, khabar):
    warehouse, _ = first_run
    ids_before = dict(query(warehouse, "select input_file || coalesce(':' || input_line, ''), article_id from articles"))
    (landing / "late.jsonl").write_text(json.dumps({"text": ENGLISH_TEXT.replace("two", "three")}) + "\n", encoding="utf-8")
    feed = landing / "feed.jsonl"
    feed.write_text(feed.read_text(encoding="utf-8").replace("insurgents", "suspected insurgents"), encoding="utf-8")
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-2000:]
    # The load's copy of last night's warehouse was made while tonight's files were read.
    assert "published warehouse copied while the night was read" in result.stdout + result.stderr
    ids_after = dict(query(warehouse, "select input_file || coalesce(':' || input_line, ''), article_id from articles"))
    assert ids_after["late.jsonl:1"] not in ids_before.values()
    assert ids_after["feed.jsonl:8"] != ids_before["feed.jsonl:8"]  # edited line: new content, new id
    assert ids_after["feed.jsonl:1"] == ids_before["feed.jsonl:1"]  # unchanged line keeps its id
    assert {k: v for k, v in ids_after.items() if not k.startswith(("late", "feed"))} == {k: v for k, v in ids_before.items() if not k.startswith("feed")}
    assert query(warehouse, "select count(*) from rejected_inputs where input_file = 'feed.jsonl'")[0][0] == 5


def test_sql_reads_and_refuses_writes(first_run, khabar):
    warehouse, _ = first_run
    result = khabar("sql", "select language, count(*) as n from articles group by 1 order by 1", "--warehouse", str(warehouse))
    assert result.returncode == 0 and "fa" in result.stdout
    refused = khabar("sql", "delete from articles", "--warehouse", str(warehouse))
    assert refused.returncode == 1
    assert "refused" in refused.stderr and "Traceback" not in refused.stderr
    broken = khabar("sql", "select nope from articles", "--warehouse", str(warehouse))
    assert broken.returncode == 1 and "SQL error" in broken.stderr and "Traceback" not in broken.stderr
    assert query(warehouse, "select count(*) from articles")[0][0] > 0


def test_status_reports_the_last_run(first_run, khabar):
    warehouse, _ = first_run
    result = khabar("status", "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert "articles_accepted" in result.stdout


def test_a_copy_arriving_on_a_later_night_joins_the_earlier_story(tmp_path, khabar):
    """Night 1: the Arabic seed. Night 2: another site's copy, re-headlined, trimmed, with its chrome."""
    landing, warehouse = tmp_path / "landing", tmp_path / "khabar.duckdb"
    landing.mkdir()
    original = (SEEDS / ARABIC_SEED).read_text(encoding="utf-8")
    (landing / "night1.txt").write_text(original, encoding="utf-8")
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    body = original.split("إعلان")[0].strip().split("\n")
    copy = "باكستان وإيران تتعهدان بشراكة دفاعية دائمة\n\n" + "\n".join(body[:-2]) + "\n\nشارك الخبر\nالتعليقات مغلقة"
    (landing / "night2.txt").write_text(copy, encoding="utf-8")
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-2000:]
    rows = dict(((f, (c, k)) for f, c, k in query(warehouse, "select input_file, cluster_id, is_canonical from articles")))
    assert rows["night2.txt"][0] == rows["night1.txt"][0]
    assert rows["night1.txt"][1] and not rows["night2.txt"][1]
    assert query(warehouse, "select articles, copies from story_clusters")[0] == (2, 1)


def test_who_met_whom_from_the_seeds(first_run):
    warehouse, _ = first_run
    pairs = {(a, b): (events, stories) for a, b, events, stories in query(warehouse, "select person_a, person_b, events, stories from who_met_whom")}
    # 000: Iran's special envoy for Afghanistan met Pakistan's foreign minister; the seed's
    # UTF-16 and cp1256 copies of 000 and 004 are the same stories, not new ones.
    assert pairs[("bilawal_bhutto_zardari", "hassan_kazemi_qomi")][1] == 1
    assert pairs[("aziz_nasirzadeh", "khawaja_asif")][1] == 1
    assert ("emomali_rahmon", "mohammad_haneef_atmar") in pairs
    meetings = query(warehouse, "select country_a, country_b, sum(events), sum(stories) from meetings where kind = 'meeting' group by all")
    # 000 tells of two meetings (one earlier) in one story, 004 of one: two stories, whatever the
    # copies; the Urdu feed line's "foreign ministers of Pakistan and Iran" exchanged views: a third.
    assert {(a, b): (e, n) for a, b, e, n in meetings}[("IR", "PK")] == (4, 3)
    sentence = query(warehouse, "select sentence from events join event_actors using (event_id) where person_id = 'khawaja_asif' limit 1")[0][0]
    assert "إسلام آباد" in sentence


def test_reports_of_one_meeting_in_two_languages_and_nights_are_one_story(tmp_path, khabar):
    landing, warehouse = tmp_path / "landing", tmp_path / "khabar.duckdb"
    landing.mkdir()
    persian = "وزیر امور خارجه ایران با همتای پاکستانی خود در اسلام‌آباد دیدار و گفتگو کرد. دو طرف درباره امنیت مرزها و همکاری‌های اقتصادی گفتگو کردند."
    arabic = "التقى وزير الخارجية الإيراني عباس عراقجي نظيره الباكستاني إسحاق دار في إسلام آباد وبحث الجانبان أمن الحدود والتعاون الاقتصادي."
    later = "استقبل رئيس الوزراء الباكستاني شهباز شريف وزير الخارجية الإيراني عباس عراقجي في إسلام آباد وبحثا العلاقات التجارية ومشروع خط أنابيب الغاز بين البلدين."
    line = lambda source, published, text: json.dumps({"source": source, "published": published, "title": text[:40], "text": text}, ensure_ascii=False)  # noqa: E731
    (landing / "fars.jsonl").write_text(line("Fars News Agency", "2024-11-06", persian) + "\n", encoding="utf-8")
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    (first,) = query(warehouse, "select story_id from articles")[0]
    # Night 2: the Arabic report a day later joins the story; the same two ministers a year later are another.
    (landing / "jazeera.jsonl").write_text(line("Al Jazeera", "2024-11-07", arabic) + "\n" + line("Al Jazeera", "2025-11-10", later) + "\n", encoding="utf-8")
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-2000:]
    stories = dict(query(warehouse, "select published_date::varchar, story_id from articles"))
    assert stories["2024-11-06"] == stories["2024-11-07"] == first
    assert stories["2025-11-10"] != first
    assert query(warehouse, f"select languages, clusters from stories where story_id = '{first}'")[0] == (["ar", "fa"], 2)
    assert query(warehouse, "select sum(stories), sum(events) from meetings where country_a = 'IR' and country_b = 'PK'")[0] == (2, 2)
