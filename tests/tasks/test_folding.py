"""One folding for Python and SQL: the warehouse's fold() macro reads as tasks/folding.py does."""

import duckdb
import polars as pl
import pytest

from khabar.tasks.folding import DIGITS_FROM, LETTER_FOLDS, folded_words, term_key
from khabar.tasks.load import SQL_DIR

TEXTS = [
    "وزیر امور خارجه كشورمان، ۱۴۰۳ — تروریست‌ها!",
    "الإرهابيين في إسلام آباد ٢٠٢٤ مُؤتمرٌ",
    "اعلیٰ سطحی وفد؛ فوجی_آپریشن",
    "د افغانستان د بهرنیو چارو وزیر امیرخان متقي",
    "Министр ИНОСТРАННЫХ дел Таджикистана",
    # every letter and digit the folding maps, so that the two lists cannot drift apart
    " ".join(ch + "ب" for ch in LETTER_FOLDS) + " " + DIGITS_FROM,
]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute((SQL_DIR / "macros" / "fold.sql").read_text(encoding="utf-8"))
    yield connection
    connection.close()


@pytest.mark.parametrize("text", TEXTS)
def test_the_sql_macro_folds_as_python_does(con, text):
    assert con.execute("select fold(?)", [text]).fetchone()[0] == term_key(text)


def test_one_search_finds_arabic_and_persian_typings(con):
    assert term_key("كشورمان") == term_key("کشورمان") == con.execute("select fold('كشورمان')").fetchone()[0]
    assert term_key("تروریست‌ها") == term_key("تروریستها")


# Letters, numbers and marks where Python's and Rust's ideas of a word character could part:
# superscripts and fractions, combining vowel signs, dotted capital I, a final sigma, an underscore.
EDGES = ["x² ½ काठमाडौं हिन्दी", "İSTANBUL ΟΔΟΣ snake_case", "آ‌ها\u200cی  —  ٬٫ ـــ"]


@pytest.mark.parametrize("text", TEXTS + EDGES)
def test_the_polars_expression_folds_as_python_does(text):
    frame = pl.DataFrame({"text": [text]})
    assert frame.select(folded_words(pl.col("text")))["text"][0] == term_key(text)
