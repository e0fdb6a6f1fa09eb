"""Countries of articles: the gazetteer's names, context rules and vetoes, on real-looking text."""

import polars as pl

from tagged_texts import ARABIC, SEEDS_DIR, articles

from khabar.tasks.countries import Gazetteer, tag_countries
from khabar.tasks.folding import term_key
from khabar.tasks.sources import Sources
from khabar.tasks.topics import Lexicon, tag_topics

GAZETTEER = Gazetteer.from_seeds(SEEDS_DIR)
SOURCES = Sources.from_seeds(SEEDS_DIR)
LEXICON = Lexicon.from_seeds(SEEDS_DIR)


def countries(text: str, language: str, source: str | None = None) -> dict[str, int]:
    return dict(tag_countries(articles((text, language), source=source), GAZETTEER, SOURCES)[0].select("country", "mentions").iter_rows())


def test_countries_count_names_demonyms_and_capitals():
    found = countries(ARABIC, "ar")
    assert found["PK"] == 6 and found["IR"] == 3
    _, terms = tag_countries(articles((ARABIC, "ar")), GAZETTEER, SOURCES)
    assert dict(terms.filter(pl.col("country") == "IR").select("term", "hits").iter_rows()) == {term_key("الإيراني"): 3}


def test_city_resolves_to_its_country_and_both_are_kept():
    text = "وزیر امور خارجه قزاقستان در سفر به دوشنبه، پایتخت، با همتای تاجیک خود و امامعلی رحمان دیدار کرد."
    assert countries(text, "fa") == {"KZ": 1, "TJ": 3}


def test_look_alike_words_are_not_countries():
    # ترک (to leave) is not ترکیه, همه holds no مه, and چینی (Chinese) is a demonym but چیدن is not.
    text = "او محل را ترک کرد و همه چیز را چیدند؛ مهمان‌ها رفتند."
    assert countries(text, "fa") == {}


def test_the_shortest_arabic_proclitic_strip_wins():
    text = "وكانت باكستان قد ذكرت أنها ستواصل الاضطلاع بدور في نزع فتيل التوترات بين إيران والولايات المتحدة."
    assert countries(text, "ar") == {"PK": 1, "IR": 1, "US": 1}


def test_dushanbe_the_weekday_is_not_tajikistan():
    # Persian and Pashto date lines and "on the eve of": no place cue, and no other name of the country.
    assert countries("کابل (پژواک، ۲۳ حمل ۱۴۰۰): روز دوشنبه نشست امنیتی در کابل برگزار شد.", "fa") == {"AF": 2}
    assert countries("د دوشنبې په ورځ په کابل کې غونډه وشوه.", "ps") == {"AF": 1}
    assert "KZ" not in countries("ایران در آستانه برگزاری انتخابات ریاست جمهوری قرار دارد.", "fa")


def test_dushanbe_the_capital_counts_with_a_place_cue_or_beside_its_country():
    assert countries("وزیر خارجه پاکستان برای دیدار با مقامات به دوشنبه سفر کرد.", "fa") == {"PK": 1, "TJ": 1}
    assert countries("نشست سران در شهر دوشنبه برگزار شد.", "fa") == {"TJ": 1}
    assert countries("امامعلی رحمان رئیس جمهوری تاجیکستان روز دوشنبه در دوشنبه با مهمانان دیدار کرد.", "fa")["TJ"] >= 2


def test_names_that_only_contain_a_country_are_vetoed():
    assert countries("به گزارش خبرگزاری فرانسه، نشست در کابل برگزار شد.", "fa") == {"AF": 1}
    assert countries("وذكرت وكالة فرانس برس أن الاجتماع عقد في كابول.", "ar") == {"AF": 1}
    assert "US" not in countries("Officials spoke at Columbia University about Afghanistan.", "en")


def test_our_country_is_the_outlets_country_when_the_outlet_is_known():
    text = "وزیر امور خارجه کشورمان در سفر به اسلام آباد با همتای پاکستانی خود دیدار کرد."
    assert countries(text, "fa", source="Fars News Agency") == {"IR": 1, "PK": 2}
    assert countries(text, "fa") == {"PK": 2}  # no outlet, no guess


def test_a_people_on_both_sides_of_a_border_counts_only_beside_its_country():
    assert "TJ" not in countries("نمایندگان تاجیک‌ها و ازبک‌های ولایت بلخ در مزار شریف گرد آمدند.", "fa")


def test_a_persian_copula_or_adjective_ending_on_a_name_still_names_its_country():
    assert countries("این تصمیم بخشی از سیاست‌های آمریکاست و دولت آن را پیگیری می‌کند.", "fa") == {"US": 1}
    # ... but no common word is cut down to a place: "ماست" (yoghurt, "it is ours") holds no "ما".
    assert countries("این خانه ماست و همه چیز آن از ماست.", "fa") == {}


def test_a_country_named_only_through_its_provinces_and_institutions():
    assert countries("لایحه دولت به مجلس شورای اسلامی تقدیم شد.", "fa") == {"IR": 1}
    assert countries("نیپرا نے بجلی کی قیمت میں اضافے کی درخواست پر سماعت کی۔", "ur") == {"PK": 1}
    # Fars the agency is not Fars the province.
    assert countries("به گزارش خبرگزاری فارس، نشست امروز برگزار شد.", "fa") == {}


def test_a_treaty_named_after_a_city_is_not_its_country():
    assert countries("ایران و آمریکا درباره توافق پاریس و تغییرات اقلیمی گفتگو کردند.", "fa") == {"IR": 1, "US": 1}
    assert countries("وتحدث الجانبان عن اتفاق الدوحة بين واشنطن وطالبان في كابول.", "ar") == {"US": 1, "AF": 1}


def test_a_club_a_militant_group_or_a_currency_named_after_a_country_is_not_it():
    # "بروسيا" is "in Russia" as well as the first word of Borussia Dortmund.
    assert countries("قال ميشي باتشواي، مهاجم بروسيا دورتموند، إنه تعرض لإهانة عنصرية.", "ar") == {}
    assert countries("وقال إن المنتخب سيلعب بروسيا الصيف المقبل.", "ar") == {"RU": 1}
    text = "Forces detained an Islamic Movement of Uzbekistan facilitator in Takhar province, Afghanistan."
    assert countries(text, "en") == {"AF": 2}  # Takhar and Afghanistan
    assert countries("انٹر بینک میں آج امریکی ڈالر 2 پیسے مہنگا ہوا اور پاکستان میں سونا سستا ہوا۔", "ur") == {"PK": 1}
    assert countries("قیمت دلار آمریکا در بازار تهران امروز کاهش یافت.", "fa") == {"IR": 1}
    # The dollar in every spelling and case of its adjective.
    assert countries("بلغت قيمة الصفقة مع شركة النفط العراقية 300 مليون دولار أميركي.", "ar") == {"IQ": 1}
    assert countries("Курс доллара США в Узбекистане вырос.", "ru") == {"UZ": 1}
    assert countries("Қурби доллари ИМА дар Тоҷикистон боло рафт.", "tg") == {"TJ": 1}


def test_an_english_loan_naming_an_institution_counts_only_beside_its_country():
    assert countries("امریکن کینسر سوسائٹی کی تحقیق کے مطابق پاکستان میں خطرہ زیادہ ہے۔", "ur") == {"PK": 1}
    assert countries("امریکن صدر نے امریکہ اور پاکستان کے تعلقات پر بات کی۔", "ur")["US"] == 2


def test_a_head_of_state_or_foreign_minister_named_stands_for_the_country():
    assert countries("ولسمشر غني وویل چې حکومتي پلاوی له طالبانو سره د خبرو لپاره چمتو دی.", "ps") == {"AF": 1}
    assert countries("پوتین ته په ټولپوښتنه کې ملت د اصلاحاتو واک ورکړ.", "ps") == {"RU": 1}
    # an envoy's name is too common a name ("محمد صادق") to stand for Pakistan
    assert countries("محمد صادق دیروز در کابل به خبرنگاران گفت که راه‌ها باز است.", "fa") == {"AF": 1}


def test_nationality_adjectives_of_countries_far_from_the_region_count():
    assert countries("وأحرز المهاجم البلجيكي هدفا في مرمى الفريق البرتغالي.", "ar") == {"BE": 1, "PT": 1}
    assert countries("Рахмон встретился с эфиопской делегацией и нидерландским послом.", "ru") == {"TJ": 1, "ET": 1, "NL": 1}


def test_a_surname_that_is_also_a_company_stands_for_nobody():
    # "بوش" is Bush and Bosch alike: only George W. Bush's full name stands for the US.
    assert countries("د بوش شرکت په اتلسمه پېړۍ کې په شتوتګارت کې جوړ شو.", "ps") == {}
    assert countries("جورج بوش د متحده ایالاتو ولسمشر و.", "ps") == {"US": 2}


def test_lam_before_the_article_reads_as_the_article():
    # "للولايات" is "لـ" + "الولايات" (not Micronesia's "ولايات"); "للشؤون الخارجية" is foreign affairs.
    assert countries("وجه الرئيس دعوة للولايات المتحدة وللسعودية.", "ar") == {"US": 1, "SA": 1}
    text = "أكد وزير الدولة للشؤون الخارجية الإماراتي أن دول المقاطعة ستواصل الضغط على الدوحة، وأن لدول المقاطعة موقفا موحدا. " * 2
    terms = tag_topics(articles((text, "ar")), LEXICON)[1]
    assert term_key("الشؤون الخارجية") in set(terms.filter(pl.col("topic") == "diplomacy")["term"])
