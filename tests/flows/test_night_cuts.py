"""The same landing files give the same warehouse however the night is cut: into chunks, into
nights, or by a feed that grows a line at a time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from khabar.flows.nightly import SAMPLE_LANDING

FOLLOW = "ما را در تلگرام دنبال کنید @khabar_news"
STORIES = [
    "وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و درباره امنیت مرز مشترک گفتگو کرد. دو طرف بر گسترش همکاری‌های اقتصادی تأکید کردند.",
    "سفیر افغانستان در تهران درباره وضعیت مهاجران افغان در ایران با مقام‌های وزارت کشور گفتگو کرد و خواستار تمدید مدارک اقامت آنان شد.",
    "نشست امنیتی کشورهای آسیای میانه با حضور نمایندگان تاجیکستان، ازبکستان و قزاقستان برگزار شد و شرکت‌کنندگان درباره مبارزه با قاچاق مواد مخدر رایزنی کردند.",
    "مرزبانان ایران و ترکمنستان در دیداری در شهر سرخس بر همکاری بیشتر برای جلوگیری از قاچاق سوخت و کالا در نوار مرزی تأکید کردند.",
    "صادرات گاز ایران به عراق در ماه گذشته افزایش یافت و دو کشور درباره بدهی‌های معوق گازی در بغداد مذاکره کردند.",
    "هیئتی از ازبکستان به کابل سفر کرد تا درباره ساخت راه‌آهن ترمز به مزار شریف و پیشاور با مقام‌های طالبان گفتگو کند.",
]


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def site_pages(folder: Path, stories: list[str]) -> None:
    """One site's pages: each story under the same follow-us line, as scrapers save them."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, story in enumerate(stories):
        (folder / f"page-{number}.txt").write_text(f"خبر شماره {number}\n\n{story}\n{FOLLOW}\n", encoding="utf-8")


def tables(warehouse: Path) -> dict:
    return {
        "articles": sorted(query(warehouse, "select article_id, title, text, content_hash, cluster_id, is_canonical from articles")),
        "topics": sorted(query(warehouse, "select * from article_topics")),
        "countries": sorted(query(warehouse, "select * from article_countries")),
        "chrome": sorted(query(warehouse, "select source_key, line, articles, is_chrome from chrome_lines")),
        "events": sorted(query(warehouse, "select * from events")),
        "actors": sorted(query(warehouse, "select * from event_actors")),
    }


def test_chunks_do_not_change_what_is_learned_as_chrome(tmp_path, khabar):
    landing = tmp_path / "landing"
    site_pages(landing / "site-a", STORIES)
    whole, cut = tmp_path / "whole.duckdb", tmp_path / "cut.duckdb"
    assert khabar("run", "--landing", str(landing), "--warehouse", str(whole)).returncode == 0
    # Every file its own chunk: no chunk alone holds enough pages to learn the follow-us line.
    result = khabar("run", "--landing", str(landing), "--warehouse", str(cut), "--chunk-mb", "0.0001")
    assert result.returncode == 0, result.stderr[-2000:]
    assert tables(cut) == tables(whole)
    assert all(FOLLOW not in text for _, _, text, *_ in tables(cut)["articles"])


def test_worker_processes_build_the_warehouse_the_flow_builds_alone(tmp_path, khabar):
    landing = tmp_path / "landing"
    site_pages(landing / "site-a", STORIES)
    shutil.copytree(SAMPLE_LANDING, landing / "sample")  # Persian, Arabic, Urdu and English news
    alone, workers = tmp_path / "alone.duckdb", tmp_path / "workers.duckdb"
    assert khabar("run", "--landing", str(landing), "--warehouse", str(alone), "--processes", "0").returncode == 0
    result = khabar("run", "--landing", str(landing), "--warehouse", str(workers), "--processes", "2", "--chunk-mb", "0.05")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "the per-document stages compute in 2 worker processes" in result.stderr
    assert tables(workers) == tables(alone)
    assert len(tables(workers)["events"]) >= 5
    assert {language for (language,) in query(workers, "select distinct language from articles")} >= {"fa", "ar", "ur", "en"}


def test_a_small_night_uses_what_earlier_nights_learned(tmp_path, khabar):
    landing, warehouse = tmp_path / "landing", tmp_path / "khabar.duckdb"
    site_pages(landing / "site-a", STORIES[:5])
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    late = landing / "site-a" / "page-late.txt"
    late.write_text(f"خبر دیرهنگام\n\n{STORIES[5]}\n{FOLLOW}\n", encoding="utf-8")
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    (text,) = query(warehouse, "select text from articles where input_file = 'site-a/page-late.txt'")[0]
    assert "ترمز" in text and FOLLOW not in text
    assert query(warehouse, f"select count(distinct run_id) from chrome_lines where is_chrome and line = '{FOLLOW}'")[0][0] == 2


def test_an_appended_feed_keeps_its_earlier_articles_as_they_were(tmp_path, khabar):
    landing, warehouse = tmp_path / "landing", tmp_path / "khabar.duckdb"
    landing.mkdir()
    # The same undated story in two feeds: one cluster, and one of the two is its canonical copy.
    for name in ("feed-a.jsonl", "feed-b.jsonl"):
        (landing / name).write_text(json.dumps({"source": name, "title": "دیدار وزیران", "text": STORIES[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    before = dict(((f, (i, c, t)) for f, i, c, t in query(warehouse, "select input_file, article_id, is_canonical, ingested_at from articles")))
    assert sorted(c for _, c, _ in before.values()) == [False, True]
    canonical_feed = next(f for f, (_, c, _) in before.items() if c)
    with (landing / canonical_feed).open("a", encoding="utf-8") as feed:
        feed.write(json.dumps({"source": canonical_feed, "title": "مهاجران", "text": STORIES[1]}, ensure_ascii=False) + "\n")
    result = khabar("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0 and "1 changed" in result.stdout, result.stdout + result.stderr[-2000:]
    after = dict(((f, (i, c, t)) for f, i, c, t in query(warehouse, "select input_file, article_id, is_canonical, ingested_at from articles where input_line = 1")))
    assert after == before  # same ids, same canonical copy, same ingested_at: no month moves
    assert query(warehouse, f"select count(*) from articles where input_file = '{canonical_feed}'")[0][0] == 2
