"""Which sentences the event reader reads: with an article's folded words, only those of articles that hold a frame."""

import polars as pl

from events_reading import READER, SOURCES
from khabar.tasks.events import read_events, sentences_of
from khabar.tasks.terms import with_match_text


def test_articles_with_and_without_their_folded_words_give_the_same_events():
    # The flow hands the reader each article's match_text, to skip articles with no frame in it;
    # a caller without it reads every sentence. The two must agree.
    frame = pl.DataFrame(
        {
            "article_id": ["fa", "ar", "ur", "ps", "en", "none"],
            "text": [
                "وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار و گفتگو کرد.",
                "والتقى وزير الدفاع الباكستاني خواجة محمد آصف نظيره الإيراني عزيز نصير زاده في إسلام آباد أمس.",
                "پاکستان کے وزیر خارجہ نے کابل میں افغان وزیر خارجہ سے ملاقات کی۔",
                "د تاجکستان ولسمشر په دوشنبه کې د افغانستان له بهرنیو چارو وزیر سره وکتل.",
                "Pakistani Prime Minister Shehbaz Sharif held a telephone conversation with Iranian President Masoud Pezeshkian.",
                "باران شدید در کابل چند خانه را ویران کرد.",
            ],
            "language": ["fa", "ar", "ur", "ps", "en", "fa"],
            "published_date": [None] * 6,
            "source": [None] * 6,
        },
        schema_overrides={"published_date": pl.Date, "source": pl.String},
    )
    with_words = read_events(with_match_text(frame), READER, SOURCES)
    without = read_events(frame, READER, SOURCES)
    assert with_words[0].height >= 4
    assert all(a.sort(pl.all()).equals(b.sort(pl.all())) for a, b in zip(with_words, without))


def test_a_sentence_goes_on_past_initials_however_many_follow_each_other():
    # Each break after a lone capital is taken back, the second of two initials in a row too
    # ("Д. А."), while a stop after a word still ends its sentence, in Arabic script as well.
    texts = ["В. В. Путин и Д. А. Медведев встретились в Москве. Затем они уехали.",
             "President George W. Bush met A. B. C. Smith.\nالتقى الرئيس بوش بنظيره. ثم غادر."]
    split = pl.DataFrame({"text": texts}).select(sentences_of(pl.col("text")))["text"].to_list()
    assert split == [["В. В. Путин и Д. А. Медведев встретились в Москве.", "Затем они уехали."],
                     ["President George W. Bush met A. B. C. Smith.", "التقى الرئيس بوش بنظيره.", "ثم غادر."]]
