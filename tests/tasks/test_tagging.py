from pathlib import Path

import polars as pl

from khabar.tasks.countries import Gazetteer, tag_countries
from khabar.tasks.topics import Lexicon, TopicConfig, tag_topics

SEEDS_DIR = Path(__file__).resolve().parents[2] / "sql" / "seeds"
LEXICON = Lexicon(pl.read_csv(SEEDS_DIR / "topic_lexicon.csv"))
GAZETTEER = Gazetteer(pl.read_csv(SEEDS_DIR / "country_gazetteer.csv"))

PERSIAN = (
    "وزیر امور خارجه ایران در دیدار با همتای پاکستانی خود در اسلام آباد درباره مبارزه با تروریسم "
    "و گروهک‌های تروریستی در مرز دو کشور گفتگو کرد. دو طرف بر گسترش روابط دوجانبه تأکید کردند. "
) * 3
ARABIC = "بحث وزير الدفاع الباكستاني مع نظيره الإيراني في إسلام آباد تعزيز التعاون العسكري ومكافحة الإرهاب والإرهابيين. " * 3


def articles(*rows):
    return pl.DataFrame([{"article_id": str(i), "text": t, "language": l} for i, (t, l) in enumerate(rows)])


def test_persian_topics_with_zwnj_variants_and_plurals():
    topics = set(tag_topics(articles((PERSIAN, "fa")), LEXICON)["topic"])
    assert {"diplomacy", "terrorism"} <= topics
    assert "natural_disaster" not in topics


def test_arabic_clitics_are_matched():
    topics = set(tag_topics(articles((ARABIC, "ar")), LEXICON)["topic"])
    assert {"defense_military", "terrorism"} <= topics


def test_sports_vetoes_military_reading_of_defence():
    sport = "دفاع تیم ملی فوتبال در بازی لیگ برابر حریف خوب بود و بازیکنان دفاع خوبی داشتند. " * 5
    assert "defense_military" not in set(tag_topics(articles((sport, "fa")), LEXICON)["topic"])


def test_a_single_passing_mention_is_not_a_topic():
    text = PERSIAN + " زلزله"
    assert "natural_disaster" not in set(tag_topics(articles((text, "fa")), LEXICON, TopicConfig())["topic"])


def test_countries_count_names_demonyms_and_capitals():
    found = dict(tag_countries(articles((ARABIC, "ar")), GAZETTEER).select("country", "mentions").iter_rows())
    assert found["PK"] == 6 and found["IR"] == 3


def test_city_resolves_to_its_country_and_both_are_kept():
    text = "وزیر امور خارجه قزاقستان در سفر به دوشنبه، پایتخت، با همتای تاجیک خود و امامعلی رحمان دیدار کرد."
    found = dict(tag_countries(articles((text, "fa")), GAZETTEER).select("country", "mentions").iter_rows())
    assert found == {"KZ": 1, "TJ": 3}


def test_look_alike_words_are_not_countries():
    # ترک (to leave) is not ترکیه, همه holds no مه, and چینی (Chinese) is a demonym but چیدن is not.
    text = "او محل را ترک کرد و همه چیز را چیدند؛ مهمان‌ها رفتند."
    assert tag_countries(articles((text, "fa")), GAZETTEER).is_empty()


def test_the_shortest_arabic_proclitic_strip_wins():
    text = "وكانت باكستان قد ذكرت أنها ستواصل الاضطلاع بدور في نزع فتيل التوترات بين إيران والولايات المتحدة."
    found = dict(tag_countries(articles((text, "ar")), GAZETTEER).select("country", "mentions").iter_rows())
    assert found == {"PK": 1, "IR": 1, "US": 1}
