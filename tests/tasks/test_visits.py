"""Visits: who made them and where they went, read from real-looking sentences."""

import datetime as dt

import pytest

from events_reading import events_of


@pytest.mark.parametrize(
    ("text", "language", "visitor", "place"),
    [
        ("د امریکا د بهرنیو چارو وزیر مایک پمپیو په مارچ میاشت کې پاکستان ته سفر کړی و.", "ps", "US", ("پاکستان", "PK")),
        ("د افغانستان ولسمشر محمد اشرف غني بریتانیې ته د خپل رسمي سفر په ترڅ کې له لوبغاړو سره وکتل.", "ps", "AF", ("بریتانیې", "GB")),
        ("محمد جواد ظریف وزیر امور خارجه ایران برای دیداری دو روزه به ترکیه سفر کرد.", "fa", "IR", ("ترکیه", "TR")),
        ("Iranian Foreign Minister Abbas Araghchi travelled to Pakistan on Monday.", "en", "IR", ("Pakistan", "PK")),
    ],
)
def test_a_visit_to_a_country_has_one_side_and_where_it_went(text, language, visitor, place):
    (event,) = events_of(text, language)
    assert event["kind"] == "visit" and (event["place"], event["place_country"]) == place
    assert {country for country, _, _ in event["sides"]} == {visitor}


def test_a_country_after_to_far_from_the_visit_is_not_where_it_went():
    # "during his visit to Turkey ... Israel's attack on Syria": Turkey, not Syria.
    text = "محمد جواد ظریف وزیر امور خارجه ایران در سفر به ترکیه درباره حمله اسرائیل به سوریه گفتگو کرد."
    (event,) = events_of(text, "fa")
    assert event["place_country"] == "TR"


def test_the_visitor_is_the_subject_not_the_host_named_before_the_verb():
    # "Araghchi, at the invitation of his Pakistani counterpart, travelled to Islamabad"
    (event,) = events_of("عراقچی به دعوت همتای پاکستانی خود به اسلام‌آباد سفر کرد.", "fa")
    assert (event["kind"], event["place_country"]) == ("visit", "PK")
    assert [(country, person) for country, person, _ in event["sides"]] == [("IR", "abbas_araghchi")]


def test_a_visit_is_the_visitors_not_the_speakers():
    # "Iran's foreign minister, reacting to the US secretary of state's trip to Saudi Arabia, said ..."
    text = "وزیر امور خارجه ایران در واکنش به سفر وزیر خارجه آمریکا به عربستان گفت این سفر بی‌نتیجه است."
    (event,) = events_of(text, "fa")
    assert event["kind"] == "visit" and event["place_country"] == "SA"
    assert {country for country, _, _ in event["sides"]} == {"US"}


@pytest.mark.parametrize(
    ("text", "visitor", "went_to"),
    [
        # where the visit went, not where the visitor had been
        ("نخست‌وزیر پاکستان پس از دیدار با مقامات در تهران به مسکو سفر کرد.", "PK", "RU"),
        ("وزیر خارجه پاکستان پس از نشست در اسلام‌آباد به تهران سفر کرد.", "PK", "IR"),
        # a four-word title between the visit's noun and its "to"
        ("سفر وزیر امور خارجه آمریکا به عربستان با انتقاد ایران روبرو شد.", "US", "SA"),
    ],
)
def test_a_visit_goes_where_its_to_says(text, visitor, went_to):
    (event,) = events_of(text, "fa")
    assert event["kind"] == "visit" and event["place_country"] == went_to
    assert {country for country, _, _ in event["sides"]} == {visitor}


@pytest.mark.parametrize(
    ("text", "language", "place_country"),
    [
        # Uzbek glues "to" and "in" on the name: "Kobulga" is to Kabul, "Toshkentda" in Tashkent
        ("Oʻzbekiston tashqi ishlar vaziri Baxtiyor Saidov Kobulga tashrif buyurdi.", "uz", "AF"),
        ("Вазири корҳои хориҷии Тоҷикистон Сироҷиддин Муҳриддин ба Исломобод сафар кард.", "tg", "PK"),
    ],
)
def test_tajik_and_uzbek_visits_go_where_their_to_says(text, language, place_country):
    (event,) = events_of(text, language, dt.date(2023, 3, 1))
    assert (event["kind"], event["place_country"]) == ("visit", place_country)


def test_an_uzbek_place_is_read_from_its_locative_ending():
    text = "Oʻzbekiston Prezidenti Shavkat Mirziyoyev Toshkentda Pokiston Bosh vaziri Shahboz Sharif bilan uchrashdi."
    (event,) = events_of(text, "uz", dt.date(2023, 3, 1))
    assert (event["kind"], event["place_country"]) == ("meeting", "UZ")
    assert {person for _, person, _ in event["sides"]} == {"shavkat_mirziyoyev", "shehbaz_sharif"}


@pytest.mark.parametrize(
    ("text", "language", "visitor", "went_to"),
    [
        # "Araghchi, after his consultations in Pakistan, told reporters": he was there; whom he met is not said
        ("سید عباس عراقچی، وزیر امور خارجه ایران پس از رایزنی‌های خود در پاکستان در جمع خبرنگاران گفت: ملاقات‌های بسیار خوبی انجام شد.", "fa", "IR", "PK"),
        ("وزیر امور خارجه ایران در پایان مذاکرات خود در اسلام‌آباد گفت که دو کشور به توافقات خوبی رسیدند.", "fa", "IR", "PK"),
        ("Iranian Foreign Minister Abbas Araghchi said after his talks in Islamabad that the two sides agreed to work together.", "en", "IR", "PK"),
    ],
)
def test_an_officials_own_talks_in_another_country_are_a_visit_there(text, language, visitor, went_to):
    (event,) = events_of(text, language)
    assert (event["kind"], event["place_country"]) == ("visit", went_to)
    assert {country for country, _, _ in event["sides"]} == {visitor}


def test_its_own_positions_in_a_country_are_no_visit_there():
    # "... spoke in his meetings of the region's support for its positions in Syria"
    text = "وزیر امور خارجه ایران از حمایت کشورهای منطقه از مواضع خود در سوریه در دیدارهای خود سخن گفت."
    assert all(event["place_country"] != "SY" for event in events_of(text, "fa"))


def test_talks_about_a_country_held_elsewhere_are_no_visit_to_it():
    # "Iran's foreign minister, in talks on Afghanistan, said": no "his own talks in", no visit
    assert events_of("وزیر امور خارجه ایران در مذاکرات درباره صلح در افغانستان گفت که ایران از گفتگوی بین‌الافغانی حمایت می‌کند.", "fa") == []


@pytest.mark.parametrize(
    "text",
    [
        # The parts of a name written joined, as Persian writers often do ("صفارهرندی", "شاه‌محمود"),
        # though people.csv lists them apart.
        "محمدحسین صفار هرندی از سفر به آمریکا سخن گفت.\nصفارهرندی به سفر اخیر خود به اسپانیا برای شرکت در نشست اشاره کرد.",
        "شاه‌محمود قریشی به آمریکا سفر کرد.\nشاه‌محمود قریشی پس از آن به اسپانیا سفر کرد.",
    ],
)
def test_a_second_visit_of_one_side_elsewhere_is_another_event(text):
    visits = events_of(text, "fa", dt.date(2008, 1, 1) if "صفار" in text else dt.date(2019, 1, 1))
    assert sorted(event["place_country"] for event in visits) == ["ES", "US"]
    assert len({person for event in visits for _, person, _ in event["sides"]} - {None}) == 1
