"""Countries each article refers to, counted from the gazetteer in `sql/seeds/country_gazetteer.csv`.

Names, capitals, cities, provinces, demonyms and leaders all count as mentions of their country,
so an article that says "Kazakhstan" once and "Dushanbe" and "Tajik" many times gets both
countries with their counts, and the analyst decides. What a careful reader adds is reference
data too, by `kind`:

- `veto`: a longer name that is not the country it contains (an agency, a university, a street:
  "خبرگزاری فرانسه"); matched longest first, it takes its words and counts nothing.
- `context`: a name that is also a common word ("دوشنبه" is Dushanbe and Monday, "آستانه" Astana
  and "the eve of"); it counts next to a place cue of `sql/seeds/place_cues.csv` ("به دوشنبه",
  "دوشنبه، پایتخت"), or when the article names its country otherwise.
- `demonym_ethnic`: a people living on both sides of a border ("تاجیک", "ازبک"): counts only
  when the article names its country otherwise.
- `our_country`: "کشورمان", "بلادنا": the outlet's own country, when the outlet is known.
- officials: the heads of state and government, foreign ministers and leaders of
  `sql/seeds/people.csv`, in every spelling it lists ("ولسمشر غني", "پوتین", "Эмомали Рахмон"),
  count for their country as its leaders do (kind `official`). Their names are the event
  reader's to place beside a title, not the gazetteer's, so `named` leaves them out.
- `this_country`: "این کشور", "دغه هېواد", "هذا البلد": counts nothing in an article; beside a
  title it is the country the sentence named last before it ("... پاکستان ته تلی و او د دغه
  هېواد د پوځ مشر سره" is Pakistan's army chief).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from khabar.tasks.sources import Sources
from khabar.tasks.folding import term_key
from khabar.tasks.stage import SeedBacked
from khabar.tasks.terms import TermIndex, by_language

COUNTRY_SCHEMA = {"article_id": pl.String, "country": pl.String, "mentions": pl.Int64}
COUNTRY_TERM_SCHEMA = {"article_id": pl.String, "country": pl.String, "term": pl.String, "hits": pl.Int64}
# Kinds that count only beside another name of the same country (or a place cue, for `context`).
DEPENDENT_KINDS = ("context", "demonym_ethnic")
# Offices whose holders are known enough for their name to stand for their country; a deputy,
# an envoy or an ambassador often shares a common name ("محمد صادق") with many people.
NAMING_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "leader")


class Gazetteer(SeedBacked):
    """Per language: folded name -> (ISO 3166-1 alpha-2 code, kind), and the place cues."""

    def __init__(self, gazetteer: pl.DataFrame, cues: pl.DataFrame | None = None):
        self.names: dict[str, dict[str, tuple[str | None, str]]] = {}
        self.written: dict[str, dict[str, str]] = {}  # folded name -> the name as the gazetteer writes it
        # A veto wins over a country name spelled the same; otherwise the first row wins.
        for row in gazetteer.sort(pl.col("kind") != "veto", maintain_order=True).iter_rows(named=True):
            key = term_key(row["name"])
            self.names.setdefault(row["language"], {}).setdefault(key, (row["iso2"] or None, row["kind"]))
            self.written.setdefault(row["language"], {}).setdefault(key, row["name"])
        self.index = {language: TermIndex(set(names), enclitics=True, language=language) for language, names in self.names.items()}
        self.cues: dict[tuple[str, str], set[tuple[str, ...]]] = {}  # (language, position) -> cue word tuples
        for row in ([] if cues is None else cues.iter_rows(named=True)):
            self.cues.setdefault((row["language"], row["position"]), set()).add(tuple(term_key(row["cue"]).split()))

    @classmethod
    def from_seeds(cls, seeds: Path) -> Gazetteer:
        """The gazetteer's names, then the officials of `people.csv` (a gazetteer row spelled the same wins)."""
        officials = (
            pl.read_csv(seeds / "people.csv", infer_schema=False)
            .filter(pl.col("role").is_in(NAMING_ROLES))
            .select(iso2="country", language="language", name="name", kind=pl.lit("official"))
        )
        gazetteer = pl.read_csv(seeds / "country_gazetteer.csv", infer_schema=False)
        return cls(pl.concat([gazetteer, officials]), pl.read_csv(seeds / "place_cues.csv"))

    def mentions(self, words: str, language: str, home: str | None = None) -> dict[str, dict[str, int]]:
        """country -> {name as folded: hits} for one article's `words` (`TermIndex.prepared`);
        `home` is the outlet's country."""
        index = self.index.get(language)
        if index is None:
            return {}
        found: dict[str, dict[str, int]] = {}
        waiting: list[tuple[str, str]] = []  # dependent names without a cue: (country, name)
        for name, start in index.spans(words):
            country, kind = self.names[language][name]
            if kind == "veto":
                continue
            if kind == "our_country":
                country = home
            elif kind in DEPENDENT_KINDS and not (kind == "context" and self._cued(words, name, start, language)):
                waiting.append((country, name))
                continue
            if country:
                terms = found.setdefault(country, {})
                terms[name] = terms.get(name, 0) + 1
        for country, name in waiting:
            if country in found:
                found[country][name] = found[country].get(name, 0) + 1
        return found

    def named(self, words: list[str], language: str, home: str | None, index: TermIndex | None = None) -> list[tuple[str, int, int]]:
        """(country, first word, words after the last) for each name in `words` that alone names
        its country: no vetoes, no names that need context; "our country" as the outlet's, "this
        country" as the last one named before it. `index`: the names as the caller's prepared
        text reads them, when not this one's."""
        index = index or self.index.get(language)
        found = []
        for name, start, end in index.find(words) if index else []:
            country, kind = self.names[language][name]
            if kind == "our_country":
                country = home
            elif kind == "this_country":
                before = [(c_end, c) for c, _, c_end in found if c_end <= start]
                country = max(before)[1] if before else None
            if country and kind not in ("veto", "official", *DEPENDENT_KINDS):
                found.append((country, start, end))
        return found

    def _cued(self, words: str, name: str, start: int, language: str) -> bool:
        first = words.count(" ", 0, start)  # words before the name
        return self.has_cue(words.split(" "), first, first + name.count(" ") + 1, language)

    def has_cue(self, words: list[str], start: int, end: int, language: str) -> bool:
        before = self.cues.get((language, "before"), set())
        after = self.cues.get((language, "after"), set())
        return any(tuple(words[max(0, start - len(cue)) : start]) == cue for cue in before) or any(
            tuple(words[end : end + len(cue)]) == cue for cue in after
        )


COUNTRY_INPUT = ("article_id", "language", "source", "match_text")  # the columns `tag_countries` reads


def tag_countries(articles: pl.DataFrame, gazetteer: Gazetteer, sources: Sources) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per article, each country its cleaned text refers to (`article_id`, `country`, `mentions`)
    and the names that made it (`article_id`, `country`, `term`, `hits`), counted in one pass."""
    countries, terms = [], []
    for language, part in by_language(articles, gazetteer.index):
        for article_id, words, source in part.select("article_id", "words", "source").iter_rows():
            for country, names in gazetteer.mentions(words, language, sources.country_of(source)).items():
                countries.append((article_id, country, sum(names.values())))
                terms.extend((article_id, country, name, hits) for name, hits in names.items())
    return pl.DataFrame(countries, schema=COUNTRY_SCHEMA, orient="row"), pl.DataFrame(terms, schema=COUNTRY_TERM_SCHEMA, orient="row")
