"""Complete `country_gazetteer.csv` with every country's name from pycountry's translations.

    python sql/seeds/build_country_gazetteer.py

The regional rows (capitals, cities, provinces, demonyms, leaders, short forms and letter
variants) are written by hand in the CSV and kept; this adds, for each ISO 3166-1 country, its
name in each covered language as pycountry (the Debian iso-codes translations) spells it.
Inverted official forms ("ایران، جمهوری اسلامی"), untranslated English names and names that are
also common words or other places are left out; a name already given to another country wins.
"""

from __future__ import annotations

import csv
import gettext
from pathlib import Path

import pycountry

from khabar.tasks.folding import term_key

GAZETTEER = Path(__file__).with_name("country_gazetteer.csv")
LANGUAGES = ["en", "fa", "ar", "ur", "ps", "ru", "tg", "kk", "uz", "tr"]
# Names that are also everyday words, people or other places in news text.
AMBIGUOUS = {
    ("en", "Chad"), ("en", "Jordan"), ("en", "Georgia"), ("en", "Jersey"), ("en", "Guinea"), ("en", "Niger"),
    ("en", "Dominica"), ("en", "Turkey"), ("en", "China"), ("en", "Mali"), ("en", "Togo"), ("en", "Cuba"),
    ("ar", "عمان"), ("fa", "عمان"), ("fa", "چاد"), ("ur", "چاڈ"), ("fa", "مالی"), ("ur", "مالی"),
    ("ps", "مالي"), ("fa", "توگو"), ("ru", "Чад"), ("fa", "گینه"), ("fa", "نیجر"), ("fa", "اردن"),
    ("fa", "موناکو منطقه تحت مدیریت چین"),  # iso-codes' Persian for Macao names Monaco
    ("fa", "جمهوری زامبیا"),  # and its Persian for the Gambia's official name names Zambia
}
# Pashto puts a feminine name in the oblique before "ته", "کې", "د": "بریتانیا" is "بریتانیې ته".
PASHTO_FEMININE_ENDINGS = ("یا", "یه", "ه")
PASHTO_OBLIQUE_KINDS = ("country", "capital", "city", "province")
PASHTO_BORROWED_MIN_LETTERS = 4
# Persian names that are Pashto (or Dari) words too: "شیلي" ravines, "سخن گویان" spokesmen,
# "برونی" outer, "بنین" sons.
PASHTO_NOT_BORROWED = {"شیلی", "گویان", "برونی", "بنین"}


def names(country, translate) -> set[tuple[str, str]]:
    """(English, translated) for the country's name, common name and official name."""
    found = set()
    for attribute in ("name", "common_name", "official_name"):
        english = getattr(country, attribute, None)
        if english:
            found.add((english, translate(english)))
    return found


def pashto_oblique(name: str, listed: set[str]) -> str | None:
    """The oblique of a one-word feminine Pashto name ("سوریه", "بریتانیا", "کوټه" -> "سوریې",
    "بریتانیې", "کوټې"). Not a name whose "ه" is a consonant ("فراه", "کرمانشاه") or a case
    ending of a listed name ("افغانستانه": from Afghanistan)."""
    if " " in name:
        return None
    for ending in PASHTO_FEMININE_ENDINGS:
        stem = name[: -len(ending)]
        if name.endswith(ending) and len(stem) > 1:
            if ending == "ه" and (stem[-1] in "اوی" or stem in listed):
                return None
            return stem + ("یې" if ending.startswith("ی") else "ې")
    return None


def persian_spellings_for_pashto(rows: list[dict], taken: dict[tuple[str, str], str]) -> list[dict]:
    """Pashto rows for the Persian names of countries and capitals Pashto does not list: Pashto
    news writes many foreign names the Dari way ("ویتنام", "مکسیکو", "چک جمهوریت"). Not a name
    of three letters or fewer: short ones are Pashto words or pieces of them ("چلی": runs, "پرو").
    Nor an inverted official form ("ایران، جمهوری اسلامی")."""
    added = []
    for row in rows:
        key = ("ps", term_key(row["name"]))
        borrowable = len(key[1].replace(" ", "")) >= PASHTO_BORROWED_MIN_LETTERS and key[1] not in PASHTO_NOT_BORROWED and "،" not in row["name"] and "," not in row["name"]
        if row["language"] == "fa" and row["kind"] in ("country", "capital") and borrowable and key not in taken:
            taken[key] = row["iso2"]
            added.append({**row, "language": "ps"})
    return added


def main() -> None:
    with GAZETTEER.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    taken = {(row["language"], term_key(row["name"])): row["iso2"] for row in rows}
    for language in LANGUAGES:
        translate = (lambda text: text) if language == "en" else gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
        for country in pycountry.countries:
            for english, name in sorted(names(country, translate)):
                key = (language, term_key(name))
                untranslated = language != "en" and name == english
                if "," in name or "(" in name or untranslated or (language, name) in AMBIGUOUS or not key[1] or key in taken:
                    continue
                taken[key] = country.alpha_2
                rows.append({"iso2": country.alpha_2, "language": language, "name": name, "kind": "country"})
    rows += persian_spellings_for_pashto(rows, taken)
    pashto = {row["name"] for row in rows if row["language"] == "ps"}
    for row in list(rows):
        oblique = pashto_oblique(row["name"], pashto) if row["language"] == "ps" and row["kind"] in PASHTO_OBLIQUE_KINDS else None
        if oblique and ("ps", term_key(oblique)) not in taken:
            taken[("ps", term_key(oblique))] = row["iso2"]
            rows.append({**row, "name": oblique})
    rows.sort(key=lambda row: (row["iso2"], row["language"], row["name"], row["kind"]))
    with GAZETTEER.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["iso2", "language", "name", "kind"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows in {GAZETTEER}")


if __name__ == "__main__":
    main()
