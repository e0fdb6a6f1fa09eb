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
from urllib.parse import urlparse

import polars as pl

from tasks.dates import fold

WORD_EDGE_L, WORD_EDGE_R = r"(?<![^\W_])", r"(?![^\W_])"
EDGES = re.compile(r"^[\s\-–—•*·|:：.،,+=_/\\]+|[\s\-–—•*·|:：.،,+=_/\\]+$")


@dataclass(frozen=True)
class SourceConfig:
    head_lines: int = 6  # credit lines and datelines open the article
    head_chars: int = 400  # ... within the first sentences of their line
    foot_lines: int = 3


@dataclass(frozen=True)
class Credit:
    name: str | None
    method: str | None  # feed, url, text; None when nothing credits an outlet


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


class Sources:
    """The outlets of `sources.csv` and the credit frames of `source_credits.csv`, compiled once a night."""

    def __init__(self, outlets: pl.DataFrame, credits: pl.DataFrame, config: SourceConfig = SourceConfig()):
        self.config = config
        self.by_domain: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.marks: list[tuple[str, str]] = []
        for row in outlets.iter_rows(named=True):
            form = row["form"].strip()
            if row["kind"] == "domain":
                self.by_domain[form.lower()] = row["name"]
            elif row["kind"] == "mark":
                self.marks.append((fold(form), row["name"]))
            self.by_name.setdefault(" ".join(fold(form).split()), row["name"])
            self.by_name.setdefault(" ".join(fold(row["name"]).split()), row["name"])
        names = sorted({" ".join(fold(r["form"]).split()) for r in outlets.iter_rows(named=True) if r["kind"] == "name"}, key=len, reverse=True)
        outlet = "(?P<outlet>" + "|".join(r"\s*".join(re.escape(part) for part in n.split()) for n in names) + ")"
        self.frames: dict[str, list[re.Pattern]] = {"head": [], "body": [], "foot": []}
        for row in credits.iter_rows(named=True):
            pattern = fold(row["pattern"]).replace("{outlet}", WORD_EDGE_L + outlet + WORD_EDGE_R)
            self.frames[row["place"]].append(re.compile(pattern, re.MULTILINE))

    @classmethod
    def from_seeds(cls, seeds: Path) -> Sources:
        return cls(pl.read_csv(seeds / "sources.csv"), pl.read_csv(seeds / "source_credits.csv"))

    def outlet_named(self, written: str | None) -> str | None:
        """The display name of an outlet written as `written` ("Alarabia", "خبرگزاري فارس")."""
        return self.by_name.get(" ".join(fold(written or "").split())) if written else None

    def outlet_of_url(self, url: str | None) -> str | None:
        host = host_of(url)
        while host and "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.split(".", 1)[1]
        return None

    def credited_in_text(self, raw_lines: list[str], body_lines: list[str] | None = None) -> str | None:
        """The outlet the text credits: a frame at the head, at the foot, or a named interview.

        The foot is both the page's last lines and the article's own last lines once the page's
        lists are cut ("المصدر: الجزيرة" sits above "read also" and related headlines).
        """
        filled = [line for line in raw_lines if line.strip()]
        body = [line for line in (body_lines or []) if line.strip()]
        head = [fold(line[: self.config.head_chars]).strip() for line in filled[: self.config.head_lines]]
        foot_lines = body[-self.config.foot_lines :] + filled[-self.config.foot_lines :]
        foot = [EDGES.sub("", fold(line)) for line in foot_lines]
        for place, lines in (("head", head), ("foot", foot)):
            for line in lines:
                for mark, name in self.marks:
                    if line.startswith(mark) or (place == "foot" and mark in line):
                        return name
                for frame in self.frames[place]:
                    if (match := frame.search(line)) is not None:
                        return self.by_name.get(" ".join(match["outlet"].split()))
        if self.frames["body"]:
            text = fold("\n".join(filled))
            for frame in self.frames["body"]:
                if (match := frame.search(text)) is not None:
                    return self.by_name.get(" ".join(match["outlet"].split()))
        return None

    def is_credit_line(self, line: str) -> bool:
        """A line that only names outlets, as a credit at the foot: "فرانس 24/أ ف ب", "Reuters"."""
        parts = [" ".join(part.split()) for part in re.split(r"[/|،,]", EDGES.sub("", fold(line)))]
        return bool(parts) and all(part in self.by_name for part in parts)

    def credit(self, feed_source: str | None, url: str | None, raw_lines: list[str], body_lines: list[str] | None = None) -> Credit:
        given = (feed_source or "").strip()
        if given:
            return Credit(self.outlet_named(given) or given, "feed")
        if (from_url := self.outlet_of_url(url)) is not None:
            return Credit(from_url, "url")
        if (host := host_of(url)) is not None:
            return Credit(host, "url")
        named = self.credited_in_text(raw_lines, body_lines)
        return Credit(named, "text" if named else None)
