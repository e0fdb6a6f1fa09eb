"""An official `people.csv` does not list, introduced by title, country and name, is a side when a
later sentence calls him by that name or its last words (`tasks/introduced.py`)."""

import datetime as dt

import pytest

from events_reading import events_of

from khabar.tasks.introduced import NameReader, named_sides


@pytest.mark.parametrize(
    "text, language, countries",
    [
        # Arabic wires: title, nisba and full name first, the surname of two words after.
        ("أعلن وزير الاقتصاد الفرنسي برونو لو مير أن الاتفاق قريب.\n"
         "وقال لو مير بعد اجتماع مع نظيره الألماني في برلين إن الخلافات تقلصت.", "ar", ["DE", "FR"]),
        # ("علي" folds to "على", on, which ends a name: a name of Ali is lost rather than risked.)
        ("قال وزير المالية القطري شريف العمادي إن الاستثمارات ستزيد.\n"
         "والتقى شريف العمادي نظيره التركي في الدوحة لبحث التعاون الاقتصادي.", "ar", ["QA", "TR"]),
        # Persian: title, country, name; then the name as the subject of a meeting.
        ("وزیر بازرگانی ترکیه ظفر چاغلایان روز دوشنبه گفت تجارت دو کشور رشد کرده است.\n"
         "ظفر چاغلایان در دیدار با وزیر صنعت ایران درباره گسترش تجارت گفتگو کرد.", "fa", ["IR", "TR"]),
    ],
)
def test_a_name_the_article_gave_a_title_is_that_side_later(text, language, countries):
    (event,) = events_of(text, language)
    assert event["kind"] == "meeting"
    assert sorted(country for country, _, _ in event["sides"]) == countries


@pytest.mark.parametrize(
    "text, language",
    [
        # Named, but never given a title: whose minister he is, the article does not say.
        ("قال علي شريف العمادي إن الاستثمارات ستزيد.\nوالتقى شريف العمادي نظيره التركي في الدوحة.", "ar"),
        # A name of one word is too often something else to carry a country.
        ("قال وزير المالية القطري العمادي إن الاستثمارات ستزيد.\nوالتقى العمادي نظيره التركي في الدوحة.", "ar"),
        # The name comes after the meeting: a reader does not look ahead for who met whom.
        ("والتقى شريف العمادي نظيره التركي في الدوحة.\nوقال وزير المالية القطري علي شريف العمادي إن الاستثمارات ستزيد.", "ar"),
    ],
)
def test_no_side_from_a_name_without_an_earlier_title(text, language):
    assert events_of(text, language) == []


def test_a_name_ends_at_a_word_that_cannot_be_part_of_it():
    from khabar.tasks.actors import Actor

    reader = NameReader(frozenset({"ان", "وزیر", "الفرنسی"}).__contains__)
    words = "وزیر المال الفرنسی برونو لو ان".split()
    title = Actor("وزیر", None, "FR", "other_minister", 0, 1)
    aliases = reader.introductions(words, [title], [("FR", 2, 3)])
    assert set(aliases) == {("برونو", "لو")}
    assert [(side.country, side.start, side.end) for side in named_sides("قال برونو لو الیوم".split(), aliases)] == [("FR", 1, 3)]


# Persian agency style: the lead names the official by title, the body's credit line by name.
AGENCY_LEAD = "خبرگزاری فارس: وزیر اقتصاد ترکیه گفت: تجارت دو کشور امسال رشد کرده است."
AGENCY_BODY = "به گزارش خبرنگار اقتصادی خبرگزاری فارس، نهاد زیبکچی که در دیدار با وزیر صنعت ایران سخن می‌گفت، افزود: ترکیه آماده همکاری است."


def test_the_name_after_a_persian_credit_line_is_the_official_the_lead_named_by_title():
    (event,) = events_of(f"{AGENCY_LEAD}\n{AGENCY_BODY}", "fa", source="Fars News Agency")
    assert event["kind"] == "meeting"
    assert sorted(country for country, _, _ in event["sides"]) == ["IR", "TR"]


@pytest.mark.parametrize(
    "lead, body",
    [
        # Two officials in the lead: whose name the credit line gives, a reader cannot tell.
        ("خبرگزاری فارس: وزیر اقتصاد ترکیه و سفیر روسیه گفتند: تجارت رشد کرده است.", AGENCY_BODY),
        # The lead does not open with the official: he is not its subject.
        ("خبرگزاری فارس: در نشست دیروز آنکارا که با حضور کارشناسان برگزار شد وزیر اقتصاد ترکیه گفت: تجارت رشد کرده است.", AGENCY_BODY),
        # No comma closes a credit: where the name starts is not known.
        (AGENCY_LEAD, AGENCY_BODY.replace("فارس،", "فارس")),
        # The name is not after a credit line at all.
        (AGENCY_LEAD, AGENCY_BODY.replace("به گزارش خبرنگار اقتصادی خبرگزاری فارس، ", "")),
    ],
)
def test_no_name_from_a_credit_line_that_does_not_follow_a_lead_official(lead, body):
    assert events_of(f"{lead}\n{body}", "fa", source="Fars News Agency") == []


@pytest.mark.parametrize(
    "text",
    [
        # The credit line names someone listed in people.csv: he is who he is, not the lead's title.
        "خبرگزاری فارس: وزیر امور خارجه ترکیه گفت: روابط دو کشور خوب است.\n"
        "به گزارش فارس، محمدجواد ظریف در تهران با وزیر کشور ایران دیدار کرد.",
        # A bare title in a regional outlet's lead names no country for the name after it.
        "نخست وزیر کیر استارمر امروز در لندن گفت که تجارت مهم است.\nکیر استارمر با وزیر امور خارجه پاکستان دیدار کرد.",
    ],
)
def test_no_side_from_a_name_the_lead_does_not_say_whose_it_is(text):
    sides = [side for event in events_of(text, "fa", dt.date(2017, 1, 1), "Fars News Agency") for side in event["sides"]]
    assert ("TR", "mevlut_cavusoglu", "foreign_minister") not in sides and not any(country == "IR" and role == "head_of_government" for country, _, role in sides)
