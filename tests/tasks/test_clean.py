from pathlib import Path

import polars as pl
import pytest

from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import CleanConfig, clean_article, clean_articles, normalize_text, restore_zwnj
from khabar.tasks.dates import MonthNames
from khabar.tasks.sources import Sources

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "landing" / "seeds"
CHROME = Chrome(pl.read_csv(ROOT / "sql" / "seeds" / "chrome_phrases.csv"))
MONTHS = MonthNames.from_csv(ROOT / "sql" / "seeds" / "calendar_months.csv")
SOURCES = Sources.from_seeds(ROOT / "sql" / "seeds")


def clean_seed(name: str, language: str) -> dict:
    row = {"raw_text": (SEEDS / name).read_text(encoding="utf-8"), "language": language, "feed_title": None, "feed_published": None, "feed_source": None, "feed_url": None}
    return clean_article(row, CHROME, MONTHS, SOURCES, CleanConfig())


def test_restore_zwnj_joins_prefix_and_plural():
    assert restore_zwnj("می شود") == "می\u200cشود"
    assert restore_zwnj("گروهک ها") == "گروهک\u200cها"
    assert restore_zwnj("نمی دانند") == "نمی\u200cدانند"


def test_persian_letters_and_digits_are_unified():
    assert normalize_text("سياست خارجي كشور در ۱۴۰۳", "fa") == "سیاست خارجی کشور در 1403"


def test_arabic_keeps_its_letters_and_loses_tatweel_and_harakat():
    assert normalize_text("الإثْنَيْن العـــلاقات الثنائية ٢٠٢٤", "ar") == "الإثنين العلاقات الثنائية 2024"


def test_urdu_and_pashto_letters_are_not_folded_into_persian():
    urdu = "پاکستان کے وزیر خارجہ نے کہا ہے"
    pashto = "د ټاکنو پایلې"
    assert normalize_text(urdu, "ur") == urdu
    assert normalize_text(pashto, "ps") == pashto


def test_header_dates_are_not_the_article_date():
    # The header gives the crawl day (2024-05-06) in three calendars; the article's own date follows.
    cleaned = clean_seed("000_d1af859b2bf76117.txt", "fa")
    assert str(cleaned["published_date"]) == "2022-07-24"
    assert "اردیبهشت" not in cleaned["text"] and "May" not in cleaned["text"]


def test_seed_chrome_lines_are_gone():
    tehran = clean_seed("000_d1af859b2bf76117.txt", "fa")["text"]
    assert "کد مطلب" not in tehran and "به اشتراک بگذارید" not in tehran
    assert not any(line.strip() in {"+", "-"} for line in tehran.split("\n"))
    assert "نظرات بسته شده است" not in clean_seed("001_eafdd4cf71b63849.txt", "fa")["text"]
    tasnim = clean_seed("002_a45ddf433badf42e.txt", "fa")["text"]
    assert "انتهای پیام" not in tasnim and "hirna.ir" not in tasnim and "اخبار بین الملل" not in tasnim


def test_read_also_list_and_what_follows_is_cut_but_body_kept():
    cleaned = clean_seed("004_6115d0bf09f38642.txt", "ar")
    assert "زلزال" not in cleaned["text"] and "مقالات مشابهة" not in cleaned["text"]
    assert "كلمات دلالية" not in cleaned["text"] and "\nإعلان\n" not in cleaned["text"]
    assert cleaned["text"].startswith("جددت باكستان وإيران")
    assert "نزع فتيل التوترات بين إيران والولايات المتحدة" in cleaned["text"]


def test_headline_becomes_the_title():
    assert clean_seed("001_eafdd4cf71b63849.txt", "fa")["title"] == "رضایت پاکستان و تاجیکستان از رابطه امنیتی"
    # The seed lost its ZWNJs before it reached us ("گروهکهای"); restoring them needs a lexicon.
    assert clean_seed("002_a45ddf433badf42e.txt", "fa")["title"] == "تصمیم ایران و پاکستان برای مقابله با گروهکهای تروریستی"


def test_source_from_the_url_when_the_feed_gives_none():
    row = {"raw_text": "خبر مهم درباره مرز", "language": "fa", "feed_title": "عنوان", "feed_published": None, "feed_source": None, "feed_url": "https://www.farsnews.ir/news/1"}
    cleaned = clean_article(row, CHROME, MONTHS, SOURCES, CleanConfig())
    assert (cleaned["source"], cleaned["source_method"]) == ("Fars News Agency", "url")
    # A site that is not in sources.csv is still named, by its host.
    row["feed_url"] = "https://news.example.af/story/7"
    assert clean_article(row, CHROME, MONTHS, SOURCES, CleanConfig())["source"] == "news.example.af"


def test_an_article_that_is_only_chrome_is_refused():
    frame = pl.DataFrame(
        {"article_id": ["a"], "input_file": ["x.txt"], "input_line": [None], "raw_text": ["نظرات بسته شده است.\nاین خبر را به اشتراک بگذارید"], "language": ["fa"],
         "feed_title": [None], "feed_published": [None], "feed_source": [None], "feed_url": [None]},
        schema_overrides={"input_line": pl.Int64, "feed_title": pl.String, "feed_published": pl.String, "feed_source": pl.String, "feed_url": pl.String},
    )
    split = clean_articles(frame, CHROME, MONTHS, SOURCES)
    assert split.kept.height == 0 and split.rejected["reason_kind"].to_list() == ["only_chrome"]


def test_source_credited_at_the_foot_of_the_article():
    # 004 quotes IRNA in its body ("ونقلت وكالة الأنباء الإيرانية (إرنا) عن"): not its source.
    assert clean_seed("004_6115d0bf09f38642.txt", "ar")["source"] == "Al Jazeera"
    assert clean_seed("001_eafdd4cf71b63849.txt", "fa")["source"] == "Dawn"
    assert clean_seed("000_d1af859b2bf76117.txt", "fa")["source"] is None


def test_related_headlines_at_the_foot_go_and_the_last_paragraph_stays():
    text = clean_seed("002_a45ddf433badf42e.txt", "fa")["text"]
    assert "گفتگوی مفیدی با مقامات پاکستان داشت" not in text and "دیدار عراقچی با نخست" not in text
    assert text.rstrip().endswith("بین دو کشور را پیگیری خواهیم کرد.")


def test_no_sentence_of_a_seed_body_is_lost():
    # Every paragraph of at least 15 words in the seeds is body text and must survive cleaning.
    for path in sorted(SEEDS.glob("*.txt")):
        language = "ar" if path.name.startswith("004") else "fa"
        cleaned = clean_seed(path.name, language)["text"]
        raw = path.read_text(encoding="utf-8").split("إقرأ أيضاً")[0]
        for paragraph in raw.split("\n"):
            if len(paragraph.split()) >= 15:
                assert normalize_text(paragraph, language)[:40] in cleaned, (path.name, paragraph[:60])


def clean_text(raw: str, language: str) -> dict:
    row = {"raw_text": raw, "language": language, "feed_title": None, "feed_published": None, "feed_source": None, "feed_url": None}
    return clean_article(row, CHROME, MONTHS, SOURCES, CleanConfig())


BODY_AR = "وقال لو مير على تويتر بعد اجتماع تفاوضي حول الملف مع نظيره الألماني أولاف شولز في هامبورغ بألمانيا إن هناك اتفاقا في متناول اليد."
BODY_FA = "وزیر امور خارجه کشورمان پس از رایزنی‌های خود در پاکستان در جمع خبرنگاران گفت ملاقات‌های بسیار خوبی انجام شد و توافقات خوبی صورت گرفت."


def test_a_headline_that_asks_keeps_its_question_mark():
    assert clean_text(f"رئيسها زار باكستان.. هل بدأت إيران ترتيب الميدان لحرب جديدة؟\n\n{BODY_AR}", "ar")["title"] == "رئيسها زار باكستان.. هل بدأت إيران ترتيب الميدان لحرب جديدة؟"
    assert clean_text("Will the talks in Doha end the war?\n\nThe delegations met for a third day in the Qatari capital and agreed on an agenda.", "en")["title"] == "Will the talks in Doha end the war?"


def test_a_teaser_cut_mid_word_goes_and_the_paragraph_stays():
    lead = "باتت باريس وبرلين قريبتين جدا من اتفاق حول إصلاح منطقة اليورو بعد أشهر من الانقسامات حيال الموضوع، وفق ما أعلن وزير المال الفرنسي برونو لو مير."
    teaser = (lead + BODY_AR)[:180]  # runs on into the second paragraph and stops mid-word
    cleaned = clean_text(f"برلين وباريس تتحركان لإصلاح منطقة اليورو\n\n{teaser}\n\n{lead}\n{BODY_AR}", "ar")
    assert cleaned["text"].split("\n")[0] == lead and cleaned["text"].count("باتت باريس") == 1
    assert BODY_AR in cleaned["text"]


def test_an_inline_read_also_removes_only_its_line():
    raw = f"عنوان\n\n{BODY_FA}\nبیشتر بخوانید: دیدار عراقچی با نخست وزیر پاکستان\n{BODY_FA.replace('ملاقات', 'گفت‌وگو')}\nوی افزود که دو کشور همکاری‌های اقتصادی و امنیتی خود را در ماه‌های آینده گسترش خواهند داد."
    text = clean_text(raw, "fa")["text"]
    assert "بیشتر بخوانید" not in text and "دیدار عراقچی" not in text
    assert "گسترش خواهند داد" in text


def test_a_read_also_label_on_its_own_line_cuts_the_list_below():
    raw = f"عنوان\n\n{BODY_AR}\nإقرأ أيضاً:\nبقوة 5.1 درجة.. زلزال ثانٍ يضرب الأراضي الباكستانية\nضرب زلزال ثانٍ الأراضي الباكستانية في منطقة روالبندي والعاصمة إسلام آباد، وذلك بقوة 5.1 درجة على مقياس ريختر."
    text = clean_text(raw, "ar")["text"]
    assert "زلزال" not in text and BODY_AR in text


def test_zwnj_beside_a_typed_space_does_not_glue_words():
    assert normalize_text("پیش\u200c از موضعگیری\u200c دولت", "fa") == "پیش از موضعگیری دولت"
    assert normalize_text("قطار\u200c تهران", "fa") == "قطار تهران"


def test_agency_end_markers_and_release_numbers_are_chrome():
    text = clean_text(f"عنوان خبر\n\n{BODY_FA} پایان پیام/", "fa")["text"]
    assert text.endswith("صورت گرفت.") and "پایان پیام" not in text
    release = clean_text("2013-01-S-015\n\nKABUL, Afghanistan (Jan. 15, 2013) – An Afghan and coalition security force arrested a Taliban facilitator in Khugyani district, Nangarhar province, during an operation today.", "en")
    assert release["title"] is None and "2013-01-S-015" not in release["text"]
    assert (str(release["published_date"]), release["date_method"]) == ("2013-01-15", "dateline")


def test_a_listing_page_is_marked():
    headlines = [
        "مصرع وإصابة 18 شخصًا إثر انفجار قذيفة شمال غربي باكستان",
        "هجوم مسلح يودي بحياة 5 من الشرطة في إقليم البنجاب الباكستاني",
        "ظريف يقترح آلية إقليمية موسعة لإنهاء المخاوف من برنامج إيران النووي",
        "باكستان تكرّم قائد الهجوم الأمريكي على إيران بالتزامن مع زيارة بزشكيان",
        "الإمام الطيب: طلاب باكستان الدارسون بـ الأزهر لعبوا دورًا كبيرًا في توثيق العلاقات",
        "بقوة 5.1 درجة.. زلزال ثانٍ يضرب الأراضي الباكستانية",
        "الرئيس السيسي ورئيس وزراء هولندا يبحثان العلاقات الثنائية",
        "الأعرجي:الدفاع عن إيران واجب مقدس",
        "رئيسها زار باكستان.. هل بدأت إيران ترتيب الميدان لحرب جديدة؟",
    ]
    assert clean_text("أخبار باكستان\n\n" + "\n".join(headlines), "ar")["is_listing"] is True
    assert clean_seed("004_6115d0bf09f38642.txt", "ar")["is_listing"] is False


def test_sources_credited_by_the_text():
    fars = clean_text(f"ایسفا، انجمنی که فیلم کوتاه را دستاویز سیاست‌زدگی کرد\n\nخبرگزاری فارس ـ گروه سینما: {BODY_FA}", "fa")
    assert (fars["source"], fars["source_method"]) == ("Fars News Agency", "text")
    old_fars = clean_text(f"عنوان\n\nخبرگزاري فارس- {BODY_FA}", "fa")
    assert old_fars["source"] == "Fars News Agency"
    cnn = clean_text(f"عنوان\n\nدبي، الإمارات العربية المتحدة (CNN) -- {BODY_AR}", "ar")
    assert cnn["source"] == "CNN"
    geo = clean_text("عنوان\n\nاسلام آباد: بجلی کی قیمتوں میں اضافے کی ایک اور درخواست نیپرا میں جمع کروادی گئی۔ جیو نیوز کے مطابق بجلی تقسیم کار کمپنیوں نے درخواست دی۔", "ur")
    assert geo["source"] == "Geo News"
    isaf = clean_text("ISAF Joint Command Operational Update, Jan. 15, 2011\nISAF Joint Command - Afghanistan\n2011-01-S-169\nFor Immediate Release\n\nKABUL, Afghanistan (Jan. 15) – An air weapons team killed two insurgents.", "en")
    assert (isaf["source"], isaf["title"], str(isaf["published_date"])) == ("ISAF", "ISAF Joint Command Operational Update, Jan. 15, 2011", "2011-01-15")


def test_an_agency_quoted_in_the_body_is_not_the_source():
    quoted = clean_text(f"عنوان\n\n{BODY_AR}\nوقال مصدر أوروبي قريب من المفاوضات لوكالة فرانس برس إن هناك نقطتين عالقتين.\nونقلت وكالة الأنباء الإيرانية (إرنا) عن الوزير قوله إن البلدين شقيقان.", "ar")
    assert quoted["source"] is None and quoted["source_method"] is None


def test_a_teaser_above_a_paragraph_that_opens_with_a_dateline_goes():
    teaser = "اتحذ تحالف دعم الشرعية في اليمن، الذي تقوده السعودية، الجمعة، إجراءً جديدًا يتعلق"
    paragraph = "دبي، الإمارات العربية المتحدة (CNN)-- اتحذ تحالف دعم الشرعية في اليمن، الذي تقوده السعودية، الجمعة، إجراءً جديدًا يتعلق بالهجوم على حافلة صعدة."
    cleaned = clean_text(f"إجراء جديد من التحالف بشأن الهجوم على \"حافلة صعدة\"\n\n{teaser}\n\n{paragraph}\n{BODY_AR}", "ar")
    assert cleaned["text"].startswith("دبي، الإمارات العربية المتحدة (CNN)") and cleaned["source"] == "CNN"


def test_a_credit_line_at_the_foot_names_the_source_and_leaves_the_text():
    cleaned = clean_text(f"إثيوبيا وإريتريا تعلنان انتهاء حالة الحرب\n\n{BODY_AR}\n{BODY_AR}\nفرانس 24/أ ف ب", "ar")
    assert cleaned["source"] == "France 24" and "فرانس 24" not in cleaned["text"]


def test_an_inline_read_also_above_a_paragraph_without_a_full_stop_keeps_the_rest():
    paragraph = "وأضاف الوزير أن البلدين يعملان على تعزيز التعاون الأمني والاقتصادي خلال الأشهر المقبلة في إطار الاتفاقات الموقعة"
    raw = f"عنوان\n\n{BODY_AR}\nاقرأ أيضا: زلزال يضرب باكستان\n{paragraph}\nوختم بالقول إن الزيارة المقبلة ستكون في طهران"
    text = clean_text(raw, "ar")["text"]
    assert "زلزال" not in text and paragraph in text and "ستكون في طهران" in text


def test_articles_of_short_paragraphs_are_not_listing_pages():
    persian = "\n".join(f"وی افزود: «ما همچنان درباره گسترش همکاری‌ها با پاکستان گفتگو کردیم {i}.»" for i in range(9))
    assert clean_text(f"عنوان\n\n{persian}", "fa")["is_listing"] is False
    arabic = "\n".join(f"{BODY_AR[:-1]} وفي الفقرة {i} يواصل الكاتب شرح موقف البلدين من القضايا الإقليمية" for i in range(8))
    assert clean_text(f"عنوان\n\n{arabic}", "ar")["is_listing"] is False


@pytest.mark.parametrize(
    "raw, language",
    [
        (f"جنگ اوکراین: {BODY_FA}", "fa"),  # "war", not Daily Jang
        (f"خاور میانه: {BODY_FA}", "fa"),  # "the Middle East", not Khovar
        (f"به گزارش خبرنگار خلیج فارس، {BODY_FA}", "fa"),  # the Persian Gulf, not Fars
        (f"العربية | English | اردو\n{BODY_AR}", "ar"),  # a language switcher, not Al Arabiya
        ("Fars province: an earthquake killed three people and damaged dozens of houses in several villages.", "en"),
        (f"{BODY_AR}\nالرئيس، قال متحدث باسم Regional Command South إن الوضع مستقر.", "ar"),
    ],
)
def test_common_words_are_not_outlets(raw, language):
    cleaned = clean_text(f"عنوان\n\n{raw}", language)
    assert (cleaned["source"], cleaned["source_method"]) == (None, None)


def test_a_credit_in_a_list_of_other_stories_is_not_the_source():
    raw = f"عنوان\n\n{BODY_FA}\nاخبار مرتبط\nدر گفت و گو با خبرنگار تسنیم: مرزبانان به کار خود ادامه می‌دهند\nسفر وزیر به اسلام آباد"
    assert clean_text(raw, "fa")["source"] is None


def test_outlet_names_written_without_spaces():
    assert clean_text(f"عنوان\n\nKABUL (AlJazeera) - {BODY_AR}", "ar")["source"] == "Al Jazeera"
    assert clean_text(f"عنوان\n\n{BODY_FA}\nمنبع: بیبیسی", "fa")["source"] == "BBC"


def test_a_read_also_line_above_the_article_removes_only_itself():
    # A link at the very top, above a press release's header lines: no list of other stories starts there.
    raw = "یہ بھی پڑھیں: دیگر خبریں\nISAF Joint Command - Afghanistan\nFor Immediate Release\n\nKABUL, Afghanistan (Sept. 1) - An Afghan and coalition security force detained several insurgents in Helmand province Tuesday."
    text = clean_text(raw, "en")["text"]
    assert text.startswith("KABUL, Afghanistan (Sept. 1)") and "دیگر خبریں" not in text


@pytest.mark.parametrize(
    ("date_line", "language", "body"),
    [
        ("05/11/2024", "ur", "ایرانی وزیر خارجہ عباس عراقچی نے اسلام آباد میں وزیر اعظم شہباز شریف سے ملاقات کی۔"),
        ("۱۴۰۳/۰۸/۱۵ - ۱۰:۳۰", "fa", "وزیر امور خارجه ایران در سفر به اسلام‌آباد با نخست‌وزیر پاکستان دیدار و گفتگو کرد."),
        ("19.09.2020", "ru", "Президент Таджикистана Эмомали Рахмон встретился в Душанбе с министром иностранных дел Афганистана."),
    ],
)
def test_a_date_in_digits_alone_on_its_line_is_the_article_date_and_not_text(date_line, language, body):
    cleaned = clean_text(f"عنوان خبر\n\n{date_line}\n\n{body}\n", language)
    assert cleaned["published_date"] is not None and cleaned["date_method"] == "header"
    assert cleaned["text"] == body


def test_a_date_in_digits_at_the_foot_leaves_the_last_short_paragraph():
    body = "التقى وزير الخارجية الإيراني نظيره الباكستاني في إسلام آباد وبحث الجانبان أمن الحدود والتعاون الاقتصادي بين البلدين."
    closing = "وتأتي الزيارة في إطار جولة إقليمية للوزير"
    cleaned = clean_text(f"عنوان الخبر\n\n{body}\n\n{closing}\n\n20/09/2020\n", "ar")
    assert cleaned["text"].endswith(closing)


def test_nfc_skips_only_texts_nfc_leaves_alone():
    # Each character of NFC_INERT has combining class 0, is in NFC, and is never the second of a
    # pair NFC composes: a text of only these is in NFC under any Unicode version since.
    import sys
    import unicodedata

    from khabar.tasks.clean import NFC_INERT

    composed_onto = {int(d.split()[1], 16) for d in map(unicodedata.decomposition, map(chr, range(sys.maxunicode + 1))) if d and d[0] != "<" and len(d.split()) == 2}
    for first, last in NFC_INERT:
        for char in map(chr, range(first, last + 1)):
            assert unicodedata.category(char) != "Cn" and unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) == char
            assert ord(char) not in composed_onto, hex(ord(char))
    assert normalize_text("ا\u0653 \u064a\u0654 e\u0301", "ar") == "آ ئ é"
