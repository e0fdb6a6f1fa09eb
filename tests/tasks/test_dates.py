import datetime as dt
from pathlib import Path

import pytest

from khabar.tasks.dates import MonthNames, parse_published

MONTHS = MonthNames.from_csv(Path(__file__).resolve().parents[2] / "sql" / "seeds" / "calendar_months.csv")


@pytest.mark.parametrize(
    "written, expected, precision",
    [
        ("1403/08/16", "2024-11-06", "day"),  # Solar Hijri, numeric
        ("۱۴۰۳/۰۸/۱۶", "2024-11-06", "day"),  # Persian digits
        ("١٤٠٣-٠٨-١٦", "2024-11-06", "day"),  # Arabic-Indic digits
        ("1382-07-11", "2003-10-03", "day"),  # Fars News' form
        ("16 آبان 1403", "2024-11-06", "day"),
        ("یکشنبه 2 مرداد 1401", "2022-07-24", "day"),
        ("12 حمل 1399", "2020-03-31", "day"),  # Afghan month name
        ("الإثْنَيْن 27 شوال 1445", "2024-05-06", "day"),  # lunar Hijri, with harakat
        ("18 سپتامبر 2020 ، 08:55", "2020-09-18", "day"),
        ("Sun, 17 Jun 2018 10:20:57 +0400", "2018-06-17", "day"),
        ("April 9, 2011", "2011-04-09", "day"),
        ("5 марта 2021 года", "2021-03-05", "day"),
        ("17 يونيو 2018", "2018-06-17", "day"),
        ("اپریل 2021", "2021-04-01", "month"),
    ],
)
def test_written_dates(written, expected, precision):
    found = parse_published(written, MONTHS)
    assert (found.date, found.precision) == (dt.date.fromisoformat(expected), precision)


@pytest.mark.parametrize("written", ["", "همه 2020 نفر", "1403/13/40", "نامشخص"])
def test_no_date_is_invented(written):
    assert parse_published(written, MONTHS) is None


@pytest.mark.parametrize(
    "written, expected",
    [
        ("سه شنبه سوم شهریور ۱۳۹۴", "2015-08-25"),  # an Iranian page header: the day as an ordinal word
        ("بیست و سوم مهر 1399", "2020-10-14"),
        ("بیستویکم مهر 1399", "2020-10-12"),  # ZWNJs lost: the ordinal's parts run together
        ("سی ام آذر 1398", "2019-12-21"),
        ("اول فروردین 1400", "2021-03-21"),
        ("الحادي والعشرين من يونيو 2018", "2018-06-21"),
        ("(Sept. 2, 2012)", "2012-09-02"),  # dotted abbreviations
        ("Oct. 6, 2012", "2012-10-06"),
        ("Jan. 15, 2013", "2013-01-15"),
    ],
)
def test_ordinal_days_and_dotted_months(written, expected):
    found = parse_published(written, MONTHS)
    assert (found.date, found.precision) == (dt.date.fromisoformat(expected), "day")
