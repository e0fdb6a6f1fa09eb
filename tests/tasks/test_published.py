"""Where the article's own date is, and what is only an event date (real strings from the corpus and seeds)."""

import datetime as dt

import pytest
from pathlib import Path

from khabar.tasks.dates import MonthNames
from khabar.tasks.published import find_published

MONTHS = MonthNames.from_csv(Path(__file__).resolve().parents[2] / "sql" / "seeds" / "calendar_months.csv")


def published(text: str, feed: str | None = None, url: str | None = None):
    return find_published(text.split("\n"), feed, url, MONTHS, raw_lines=text.split("\n"))[1]


def test_the_feed_date_wins():
    found = published("KABUL, Afghanistan (Jan. 15, 2013) – An Afghan and coalition security force arrested a Taliban facilitator.", feed="1382-07-11")
    assert (found.date.date, found.method) == (dt.date(2003, 10, 3), "feed")


def test_a_date_in_the_url():
    found = published("باتت باريس وبرلين قريبتين جدا من اتفاق", url="https://www.alarabiya.net/ar/aswaq/economy/2018/06/17/x.html")
    assert (found.date.date, found.method) == (dt.date(2018, 6, 17), "url")


def test_a_dateline_with_a_dotted_month():
    found = published("KABUL, Afghanistan (Sept. 2, 2012) – Afghan and coalition forces detained two insurgents today.")
    assert (found.date.date, found.method) == (dt.date(2012, 9, 2), "dateline")


def test_a_dateline_takes_its_year_from_the_release_number():
    text = "2011-01-S-169\nFor Immediate Release\n\nKABUL, Afghanistan (Jan. 15) – An air weapons team killed two insurgents in Lashkar Gah district."
    found = published(text)
    assert (found.date.date, found.method) == (dt.date(2011, 1, 15), "dateline")


def test_an_outlet_dateline_with_a_numeric_date():
    text = "Avesta.Tj | 20/09/2020 | امامعلی رحمان رئیس جمهور تاجیکستان روز گذشته در دوشنبه با محمد حنیف اتمر دیدار کرد."
    found = published(text)
    assert (found.date.date, found.method) == (dt.date(2020, 9, 20), "dateline")


def test_a_header_date_written_with_an_ordinal_day():
    text = "سه شنبه سوم شهریور ۱۳۹۴\n\nوزیر امور خارجه کشورمان با همتای پاکستانی خود دیدار و گفتگو کرد."
    found = published(text)
    assert (found.date.date, found.method) == (dt.date(2015, 8, 25), "header")


def test_a_date_stamp_after_the_headline():
    found = published("امامعلی رحمان با وزیر امور خارجه افغانستان دیدار کرد 18 سپتامبر 2020 ، 08:55\n\nمتن خبر در اینجا ادامه دارد و طولانی است.")
    assert (found.date.date, found.method) == (dt.date(2020, 9, 18), "header")


def test_a_date_line_at_the_foot():
    paragraphs = ["وزیر خارجه پاکستان با همتای ایرانی خود در اسلام آباد دیدار کرد.", "دو طرف بر همکاری امنیتی تأکید کردند."] * 5
    text = "\n".join(paragraphs) + "\n16 آبان 1403"
    found = published(text)
    assert (found.date.date, found.method) == (dt.date(2024, 11, 6), "foot")


def test_event_dates_in_the_body_are_not_publication_dates():
    # A visit in the body (seed 001), a sentence about 2017 (BBC Arabic), a law's year, a match long ago.
    for text in [
        "شاه محمود قریشی، وزیر امور خارجه پاکستان، در جریان سفر به دوشنبه، پایتخت قزاقستان در اپریل 2021، با همتای تاجیک خود گفتگو کرد.",
        "وفي أبريل/نيسان 2017، أطلق سراح لمجرد مع الإبقاء على سوار إلكتروني يلف ساقه.",
        "The law passed on March 3, 2009 gave the ministry new powers over the border crossings.",
        "سلیمان لالانی نے 10 جنوری 2023 کو اسمبلی کی نشست سنبھالی تھی۔",
    ]:
        found = published("عنوان الخبر\n\n" + text)
        assert found.date is None and found.method is None, text


@pytest.mark.parametrize(
    "header, expected",
    [
        ("سه شنبه سوم شهریور ۱۳۹۴", "2015-08-25"),
        ("پنجشنبه بیست و سوم اردیبهشت ۱۳۸۹", "2010-05-13"),
        ("جمعه سی ام اسفند ۱۳۸۷ساعت 19:47", "2009-03-20"),
        ("پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲", "2015-09-17"),
        ("سه شنبه 17 شهریور 1394 ساعت 18 و 21 دقیقه و 44 ثانیه", "2015-09-08"),
    ],
)
def test_iranian_page_headers(header, expected):
    body = "وزیر امور خارجه کشورمان با همتای پاکستانی خود در تهران دیدار و گفتگو کرد و دو طرف بر همکاری تأکید کردند."
    found = published(f"عنوان خبر\n{header}\n\n{body}")
    assert (str(found.date.date), found.method) == (expected, "header")


def test_a_pashto_agency_dateline():
    found = published("د افغانستان او پاکستان د بهرنیو چارو وزیرانو لیدنه\n\nکابل (پژواک، ۱۲ لیندۍ ۱۳۹۹): د افغانستان د بهرنیو چارو وزیر له پاکستاني سیال سره ولیدل.")
    assert (str(found.date.date), found.method) == ("2020-12-02", "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "Since March 2011 — when the uprising began — the border has been closed to trade.",  # history, not a dateline
        "منذ مارس 2011 - بدأت الاحتجاجات في المدن الكبرى وتوسعت بعد ذلك إلى الريف.",
        "الأسبوع الأول من مارس 2020",  # an ordinal of a week, not a day
        "نیمه دوم خرداد 1399",
        "هفته اول مهر 1399",
    ],
)
def test_history_and_ordinal_weeks_are_not_dates_of_the_article(text):
    found = published(f"عنوان خبر\n{text}\n\nوزیر امور خارجه کشورمان با همتای پاکستانی خود در تهران دیدار و گفتگو کرد.")
    assert found.date is None, text


def test_arabic_time_words_beside_a_header_date():
    found = published("عنوان الخبر\nالأحد 15 مارس 2020 الساعة 10:30 بتوقيت مكة\n\nجددت باكستان وإيران تأكيد التزامهما بتعزيز العلاقات الثنائية.")
    assert (str(found.date.date), found.method) == ("2020-03-15", "header")


def test_a_url_gives_a_date_only_with_its_day():
    assert published("متن", url="https://www.alarabiya.net/ar/2018/06/17.html").date.date == dt.date(2018, 6, 17)
    assert published("متن", url="https://example.com/2019/10-killed-in-kabul").date is None


def test_a_short_headline_that_names_a_date_stays_the_headline():
    from khabar.tasks.clean import CleanConfig, clean_article
    from khabar.tasks.chrome import Chrome
    from khabar.tasks.sources import Sources
    import polars as pl

    seeds = Path(__file__).resolve().parents[2] / "sql" / "seeds"
    row = {"raw_text": "انفجار در کابل ۲۵ اسفند ۱۳۹۸\n\nیک انفجار در شهر کابل چندین کشته و زخمی بر جای گذاشت و نیروهای امنیتی منطقه را بستند.",
           "language": "fa", "feed_title": None, "feed_published": None, "feed_source": None, "feed_url": None}
    cleaned = clean_article(row, Chrome(pl.read_csv(seeds / "chrome_phrases.csv")), MONTHS, Sources.from_seeds(seeds), CleanConfig())
    assert cleaned["title"] == "انفجار در کابل 25 اسفند 1398" and cleaned["published_date"] is None


def test_pashto_dates_written_year_first():
    from khabar.tasks.dates import parse_published

    assert str(parse_published("د ۱۴۰۰ کال د وري په ۱۵مه", MONTHS).date) == "2021-04-04"
    assert str(parse_published("د ۲۰۲۱ کال د اپریل ۱۰مه", MONTHS).date) == "2021-04-10"
