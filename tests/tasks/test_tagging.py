"""Topics of articles: the lexicon's terms, weights, vetoes and thresholds, on real-looking text."""

import polars as pl

from tagged_texts import ARABIC, PERSIAN, SEEDS_DIR, articles

from khabar.tasks.folding import term_key
from khabar.tasks.topics import Lexicon, TopicConfig, tag_topics

LEXICON = Lexicon.from_seeds(SEEDS_DIR)


def main_topics(frame: pl.DataFrame, config: TopicConfig = TopicConfig()) -> set[str]:
    return set(tag_topics(frame, LEXICON, config)[0].filter("is_main")["topic"])


def test_persian_topics_with_zwnj_variants_and_plurals():
    topics = main_topics(articles((PERSIAN, "fa")))
    assert {"diplomacy", "terrorism"} <= topics
    assert "natural_disaster" not in topics


def test_arabic_clitics_are_matched():
    topics = main_topics(articles((ARABIC, "ar")))
    assert {"defense_military", "terrorism"} <= topics


def test_arabic_terms_whose_later_word_has_the_article_are_matched_whole():
    # The text reads "الاتفاق نووي" ("النووي" loses its article, "نووي" being a term): the term
    # "الاتفاق النووي" is looked for the same way, and is the evidence, not "نووي" alone.
    text = "قال وزير الخارجية الإيراني إن الاتفاق النووي ما زال قائما وإن طهران ستواصل المفاوضات بشأن الاتفاق النووي مع الأوروبيين."
    _, terms = tag_topics(articles((text, "ar")), LEXICON)
    assert set(terms.filter(pl.col("topic") == "nuclear")["term"]) == {term_key("الاتفاق النووي")}


def test_sports_vetoes_military_reading_of_defence():
    sport = "دفاع تیم ملی فوتبال در بازی لیگ برابر حریف خوب بود و بازیکنان دفاع خوبی داشتند. " * 5
    assert "defense_military" not in main_topics(articles((sport, "fa")))


def test_clubs_named_after_oil_and_steel_are_not_energy_or_trade_in_a_sports_report():
    # Iranian and Iraqi clubs carry their sponsor's industry: Naft (oil), Petrochimi, Foolad (steel).
    persian = ("تیم فوتبال نفت آبادان در هفته دوم لیگ برتر میزبان پتروشیمی بندر امام است. سرمربی نفت گفت بازیکنان "
               "نفت برای این بازی در ورزشگاه تختی آماده‌اند و فولاد خوزستان و نفت مسجد سلیمان هم بازی دارند. ") * 3
    arabic = "فاز نادي النفط على نادي نفط البصرة في مباراة الدوري العراقي لكرة القدم، وسجل لاعب النفط هدفين في شباك نفط ميسان. " * 3
    assert not {"energy_infrastructure", "trade_economy"} & main_topics(articles((persian, "fa"), (arabic, "ar")))
    oil = "صادرات نفت و گاز ایران از پارس جنوبی افزایش یافت و وزیر نفت گفت تولید پتروشیمی‌ها و پالایشگاه‌ها بیشتر شد. " * 3
    assert "energy_infrastructure" in main_topics(articles((oil, "fa")))
    # Pakistan's Muslim League and a government's economic team are not sport.
    budget = ("دولت مسلم لیگ نواز در پاکستان بودجه جدید و افزایش صادرات را تصویب کرد؛ مسلم لیگ می‌گوید تورم کاهش "
              "می‌یابد و تیم اقتصادی مسلم لیگ از سرمایه‌گذاری خارجی حمایت می‌کند. ")
    assert "trade_economy" in main_topics(articles((budget, "fa")))


def test_a_passing_mention_is_mentioned_not_main():
    long_text = PERSIAN * 6  # about 640 words: two hits are 0.3 per 100 words
    text = long_text + " دو طرف همچنین به زلزله اخیر و کمک به آسیب‌دیدگان زلزله اشاره کردند."
    topics, terms = tag_topics(articles((text, "fa")), LEXICON)
    disaster = topics.filter(pl.col("topic") == "natural_disaster").to_dicts()
    assert disaster == [{"article_id": "0", "topic": "natural_disaster", "mentions": 2.0, "score": disaster[0]["score"], "is_main": False}]
    # The evidence: the word that made it, with its hits, one row per (article, topic, term).
    assert terms.filter(pl.col("topic") == "natural_disaster").select("term", "hits").rows() == [("زلزله", 2)]
    assert terms.select("article_id", "topic", "term").is_duplicated().sum() == 0


def test_one_generic_word_is_not_a_mention_but_one_word_naming_the_topic_is():
    # "بیمارستان" (hospital) is in health news and in casualty reports alike; "زلزله" is an earthquake.
    topics = tag_topics(articles((PERSIAN + " زخمی‌ها به بیمارستان منتقل شدند.", "fa"), (PERSIAN + " زلزله", "fa")), LEXICON)[0]
    assert "health" not in set(topics.filter(pl.col("article_id") == "0")["topic"])
    assert topics.filter((pl.col("article_id") == "1") & (pl.col("topic") == "natural_disaster"))["is_main"].to_list() == [False]


def test_a_longer_term_holding_a_word_that_names_its_topic_names_it_too():
    # Matched longest first, "داعش خراسان" and "اټومي وسلې" take the words of "داعش" and "اټومي",
    # each of which is a mention by itself: the longer names are too.
    persian = "وزیر امور خارجه ایران در اسلام آباد با همتای پاکستانی خود درباره روابط دو کشور گفتگو کرد. " * 6 + "مسئولیت این حمله را داعش خراسان بر عهده گرفت."
    pashto = "د پاکستان او افغانستان چارواکو د سوداګرۍ او ترانزیټ په اړه خبرې وکړې. " * 12 + "هغوی د اټومي وسلې خبره هم وکړه."
    topics = tag_topics(articles((persian, "fa"), (pashto, "ps")), LEXICON)[0]
    assert topics.filter((pl.col("article_id") == "0") & (pl.col("topic") == "terrorism")).height == 1
    assert topics.filter((pl.col("article_id") == "1") & (pl.col("topic") == "nuclear"))["is_main"].to_list() == [False]


def test_the_dari_month_saratan_is_a_date_and_not_cancer():
    # Afghan Dari dates by the solar months, the fourth of which is "سرطان", cancer in Persian:
    # a talk dated and timed in Saratan is not a health story; a disease named as one is.
    dated = "کابل، ۱۵ سرطان ۱۳۹۹: " + PERSIAN + " این نشست از ۱۷ سرطان تا ۲۰ سرطان ادامه دارد."
    ill = PERSIAN + " دو تن از اعضای هیئت مبتلا به سرطان هستند و بیماران سرطانی دیگری نیز مبتلا به سرطان شده‌اند."
    topics = tag_topics(articles((dated, "fa"), (ill, "fa")), LEXICON)[0]
    assert "health" not in set(topics.filter(pl.col("article_id") == "0")["topic"])
    assert "health" in set(topics.filter(pl.col("article_id") == "1")["topic"])


def test_dna_is_not_the_nuclear_file():
    # "نووي" names the nuclear file by itself, and DNA is "الحمض النووي", nucleic acid.
    science = ARABIC + " وأظهرت الدراسة أن الحمض النووي للبكتيريا تغير."
    file = ARABIC + " وبحث الوزيران البرنامج النووي الإيراني."
    topics = tag_topics(articles((science, "ar"), (file, "ar")), LEXICON)[0]
    assert "nuclear" not in set(topics.filter(pl.col("article_id") == "0")["topic"])
    assert "nuclear" in set(topics.filter(pl.col("article_id") == "1")["topic"])


def test_a_few_generic_words_are_not_a_mention():
    # A shopkeeper on hunting rifles and tennis rackets: "سلاح" twice, "راکت" and "جنگ" weigh 2.6,
    # under the three weighted hits a topic the article is not about needs.
    text = PERSIAN * 6 + " یک بازرگان گفت فروش سلاح شکاری و راکت تنیس پس از جنگ کم شده است و سلاح شکاری گران‌تر شده است."
    assert "defense_military" not in set(tag_topics(articles((text, "fa")), LEXICON)[0]["topic"])


def test_a_board_is_not_a_delegation_and_nuclear_energy_is_not_the_grid():
    board = "هیئت تجدید نظر عراق تصمیم هیئت بازخواست و عدالت را لغو کرد و هیئت دولت و هیئت مدیره شرکت به آن اعتراض کردند. " * 4
    nuclear = "آژانس بین‌المللی انرژی اتمی گزارش داد که برنامه انرژی هسته‌ای ایران و تأسیسات انرژی هسته‌ای آن بازرسی شد. " * 3
    topics = tag_topics(articles((board, "fa"), (nuclear, "fa")), LEXICON)[0]
    assert "diplomacy" not in set(topics.filter(pl.col("article_id") == "0")["topic"])
    assert set(topics.filter(pl.col("article_id") == "1")["topic"]) == {"nuclear"}


def test_three_casualties_taken_to_hospital_are_not_a_health_story():
    text = PERSIAN + " سه زخمی به بیمارستان منتقل شدند و در بیمارستان بستری هستند و یک بیمارستان دیگر آماده است."
    assert "health" not in set(tag_topics(articles((text, "fa")), LEXICON)[0]["topic"])


def test_pashto_words_of_its_own_for_earthquakes_ambushes_and_the_border():
    quake = "په بادغیس کې د ځمکلړزې له امله لسګونه کورونه ونړېدل او د ځمکلړزې ځپلو کورنیو ته مرستې ولېږل شوې. " * 3
    ambush = "په کندهار کې وسله والو پر پولیسو غلچکي برید وکړ او په ښار کې د لاسي بم په چاودنه کې دوه کسان ټپیان شول. " * 3
    border = "سرحدي ځواکونو وویل چې په ګذرګاه کې سرحدي نښتې ودرېدې او اغزن تار بیا جوړ شو. " * 3
    topics = tag_topics(articles((quake, "ps"), (ambush, "ps"), (border, "ps")), LEXICON)[0].filter("is_main")
    assert [set(topics.filter(pl.col("article_id") == str(i))["topic"]) for i in range(3)] == [{"natural_disaster"}, {"terrorism"}, {"border_security"}]


def test_a_release_on_insurgents_engaged_by_a_coalition_patrol_is_about_both():
    text = ("In Nad Ali district, Helmand province, a coalition patrol came under fire from insurgents. "
            "The patrol returned fire, killing two insurgents. No coalition troops were hurt.")
    assert main_topics(articles((text, "en"))) == {"defense_military", "terrorism"}


def test_the_gaza_strip_is_not_an_economic_sector():
    # "قطاع" is a sector of the economy, and the Strip in every report from Gaza.
    gaza = "قتل فلسطينيان برصاص الجيش الإسرائيلي شرق قطاع غزة، وقالت مصادر إن التوتر يسود قطاع غزة منذ أسابيع. " * 3
    assert "trade_economy" not in set(tag_topics(articles((gaza, "ar")), LEXICON)[0]["topic"])
    economy = "قال وزير الاقتصاد إن قطاع السياحة وقطاع الصناعة يحتاجان إلى استثمارات جديدة لرفع الصادرات. " * 3
    assert "trade_economy" in main_topics(articles((economy, "ar")))


def test_a_nerve_agent_or_tear_gas_is_not_the_gas_industry():
    poison = "قال المختبر إن الغاز هو نوفيتشوك، وهو غاز للأعصاب من النوع العسكري، وإن تصنيع هذا الغاز يتطلب قدرات دولة. " * 3
    protest = "پلیس برای متفرق کردن معترضان از گاز اشک‌آور استفاده کرد و چند نفر بر اثر گاز اشک‌آور به بیمارستان رفتند. " * 3
    topics = tag_topics(articles((poison, "ar"), (protest, "fa")), LEXICON)[0]
    assert "energy_infrastructure" not in set(topics["topic"])
    pipeline = "وقعت قطر وإيران اتفاقا لتطوير حقل غاز مشترك وتصدير الغاز الطبيعي عبر خط أنابيب جديد. " * 3
    assert "energy_infrastructure" in main_topics(articles((pipeline, "ar")))


def test_a_tech_platform_news_item_is_not_trade_but_a_company_s_market_loss_is():
    video = ("أعلن موقع إنستغرام الذي تملكه شركة فيسبوك أنه سيضيف قسما للفيديو الطويل لجذب المستخدمين، بعد أن تجاوز عدد "
             "مستخدميه مليار مستخدم، في منافسة مع يوتيوب الذي تملكه شركة ألفابت. وتنفق شركات التكنولوجيا على الفيديو. ") * 2
    assert "trade_economy" not in main_topics(articles((video, "ar")))
    market = ("خسرت شركة فيسبوك 100 مليار دولار من قيمتها السوقية بعد تراجع أسهمها في البورصة، وقال محللون إن الأرباح "
              "والإيرادات جاءت دون توقعات السوق والمستثمرين. ") * 2
    assert "trade_economy" in main_topics(articles((market, "ar")))


def test_a_gas_cylinder_or_boiler_blast_is_an_accident_not_terrorism():
    cylinder = "لاہور میں گیس سلنڈر دھماکے سے مکان کی چھت گر گئی، ریسکیو حکام کے مطابق سلنڈر دھماکہ گیس لیکیج کے باعث ہوا اور دھماکے میں دو افراد زخمی ہوئے۔ " * 2
    assert "terrorism" not in set(tag_topics(articles((cylinder, "ur")), LEXICON)[0]["topic"])
    bomb = "پشاور میں بم دھماکے میں پانچ افراد جاں بحق ہو گئے، پولیس کے مطابق دھماکہ خیز مواد موٹر سائیکل میں نصب تھا اور دہشت گردوں نے حملہ کیا۔ " * 2
    assert "terrorism" in main_topics(articles((bomb, "ur")))


def test_medical_sources_counting_the_dead_are_not_a_health_story():
    text = ARABIC + " وأعلنت مصادر طبية سقوط قتيلين، وقالت مصادر طبية أخرى إن الجرحى نقلوا إلى مستشفى المدينة."
    assert "health" not in set(tag_topics(articles((text, "ar")), LEXICON)[0]["topic"])


def test_a_cyber_attack_elon_musk_and_an_oxygen_tank_are_not_what_their_words_look_like():
    # Every positive term counts here, as on the Pashto sentences of bench.facts.
    every_term = TopicConfig(min_mentions=0.01, min_main_mentions=0.01, min_score=0)
    texts = [
        ("امریکا منلې، چې پر روسیې یې د سایبري برید هڅه کړې وه.", "ps"),
        ("The ministry said a cyber attack had hit its servers, the second cyber attack this year.", "en"),
        ("وزارت اعلام کرد حمله سایبری به سامانه سوخت‌رسانی خنثی شد.", "fa"),
        ("په دغه انټرنېټي برید کې د بارک اوباما او ايلن ماسک حسابونه هک شول.", "ps"),
        ("هغوی ته وايي چې د آکسیجن ټانک له بازاره راونيسي او په کور کې دې پاته شي.", "ps"),
    ]
    topics = tag_topics(articles(*texts), LEXICON, every_term)[0]
    assert set(topics.filter(pl.col("topic").is_in(["terrorism", "health", "defense_military"]))["article_id"]) == set()
