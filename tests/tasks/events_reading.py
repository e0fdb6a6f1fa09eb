"""Events read from one article's text, with its sides, for the tests of who met whom."""

import datetime as dt
from pathlib import Path

import polars as pl

from khabar.tasks.countries import Gazetteer
from khabar.tasks.dates import MonthNames
from khabar.tasks.events import EventReader, read_events
from khabar.tasks.sources import Sources
from khabar.tasks.terms import with_match_text

SEEDS_DIR = Path(__file__).resolve().parents[2] / "sql" / "seeds"
READER = EventReader.from_seeds(SEEDS_DIR, Gazetteer.from_seeds(SEEDS_DIR), MonthNames.from_csv(SEEDS_DIR / "calendar_months.csv"))
SOURCES = Sources.from_seeds(SEEDS_DIR)


def events_of(text: str, language: str, published: dt.date | None = None, source: str | None = None) -> list[dict]:
    frame = pl.DataFrame(
        {"article_id": ["a1"], "text": [text], "language": [language], "published_date": [published], "source": [source]},
        schema_overrides={"published_date": pl.Date, "source": pl.String},
    )
    # With its folded words, as the clean stage leaves an article for the event reader.
    events, actors = read_events(with_match_text(frame), READER, SOURCES)
    return [
        {**event, "sides": sorted((a["country"], a["person_id"], a["role"]) for a in actors.filter(pl.col("event_id") == event["event_id"]).iter_rows(named=True))}
        for event in events.iter_rows(named=True)
    ]
