"""Sides of an event the older archives and diplomatic prose name: officials of 2001-2014, the
"سید" typists join to a first name, "the Pakistani side", and Persian plurals of meetings."""

import datetime as dt

import pytest

from events_reading import events_of


@pytest.mark.parametrize(
    "text, language, published, people",
    [
        # Fars, 2003: "سید" joined to the first name, the title without its country.
        ("سيدمحمد خاتمي رئيس جمهوري در ديدار خسوس پرز وزير امور خارجه ونزوئلا ابراز اميدواري كرد.", "fa", dt.date(2003, 5, 4),
         [("IR", "mohammad_khatami"), ("VE", None)]),
        ("محمود احمدی‌نژاد در ملاقات با حامد کرزی درباره امنیت مرزها گفت‌وگو کرد.", "fa", dt.date(2007, 8, 14),
         [("AF", "hamid_karzai"), ("IR", "mahmoud_ahmadinejad")]),
        ("واستقبل الرئيس الأفغاني حامد كرزاي وزير الخارجية الإيراني منوشهر متكي في كابول.", "ar", dt.date(2008, 1, 20),
         [("AF", "hamid_karzai"), ("IR", "manouchehr_mottaki")]),
        ("President George W. Bush met with Pakistani President Pervez Musharraf at the White House.", "en", dt.date(2006, 9, 22),
         [("PK", "pervez_musharraf"), ("US", "george_w_bush")]),
    ],
)
def test_officials_of_the_older_archives_are_sides(text, language, published, people):
    (event,) = events_of(text, language, published)
    assert event["kind"] == "meeting"
    assert [(country, person) for country, person, _ in event["sides"]] == people


@pytest.mark.parametrize(
    "text, language",
    [
        ("وبحث وزير الخارجية الإيراني مع الجانب الباكستاني في إسلام آباد سبل تعزيز التعاون.", "ar"),
        ("The Iranian foreign minister met with the Pakistani side in Islamabad on Monday.", "en"),
    ],
)
def test_a_countrys_side_is_its_delegation(text, language):
    (event,) = events_of(text, language)
    assert event["sides"] == [("IR", None, "foreign_minister"), ("PK", None, "delegation")]


def test_persian_plural_meetings_with_the_ezafe_are_meetings():
    text = "وزیر امور خارجه ایران گفت که رایزنی‌های او با نخست‌وزیر پاکستان در اسلام‌آباد بسیار سازنده بود."
    (event,) = events_of(text, "fa")
    assert event["kind"] == "meeting" and event["place_country"] == "PK"
    assert event["sides"] == [("IR", None, "foreign_minister"), ("PK", None, "head_of_government")]


@pytest.mark.parametrize(
    "text, language, kind, countries",
    [
        ("د سپټمبر میاشتې پر ۱۵ نیټه د امریکا په مرسته د بحرین او اسرائیل ترمنځ یو تړون لاسلیک شو.", "ps", "agreement", ["BH", "IL"]),
        ("Talks between India and Pakistan were held in Islamabad on Tuesday.", "en", "meeting", ["IN", "PK"]),
        # one side an official, the other only the country after "between"
        ("وأجرى وزير الخارجية الإيراني مباحثات بين إيران وباكستان في طهران.", "ar", "meeting", ["IR", "PK"]),
    ],
)
def test_the_countries_between_which_talks_or_a_signing_were_are_its_sides(text, language, kind, countries):
    (event,) = events_of(text, language)
    assert event["kind"] == kind and [country for country, _, _ in event["sides"]] == countries


def test_a_between_far_from_the_frame_is_the_subject_not_the_sides():
    text = "وزیر امور خارجه ایران دیروز در تهران دیدار کرد و درباره مرز طولانی و پرتردد بین افغانستان و پاکستان سخن گفت."
    assert events_of(text, "fa") == []


def test_a_title_takes_no_country_across_with_on_the_side_the_language_puts_it():
    # "وزیر دفاع ... با سفیر ترکیه": Turkey is the ambassador's, not the untitled defence minister's.
    text = "وزیر دفاع در دیدار با سفیر ترکیه و رئیس جمهور ایران درباره همکاری نظامی گفت‌وگو کرد."
    (event,) = events_of(text, "fa")
    assert event["sides"] == [("IR", None, "head_of_state"), ("TR", None, "ambassador")]


@pytest.mark.parametrize(
    "text, language, published, sides",
    [
        ("National Security Adviser Ajit Doval met Russian Security Council Secretary Nikolai Patrushev in Moscow.", "en", dt.date(2021, 9, 8),
         [("IN", "ajit_doval"), ("RU", "nikolai_patrushev")]),
        ("دبیر شورای عالی امنیت ملی ایران با مشاور امنیت ملی افغانستان در تهران دیدار و گفتگو کرد.", "fa", dt.date(2019, 1, 15),
         [("AF", "hamdullah_mohib"), ("IR", "ali_shamkhani")]),
    ],
)
def test_national_security_advisers_by_name_or_by_title_on_the_articles_day(text, language, published, sides):
    (event,) = events_of(text, language, published)
    assert [(country, person) for country, person, _ in event["sides"]] == sides


@pytest.mark.parametrize(
    "text, language, source, countries",
    [
        ("وزیر امور خارجه روز دوشنبه در سفر به اسلام‌آباد با عمران خان نخست وزیر پاکستان دیدار کرد.", "fa", "Fars News Agency", ["IR", "PK"]),
        ("رئیس‌جمهور در تماس تلفنی با رئیس‌جمهور فرانسه درباره برجام گفتگو کرد.", "fa", "IRNA", ["FR", "IR"]),
        ("وزیراعظم سے چینی وزیر خارجہ نے اسلام آباد میں ملاقات کی۔", "ur", "Daily Jang", ["CN", "PK"]),
        ("ولسمشر له پاکستاني لومړي وزیر سره په ارګ کې وکتل.", "ps", "TOLOnews", ["AF", "PK"]),
    ],
)
def test_a_bare_title_in_a_regional_outlets_lead_is_its_own_country(text, language, source, countries):
    (event,) = events_of(text, language, dt.date(2020, 5, 4), source)
    assert sorted(country for country, _, _ in event["sides"]) == countries


@pytest.mark.parametrize(
    "text, source",
    [
        # Past the lead, "the president" may be anyone the article named.
        ("رئیس‌جمهور آمریکا دیروز در کاخ سفید سخنرانی کرد.\nرئیس‌جمهور در تماس تلفنی با رئیس‌جمهور فرانسه گفتگو کرد.", "IRNA"),
        # An international outlet names the country; an unknown one has none to lend.
        ("رئیس‌جمهور در تماس تلفنی با رئیس‌جمهور فرانسه درباره برجام گفتگو کرد.", "BBC"),
        ("رئیس‌جمهور در تماس تلفنی با رئیس‌جمهور فرانسه درباره برجام گفتگو کرد.", None),
        # A name people.csv does not list right after the title: he may be anyone's.
        ("نخست وزیر کیر استارمر امروز در لندن با وزیر امور خارجه پاکستان دیدار کرد.", "Fars News Agency"),
    ],
)
def test_a_bare_title_elsewhere_is_nobodys(text, source):
    assert events_of(text, "fa", dt.date(2020, 5, 4), source) == []


def test_one_countrys_ministers_in_the_plural_are_a_side():
    # "د جرمني له وزیرانو سره": German ministers, unnamed; "ډاکټر محب" is how Afghan papers name Mohib.
    (event,) = events_of("ډاکټر محب د جرمني له وزیرانو سره په برلین کې وکتل.", "ps", dt.date(2020, 5, 4))
    assert event["kind"] == "meeting"
    assert [(country, person) for country, person, _ in event["sides"]] == [("AF", "hamdullah_mohib"), ("DE", None)]


def test_talks_with_a_countrys_officials_after_a_trip_are_a_meeting_with_that_country():
    # Pashto puts what the talks were about between "له ... سره" and the verb: five words here.
    text = "زلمي خلیلزاد کابل ته ولاړ او له افغان چارواکو سره یې د سولې پر پروسې خبرې وکړې."
    (event,) = events_of(text, "ps", dt.date(2020, 3, 1))
    assert event["kind"] == "meeting"
    assert sorted(country for country, _, _ in event["sides"]) == ["AF", "US"]


def test_a_will_far_along_the_sentence_does_not_undo_a_meeting():
    # "... met President Ghani and said peace will soon be lasting for all Afghans": "به ... شي"
    # reaches six words, not the eight a meeting's gapped frame may.
    text = "زلمي خلیلزاد له ولسمشر اشرف غني سره وکتل او وویل چې سوله به ډېر ژر د ټولو افغانانو لپاره ټینګه شي."
    (event,) = events_of(text, "ps", dt.date(2020, 1, 1))
    assert sorted(country for country, _, _ in event["sides"]) == ["AF", "US"]
