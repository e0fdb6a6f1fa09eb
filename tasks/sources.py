"""The outlet an article comes from, as the feed, the URL or the text itself credits it.

Outlets, their domains, the names the text uses for them and the marks that alone credit one
live in `sql/seeds/sources.csv`; the credit frames of each language ("به گزارش {outlet}",
"(CNN)", "جنگ کو انٹرویو", "منبع: {outlet}") in `sql/seeds/source_credits.csv`. A frame only
counts where outlets put credits (the head of the article, its foot, or a named interview),
so a quote attributed to another agency in the middle of the body is never the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from khabar.tasks.chrome import site_of, strip_edges
from khabar.tasks.folding import fold, fold_letters
from khabar.tasks.stage import SeedBacked

CREDIT_LINE_CHARS = 80
WORD_EDGE_L, WORD_EDGE_R = r"(?<![^\W_])", r"(?![^\W_])"


@dataclass(frozen=True)
class SourceConfig:
    head_lines: int = 6  # credit lines and datelines open the article
    head_chars: int = 400  # ... within the first sentences of their line
    foot_lines: int = 3


@dataclass(frozen=True)
class Credit:
    name: str | None
    method: str | None  # feed, url, text; None when nothing credits an outlet


def name_key(written: str) -> str:
    """An outlet's name as a key: folded, without spaces ("بی بی سی", "بیبیسی" and "BBC " alike)."""
    return "".join(fold(written).split())


class Sources(SeedBacked):
    """The outlets of `sources.csv` and the credit frames of `source_credits.csv`, compiled once a night."""

    def __init__(self, outlets: pl.DataFrame, credits: pl.DataFrame, config: SourceConfig = SourceConfig()):
        self.config = config
        self.by_domain: dict[str, str] = {}
        self.by_name: dict[str, str] = {}  # folded form, without spaces -> display name
        self.marks: dict[str, str] = {}  # folded mark -> display name
        self.countries: dict[str, str] = {}  # display name -> the outlet's country (ISO 3166-1 alpha-2)
        names_in: dict[str, set[str]] = {}  # language -> folded names the texts of that language use
        for row in outlets.iter_rows(named=True):
            form = row["form"].strip()
            if row["kind"] == "country":
                self.countries[row["name"]] = form.upper()
                continue
            if row["kind"] == "domain":
                self.by_domain[form.lower()] = row["name"]
            elif row["kind"] == "mark":
                self.marks[fold(form)] = row["name"]
            elif row["kind"] == "name":
                names_in.setdefault(row["language"], set()).add(" ".join(fold(form).split()))
            self.by_name.setdefault(name_key(form), row["name"])
            self.by_name.setdefault(name_key(row["name"]), row["name"])
        marks = sorted(self.marks, key=len, reverse=True)
        self.mark_at_start = re.compile("|".join(re.escape(mark) for mark in marks)) if marks else None
        # A frame of one language names outlets as that language writes them (or in Latin letters):
        # a Persian "به گزارش" is never followed by an Urdu word that happens to be an outlet's name.
        self.frames: dict[tuple[str, str], list[re.Pattern]] = {}  # (language, place) -> frames
        for row in credits.iter_rows(named=True):
            # Latin-script names ("منبع: Dawn", "(CNN)") are written as they are in every language.
            names = sorted(names_in.get(row["language"], set()) | names_in.get("en", set()), key=len, reverse=True)
            if not names:
                continue
            outlet = "(?P<outlet>" + "|".join(r"\s*".join(re.escape(part) for part in n.split()) for n in names) + ")"
            pattern = fold_letters(row["pattern"]).replace("{outlet}", WORD_EDGE_L + outlet + WORD_EDGE_R)
            self.frames.setdefault((row["language"], row["place"]), []).append(re.compile(pattern, re.MULTILINE | re.IGNORECASE))

    @classmethod
    def from_seeds(cls, seeds: Path) -> Sources:
        return cls(pl.read_csv(seeds / "sources.csv"), pl.read_csv(seeds / "source_credits.csv"))

    def country_of(self, outlet: str | None) -> str | None:
        """The country an outlet is from (its "our country" is that one), if `sources.csv` says."""
        return self.countries.get(outlet) if outlet else None

    def outlet_named(self, written: str | None) -> str | None:
        """The display name of an outlet written as `written` ("Alarabia", "خبرگزاري فارس")."""
        return self.by_name.get(name_key(written)) if written else None

    def outlet_of_host(self, host: str | None) -> str | None:
        """The outlet whose domain `host` is, or is under ("urdu.geo.tv" is Geo News)."""
        while host and "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.split(".", 1)[1]
        return None

    def credited_in_text(self, raw_lines: list[str], body_lines: list[str] | None = None, language: str = "en") -> str | None:
        """The outlet the text credits: a frame of its language at the head, at the foot, or a named interview.

        The foot is both the page's last lines and the article's own last lines once the page's
        lists are cut ("المصدر: الجزيرة" sits above "read also" and related headlines).
        """
        filled = [line for line in raw_lines if line.strip()]
        body = [line for line in (body_lines if body_lines is not None else raw_lines) if line.strip()]
        head = [fold(line[: self.config.head_chars]).strip() for line in filled[: self.config.head_lines]]
        # A credit line is short: a long last paragraph is folded only as far as a credit could reach.
        foot = [strip_edges(fold(line[-self.config.head_chars :])) for line in body[-self.config.foot_lines :] + filled[-self.config.foot_lines :]]
        for place, lines in (("head", head), ("foot", foot)):
            for line in lines:
                if self.mark_at_start is not None and (found := self.mark_at_start.match(line)) is not None:
                    return self.marks[found.group()]
                for frame in self.frames.get((language, place), ()):
                    for match in frame.finditer(line):
                        if (name := self.by_name.get(name_key(match["outlet"]))) is not None:
                            return name
        # An interview named in the body ("جنگ کو انٹرویو"): in the article itself, never in the
        # page's lists of other stories that the chrome stage cut.
        body_frames = self.frames.get((language, "body"), ())
        text = fold("\n".join(body)) if body_frames else ""
        for frame in body_frames:
            for match in frame.finditer(text):
                if (name := self.by_name.get(name_key(match["outlet"]))) is not None:
                    return name
        return None

    def is_credit_line(self, line: str) -> bool:
        """A line that only names outlets, as a credit at the foot: "فرانس 24/أ ف ب", "Reuters"."""
        if len(line) > CREDIT_LINE_CHARS:
            return False
        parts = [name_key(part) for part in re.split(r"[/|،,]", strip_edges(fold(line)))]
        return bool(parts) and all(part in self.by_name for part in parts)

    def credit(self, feed_source: str | None, url: str | None, raw_lines: list[str], body_lines: list[str] | None = None,
               language: str = "en") -> Credit:
        given = (feed_source or "").strip()
        if given:
            return Credit(self.outlet_named(given) or given, "feed")
        if (host := site_of(url)) is not None:
            return Credit(self.outlet_of_host(host) or host, "url")
        named = self.credited_in_text(raw_lines, body_lines, language)
        return Credit(named, "text" if named else None)
