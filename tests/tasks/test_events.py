"""Who met whom, read from real-looking sentences in the languages of the region."""

import datetime as dt

import pytest

from events_reading import events_of


def test_persian_meeting_of_a_minister_and_his_counterpart_named_by_title():
    (event,) = events_of("وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و گفتگو کرد.", "fa")
    assert event["kind"] == "meeting" and event["place_country"] == "PK"
    assert event["sides"] == [("IR", None, "foreign_minister"), ("PK", None, "foreign_minister")]


def test_arabic_meeting_of_two_named_ministers_in_a_capital():
    (event,) = events_of("التقى وزير الدفاع الباكستاني خواجة محمد آصف نظيره الإيراني عزيز نصير زاده في إسلام آباد أمس.", "ar")
    assert event["kind"] == "meeting" and (event["place"], event["place_country"]) == ("إسلام آباد", "PK")  # as written
    assert [(country, person) for country, person, _ in event["sides"]] == [("IR", "aziz_nasirzadeh"), ("PK", "khawaja_asif")]


def test_english_phone_call_with_the_date_the_sentence_states():
    text = "Pakistani Prime Minister Shehbaz Sharif held a telephone conversation with Iranian President Masoud Pezeshkian on 12 November 2024."
    (event,) = events_of(text, "en", dt.date(2024, 11, 13))
    assert event["kind"] == "call" and event["event_date"] == dt.date(2024, 11, 12)
    assert {country for country, _, _ in event["sides"]} == {"IR", "PK"}


def test_yesterday_counts_from_the_articles_date_which_is_not_the_meeting_day():
    # "روز گذشته" (yesterday): the day before the dateline's 20/09/2020, which the sentence does not write.
    text = "Avesta.Tj | 20/09/2020 | امامعلی رحمان رئیس جمهور تاجیکستان روز گذشته در دوشنبه با محمد حنیف اتمر سرپرست وزارت امور خارجه افغانستان دیدار کرد."
    (event,) = events_of(text, "fa", dt.date(2020, 9, 20))
    assert event["event_date"] == dt.date(2020, 9, 19)
    assert [person for _, person, _ in event["sides"]] == ["mohammad_haneef_atmar", "emomali_rahmon"]
    (undated,) = events_of(text, "fa")
    assert undated["event_date"] is None  # no article date, no day
    (arabic,) = events_of("والتقى وزير الخارجية الإيراني عباس عراقجي أمس نظيره الباكستاني إسحاق دار في إسلام آباد.", "ar", dt.date(2024, 11, 5))
    assert arabic["event_date"] == dt.date(2024, 11, 4)


def test_urdu_meeting_with_the_country_before_the_title():
    (event,) = events_of("اسلام آباد میں پاکستان کے وزیر خارجہ نے ایران کے وزیر خارجہ سے ملاقات کی۔", "ur")
    assert event["kind"] == "meeting"
    assert {country for country, _, _ in event["sides"]} == {"IR", "PK"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("وزیر امور خارجه ایران با خبرنگاران گفتگو کرد.", "fa"),  # one side only
        ("تیم ملی فوتبال ایران با پاکستان دیدار کرد.", "fa"),  # a match, no officials
        ("The foreign minister met with reporters in Kabul.", "en"),
    ],
)
def test_no_event_without_two_sides(text, language):
    assert events_of(text, language) == []


def test_a_meeting_retold_in_a_later_sentence_is_one_event_and_ids_are_stable():
    text = (
        "وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و گفتگو کرد. "
        "وزیر امور خارجه ایران پس از دیدار با همتای پاکستانی خود به تهران بازگشت و گفت با همتای پاکستانی خود دیدار کرد."
    )
    first = events_of(text, "fa")
    assert len(first) == 1 and first == events_of(text, "fa")


def test_an_official_named_by_title_is_the_office_holder_of_the_articles_day():
    text = "وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و گفتگو کرد."
    (event,) = events_of(text, "fa", dt.date(2023, 8, 4))
    assert event["sides"] == [("IR", "hossein_amir_abdollahian", "foreign_minister"), ("PK", "bilawal_bhutto_zardari", "foreign_minister")]
    (undated,) = events_of(text, "fa")
    assert [person for _, person, _ in undated["sides"]] == [None, None]  # no day, no guess


def test_our_foreign_minister_is_the_outlets_countrys():
    text = "وزیر امور خارجه کشورمان در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و گفتگو کرد."
    (event,) = events_of(text, "fa", source="Fars News Agency")
    assert {country for country, _, _ in event["sides"]} == {"IR", "PK"}
    assert events_of(text, "fa") == []  # the outlet unknown: one side only, no event


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("قرار است وزیر امور خارجه ایران هفته آینده با همتای پاکستانی خود دیدار کند.", "fa"),
        ("ومن المقرر أن يلتقي وزير الخارجية الإيراني نظيره الباكستاني في إسلام آباد.", "ar"),
        ("د امريکا د بهرنيو چارو وزارت ويلي دي چې د پمپئو او د اوکراين د ولسمشر کتنه به په نژدې راتلونکې کې ترسره شي.", "ps"),
        # "before his trip to India": the visit is still to come
        ("ښاغلي ټرمپ هند ته تر سفر وړاندې په سپینه ماڼۍ کې خبریالانو ته وویل چې له طالبانو سره هوکړه نږدې ده.", "ps"),
        ("وزیر امور خارجه ایران پیش از سفر به ترکیه در جمع خبرنگاران سخن گفت.", "fa"),
        # "... announced a meeting with his Iranian counterpart, to be held next week"
        ("وزیر امور خارجه پاکستان از دیدار با همتای ایرانی خود خبر داد که هفته آینده برگزار می‌شود.", "fa"),
        ("The Iranian foreign minister said he would meet his Pakistani counterpart next week.", "en"),
        # postponed, or only invited
        ("The Iranian foreign minister's visit to Pakistan was postponed.", "en"),
        ("وزیر خارجہ نے ایرانی ہم منصب کو پاکستان کے دورے کی دعوت دی۔", "ur"),
        ("د پاکستان د بهرنیو چارو وزیر خپل ایراني سیال ته د اسلام اباد د سفر بلنه ورکړه.", "ps"),
    ],
)
def test_a_planned_meeting_is_not_an_event(text, language):
    assert events_of(text, language, dt.date(2020, 1, 10)) == []


def test_a_former_official_is_not_a_side():
    text = "د افغانستان پخواني جمهور رئیس حامد کرزي د دوشنبې په ورځ په افغانستان کې د چین له سفیر سره وکتل."
    assert events_of(text, "ps", dt.date(2020, 1, 10)) == []


def test_an_envoys_title_that_names_his_own_country_gives_that_country():
    # "the US special envoy for Afghan peace, Zalmay Khalilzad": one American, not an Afghan beside him.
    text = "دا سفر نن د افغان سولې لپاره د امریکا ځانګړي استازي زلمي خلیلزاد او په افغانستان کې د ناټو ځواکونو لوی قومندان جنرال سکاټ میلر کړی."
    assert events_of(text, "ps") == []


def test_with_between_a_title_and_a_name_puts_another_side_there():
    # "Pakistan's prime minister with President Ghani": two sides, not Ghani's title.
    text = "د پاکستان لومړي وزير له ولسمشر غني سره وکتل."
    (event,) = events_of(text, "ps", dt.date(2020, 11, 19))
    assert [(country, person) for country, person, _ in event["sides"]] == [("AF", "ashraf_ghani"), ("PK", "imran_khan")]


def test_a_title_takes_no_country_across_with_on_the_side_the_language_does_not_put_it():
    # "... went to Pakistan and talked with this country's army chief about Afghan peace": the
    # army chief is Pakistan's, which the sentence says only by "this country", never Afghan.
    text = "زلمی خلیلزاد بیا پاکستان ته تلی و او د دغه هېواد د پوځ مشر سره یې د افغان سولې پر هڅو خبرې کړي."
    events = events_of(text, "ps")
    assert all(country != "AF" for event in events for country, _, _ in event["sides"])
    # Pashto puts "له" after the country it governs: "with India's foreign minister".
    text = "د امریکا د بهرنیو چارو وزارت ځانګړي استازي په یوه ټلیفوني اړیکه کې د هند له بهرنیو چارو وزیر سره خبرې وکړې."
    (event,) = events_of(text, "ps")
    assert event["kind"] == "call" and {country for country, _, _ in event["sides"]} == {"IN", "US"}


def test_his_counterpart_is_the_other_side_not_the_title_of_the_minister_before_it():
    # The Tajik minister is named by title only: "his Tajik counterpart", the office holder of the day.
    text = "التقى وزير الخارجية الباكستاني بلاول بوتو زرداري نظيره الطاجيكي في طشقند على هامش اجتماع منظمة شنغهاي للتعاون."
    (event,) = events_of(text, "ar", dt.date(2022, 7, 29))
    assert event["place_country"] == "UZ"
    assert event["sides"] == [("PK", "bilawal_bhutto_zardari", "foreign_minister"), ("TJ", "sirojiddin_muhriddin", "foreign_minister")]


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("وزیران خارجه ایران و پاکستان در حاشیه نشست سازمان همکاری شانگهای با یکدیگر دیدار کردند.", "fa", "meeting"),
        ("وقع وزيرا خارجية السعودية وإيران اتفاقا لاستئناف العلاقات في بكين.", "ar", "agreement"),
        ("ایران اور پاکستان کے وزرائے خارجہ نے ملاقات کی۔", "ur", "meeting"),
        ("The foreign ministers of Iran and Pakistan met in Tehran on Monday.", "en", "meeting"),
    ],
)
def test_a_plural_title_of_two_countries_is_both_sides(text, language, kind):
    (event,) = events_of(text, language)
    assert event["kind"] == kind and len({country for country, _, _ in event["sides"]}) == 2


def test_a_plural_title_of_a_whole_organisation_is_no_pair():
    text = "وزیران خارجه ایران، پاکستان، چین و روسیه در نشست سازمان همکاری شانگهای دیدار کردند."
    assert events_of(text, "fa") == []


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        # the verb between the president and the minister's title: two sides, not his title
        ("Президент Таджикистана Эмомали Рахмон принял министра иностранных дел Ирана.", "ru", {"IR", "TJ"}),
        # Urdu's ergative "نے" closes the subject: "the Chinese defence minister" is the other side
        ("آرمی چیف جنرل عاصم منیر نے چینی وزیر دفاع سے ملاقات کی جس میں دفاعی تعاون پر بات چیت ہوئی۔", "ur", {"CN", "PK"}),
        ("بحث رئيس الوزراء الباكستاني شهباز شريف مع الرئيس الإيراني مسعود بزشكيان في طهران سبل تعزيز التعاون.", "ar", {"IR", "PK"}),
    ],
)
def test_a_verb_or_a_subject_marker_between_a_name_and_a_title_makes_two_sides(text, language, countries):
    (event,) = events_of(text, language, dt.date(2024, 11, 5))
    assert event["kind"] == "meeting" and {country for country, _, _ in event["sides"]} == countries


def test_took_part_is_not_received():
    text = "Президент Таджикистана Эмомали Рахмон принял участие в саммите в Астане вместе с президентом Казахстана."
    assert events_of(text, "ru") == []


def test_pashto_with_and_met_around_the_place():
    text = "ولسمشر غني د ازبکستان له ولسمشر شوکت میرضیایف سره په تاشکند کې وکتل."
    (event,) = events_of(text, "ps", dt.date(2020, 1, 10))
    assert (event["kind"], event["place_country"]) == ("meeting", "UZ")
    assert [person for _, person, _ in event["sides"]] == ["ashraf_ghani", "shavkat_mirziyoyev"]


def test_his_counterpart_after_a_name_of_the_same_country_is_that_persons_title():
    text = "حسن کاظمی‌قمی نماینده ویژه ایران در امور افغانستان با محمد صادق، همتای پاکستانی خود دیدار و گفتگو کرد."
    (event,) = events_of(text, "fa", dt.date(2022, 7, 24))
    assert [(country, person) for country, person, _ in event["sides"]] == [("IR", "hassan_kazemi_qomi"), ("PK", "mohammad_sadiq")]


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        ("استقبل وزير الخارجية القطري الوفد الأفغاني في الدوحة.", "ar", {"AF", "QA"}),
        ("هیئت آمریکایی با هیئت پاکستانی در اسلام‌آباد دیدار و گفتگو کرد.", "fa", {"PK", "US"}),
        ("د چین یو پلاوی په کابل کې د افغانستان له بهرنیو چارو وزیر سره وکتل.", "ps", {"AF", "CN"}),
    ],
)
def test_a_countrys_delegation_is_a_side(text, language, countries):
    (event,) = events_of(text, language)
    assert event["kind"] == "meeting" and {country for country, _, _ in event["sides"]} == countries


def test_a_place_after_in_is_not_whose_delegation_it_is():
    # "the American delegation met the Taliban delegation in Doha": not Qatar's delegation
    text = "التقى الوفد الأمريكي برئاسة زلماي خليل زاد مع وفد طالبان في الدوحة."
    assert all(country != "QA" for event in events_of(text, "ar") for country, _, _ in event["sides"])


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # "deputy prime minister", not the prime minister, once "وزراء" starts a plural title
        ("التقى نائب رئيس الوزراء الباكستاني بوزير الخارجية الإيراني في إسلام آباد.", {("PK", "other_minister"), ("IR", "foreign_minister")}),
        ("استقبل رئيس مجلس الوزراء العراقي وزير الخارجية الإيراني في بغداد.", {("IQ", "head_of_government"), ("IR", "foreign_minister")}),
    ],
)
def test_arabic_titles_match_whole_as_the_splitter_reads_them(text, roles):
    (event,) = events_of(text, "ar")
    assert {(country, role) for country, _, role in event["sides"]} == roles


def test_a_plural_title_beside_a_longer_list_names_no_pair_on_the_other_side():
    text = "در حاشیه نشست ایران و پاکستان وزیران خارجه روسیه، چین و هند دیدار کردند."
    assert events_of(text, "fa") == []


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        ("د چین د بهرنیو چارو وزیر پرون اسلام‌آباد ته ولاړ او د دغه هېواد له لومړي وزیر سره یې وکتل.", "ps", {"CN", "PK"}),
        ("وزیر امور خارجه ترکیه دیروز وارد کابل شد و با وزیر دفاع این کشور دیدار کرد.", "fa", {"AF", "TR"}),
        ("وصل وزير الخارجية الصيني إلى إسلام آباد حيث التقى رئيس وزراء هذا البلد.", "ar", {"CN", "PK"}),
        ("چینی وزیر خارجہ کابل پہنچے جہاں انہوں نے اس ملک کے وزیر دفاع سے ملاقات کی۔", "ur", {"AF", "CN"}),
    ],
)
def test_this_countrys_official_is_of_the_country_named_last_before_it(text, language, countries):
    (event,) = events_of(text, language, dt.date(2023, 5, 6))
    assert {country for country, _, _ in event["sides"]} == countries


def test_this_country_with_no_country_before_it_is_nobodys():
    assert events_of("وزیر دفاع این کشور با هیئت چینی دیدار کرد.", "fa") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("وقال وزير الخارجية الإيراني إن بلاده ملتزمة بالاتفاق النووي الذي انسحب منه الرئيس الأمريكي.", "ar"),
        ("وزیر امور خارجه ایران گفت رئیس جمهور آمریکا از توافق هسته‌ای خارج شد.", "fa"),
        ("د پاکستان د بهرنیو چارو وزیر وویل چې د امریکا ولسمشر د دوحې له تړون څخه ووت.", "ps"),
    ],
)
def test_an_agreement_named_in_passing_is_no_signing(text, language):
    assert events_of(text, language, dt.date(2023, 5, 6)) == []


def test_an_agreement_someone_signed_is_one():
    (event,) = events_of("وأضاف أن الاتفاقية وقعها وزير الخارجية الباكستاني ونظيره الصيني في بكين.", "ar", dt.date(2023, 5, 6))
    assert event["kind"] == "agreement" and {country for country, _, _ in event["sides"]} == {"CN", "PK"}


def test_representatives_of_two_countries_are_both_sides():
    (event,) = events_of("د چین او روسیې د استازو ترمنځ په مسکو کې خبرې شوې.", "ps")
    assert event["kind"] == "meeting" and {country for country, _, _ in event["sides"]} == {"CN", "RU"}


@pytest.mark.parametrize(
    ("text", "kind", "people"),
    [
        ("Эмомалӣ Раҳмон, Президенти Ҷумҳурии Тоҷикистон, бо Вазири корҳои хориҷии Покистон Шоҳ Маҳмуд Қурешӣ дар Душанбе мулоқот кард.", "meeting", {"emomali_rahmon", "shah_mahmood_qureshi"}),
        ("Президенти Тоҷикистон Эмомалӣ Раҳмон бо ҳамтои узбакаш Шавкат Мирзиёев суҳбати телефонӣ анҷом дод.", "call", {"emomali_rahmon", "shavkat_mirziyoyev"}),
    ],
)
def test_tajik_meetings_and_calls(text, kind, people):
    (event,) = events_of(text, "tg", dt.date(2021, 4, 1))
    assert event["kind"] == kind and {person for _, person, _ in event["sides"]} == people
