"""The seeds the stages read, loaded once a night, and once per worker process when batches run in processes.

Built, the reference objects are large (the event reader's automatons pickle to about 20 MB and
take a third of a second each way), and a process pool pickles a task's arguments for every
batch. So an object loaded from a seeds folder crosses to a worker as that folder's name and a
digest of its files; each worker builds the whole reference once from its own copy of that
folder and keeps it, and refuses if its copy differs.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from khabar.tasks.countries import Gazetteer
from khabar.tasks.dates import MonthNames
from khabar.tasks.discover import file_hash
from khabar.tasks.events import EventReader
from khabar.tasks.sources import Sources
from khabar.tasks.stage import SQL_DIR, SeedBacked
from khabar.tasks.topics import Lexicon

SEEDS = SQL_DIR / "seeds"


def seeds_fingerprint(seeds: Path) -> str:
    """A digest of the seed files' names and contents: the same on every machine that has the same seeds."""
    listing = "".join(f"{path.name}\x00{file_hash(path)}\n" for path in sorted(seeds.glob("*.csv")))
    return hashlib.sha256(listing.encode()).hexdigest()


@dataclass(frozen=True)
class ReferenceData:
    """The seeds the stages read, loaded once a night rather than once a chunk."""

    months: MonthNames
    sources: Sources
    lexicon: Lexicon
    gazetteer: Gazetteer
    events: EventReader
    chrome_phrases: pl.DataFrame

    @classmethod
    def load(cls, seeds: Path = SEEDS) -> ReferenceData:
        seeds = Path(seeds).resolve()
        months, gazetteer = MonthNames.from_csv(seeds / "calendar_months.csv"), Gazetteer.from_seeds(seeds)
        reference = cls(
            months, Sources.from_seeds(seeds), Lexicon.from_seeds(seeds), gazetteer,
            EventReader.from_seeds(seeds, gazetteer, months), pl.read_csv(seeds / "chrome_phrases.csv"),
        )
        fingerprint = seeds_fingerprint(seeds)
        for name in SEED_PARTS:
            # the instance's own attribute, read by its class's __reduce_ex__ (see SeedBacked)
            object.__setattr__(getattr(reference, name), "seeds_part", (str(seeds), fingerprint, name))
        return reference

    @classmethod
    def named(cls, seeds: Path = SEEDS) -> ReferenceData:
        """The reference by name, not built: for a flow whose stages compute in worker processes,
        which build their own. Each part is built here only if a stage computes here after all."""
        seeds = Path(seeds).resolve()
        fingerprint = seeds_fingerprint(seeds)
        parts = (SeedPart(str(seeds), fingerprint, name) for name in SEED_PARTS)
        return cls(*parts, pl.read_csv(seeds / "chrome_phrases.csv"))


SEED_PARTS = ("months", "sources", "lexicon", "gazetteer", "events")


class SeedPart(SeedBacked):
    """A part of the reference named by its seeds folder, its digest and its name (the lexicon, ...),
    not built: it pickles as that name, as a built part does, and is built on first use in any process."""

    def __init__(self, seeds: str, fingerprint: str, name: str):
        self.seeds_part = (seeds, fingerprint, name)

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):  # a probe of what the object is builds nothing
            raise AttributeError(attribute)
        return getattr(reference_part(*self.seeds_part), attribute)


class SeedsDiffer(RuntimeError):
    """A worker's seed files are not the ones the flow loaded."""


# A worker builds its reference on a thread of its own while it reads its first batches (`warm_up`).
_LOADING = threading.Lock()


def _loaded(seeds: str, fingerprint: str) -> ReferenceData:
    with _LOADING:
        return _built(seeds, fingerprint)


@functools.cache
def _built(seeds: str, fingerprint: str) -> ReferenceData:
    if seeds_fingerprint(Path(seeds)) != fingerprint:
        raise SeedsDiffer(f"the seed files in {seeds} on this worker are not the ones the flow loaded (edited during the run, or on one machine only)")
    return ReferenceData.load(Path(seeds))


def warm_up(seeds: Path = SEEDS) -> None:
    """Start building a worker's reference from `seeds` before a stage asks for it, on a thread:
    the night's first stage (reading) needs none of it. A failure shows when a stage asks for it."""
    threading.Thread(target=_loaded, args=(str(Path(seeds).resolve()), seeds_fingerprint(seeds)), daemon=True).start()


def reference_part(seeds: str, fingerprint: str, name: str):
    """What a worker process unpickles a seed-backed object into: its part of this process's reference."""
    return getattr(_loaded(seeds, fingerprint), name)
