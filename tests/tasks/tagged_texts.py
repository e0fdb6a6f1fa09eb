"""Real-looking Persian and Arabic news text and the frame the taggers read, for the tagging tests."""

from pathlib import Path

import polars as pl

SEEDS_DIR = Path(__file__).resolve().parents[2] / "sql" / "seeds"

PERSIAN = (
    "وزیر امور خارجه ایران در دیدار با همتای پاکستانی خود در اسلام آباد درباره مبارزه با تروریسم "
    "و گروهک‌های تروریستی در مرز دو کشور گفتگو کرد. دو طرف بر گسترش روابط دوجانبه تأکید کردند. "
) * 3
ARABIC = "بحث وزير الدفاع الباكستاني مع نظيره الإيراني في إسلام آباد تعزيز التعاون العسكري ومكافحة الإرهاب والإرهابيين. " * 3


def articles(*rows, source: str | None = None) -> pl.DataFrame:
    return pl.DataFrame([{"article_id": str(i), "text": t, "language": l, "source": source} for i, (t, l) in enumerate(rows)], schema_overrides={"source": pl.String})
