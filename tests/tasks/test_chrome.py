"""Page chrome learned from what a source repeats: across the whole night and earlier nights."""

from pathlib import Path

import polars as pl

from khabar.tasks.chrome import Chrome, learn_chrome, short_lines
from khabar.tasks.clean import clean_articles
from khabar.tasks.dates import MonthNames
from khabar.tasks.sources import Sources

ROOT = Path(__file__).resolve().parents[2]
MONTHS = MonthNames.from_csv(ROOT / "sql" / "seeds" / "calendar_months.csv")
SOURCES = Sources.from_seeds(ROOT / "sql" / "seeds")


def test_a_line_one_source_repeats_across_its_articles_is_learned_as_chrome():
    bodies = [
        "وزیر امور خارجه ایران با همتای پاکستانی خود دیدار کرد.",
        "سفیر افغانستان در تهران درباره مهاجران سخن گفت.",
        "نشست امنیتی کشورهای آسیای میانه در دوشنبه برگزار شد.",
        "مرزبانان دو کشور بر همکاری بیشتر تأکید کردند.",
        "صادرات گاز ایران به عراق افزایش یافت.",
        "هیئتی از ازبکستان به کابل سفر کرد.",
    ]
    follow = "ما را در تلگرام دنبال کنید @khabar_news"
    frame = pl.DataFrame(
        {"article_id": [str(i) for i in range(6)], "input_file": [f"site-a/{i}.txt" for i in range(6)], "input_line": [None] * 6,
         "raw_text": [f"{body}\n{follow}" for body in bodies], "language": ["fa"] * 6,
         "feed_title": ["عنوان"] * 6, "feed_published": [None] * 6, "feed_source": [None] * 6, "feed_url": [None] * 6},
        schema_overrides={"input_line": pl.Int64, "feed_published": pl.String, "feed_source": pl.String, "feed_url": pl.String},
    )
    learned, sources = learn_chrome(short_lines(frame))
    assert learned.filter("is_chrome").select("source_key", "line").rows() == [("site-a", follow)]
    assert sources.rows() == [("site-a", 6)]
    # Learned from the whole night: read in two chunks, the same lines are chrome.
    halves = pl.concat([short_lines(frame.slice(0, 3)), short_lines(frame.slice(3))])
    assert learn_chrome(halves)[0].equals(learned)
    cleaned = clean_articles(frame, Chrome(pl.read_csv(ROOT / "sql" / "seeds" / "chrome_phrases.csv"), learned), MONTHS, SOURCES).kept
    assert all("تلگرام" not in text for text in cleaned["text"])
    assert cleaned["text"].to_list()[0].startswith("وزیر امور خارجه ایران")


def test_chrome_a_source_repeated_on_earlier_nights_is_learned_from_a_small_night():
    follow = "ما را در تلگرام دنبال کنید @khabar_news"
    bodies = ["وزیر امور خارجه ایران با همتای پاکستانی خود دیدار کرد.", "صادرات گاز ایران به عراق افزایش یافت."]
    frame = pl.DataFrame(
        {"raw_text": [f"{body}\n{follow}" for body in bodies], "feed_source": ["Fars"] * 2, "feed_url": [None] * 2, "input_file": ["a.jsonl"] * 2},
        schema_overrides={"feed_url": pl.String},
    )
    alone, _ = learn_chrome(short_lines(frame))
    assert not alone["is_chrome"].any()  # two articles are too few to tell chrome from news
    earlier_lines = pl.DataFrame({"source_key": ["Fars"], "line": [follow], "articles": [9]})
    earlier_sources = pl.DataFrame({"source_key": ["Fars"], "articles": [12]})
    learned, sources = learn_chrome(short_lines(frame), earlier_lines, earlier_sources)
    assert learned.filter("is_chrome").select("source_key", "line", "articles").rows() == [("Fars", follow, 2)]
    assert sources.rows() == [("Fars", 2)]  # tonight's own count; the earlier nights are already stored
    # A line an earlier night saw once in a big source stays news.
    rare = learn_chrome(short_lines(frame), earlier_lines.with_columns(articles=pl.lit(1)), earlier_sources.with_columns(articles=pl.lit(40)))[0]
    assert not rare["is_chrome"].any()


def test_one_story_sent_three_times_is_not_learned_as_chrome():
    story = "وزیر امور خارجه ایران با همتای پاکستانی خود دیدار کرد.\nدو طرف بر همکاری امنیتی در مرز مشترک تأکید کردند."
    others = ["سفیر افغانستان در تهران درباره مهاجران سخن گفت.", "صادرات گاز ایران به عراق افزایش یافت."]
    texts = [story, story, story, *others]
    frame = pl.DataFrame(
        {"article_id": [str(i) for i in range(5)], "input_file": [f"site-a/{i}.txt" for i in range(5)], "input_line": [None] * 5,
         "raw_text": texts, "language": ["fa"] * 5, "feed_title": ["عنوان"] * 5, "feed_published": [None] * 5, "feed_source": [None] * 5,
         "feed_url": [f"https://site-a.example/{i}" for i in range(5)]},
        schema_overrides={"input_line": pl.Int64, "feed_published": pl.String, "feed_source": pl.String},
    )
    learned, _ = learn_chrome(short_lines(frame))
    assert not learned["is_chrome"].any()
    split = clean_articles(frame, Chrome(pl.read_csv(ROOT / "sql" / "seeds" / "chrome_phrases.csv"), learned), MONTHS, SOURCES)
    assert split.rejected.is_empty() and split.kept.height == 5
