"""What a page leaves in the body around the article itself: a teaser that repeats the start of
the text, a lead sentence pasted twice, and a related-stories list at the foot. Cut from the
lines that `tasks/chrome.py` leaves; the text itself stays."""

from __future__ import annotations

import re

from khabar.tasks.chrome import LETTER, SENTENCE_END, ChromeConfig
from khabar.tasks.folding import fold

LEAD_SENTENCE = re.compile(r"^\s*([^.!?؟۔]{20,400}[.!?؟۔])\s*")


def drop_teasers(lines: list[str], config: ChromeConfig) -> list[str]:
    """Drop a teaser that repeats the start of the text below it (often cut mid-word, and often
    running on into the second paragraph); the text stays. A lead sentence typed twice at the
    start of a paragraph is kept once."""
    filled = [i for i, line in enumerate(lines) if line.strip()][: config.teaser_search_lines + 5]
    reach = config.teaser_max_chars + config.teaser_dateline_chars
    dropped = set()
    # Most articles open with paragraphs too long to be a teaser: nothing to fold for them.
    if not any(len(lines[i]) <= config.teaser_max_chars for i in filled[: config.teaser_search_lines]):
        return [repeated_lead_once(line) for line in lines]
    # Lines near the top folded without spaces (the teaser joins paragraphs that the text keeps
    # apart), each once and only as far as a teaser needs.
    squeezed: dict[int, str] = {}

    def squeeze(i: int) -> str:
        if i not in squeezed:
            squeezed[i] = "".join(fold(lines[i][:reach]).split())
        return squeezed[i]

    for position, here in enumerate(filled[: config.teaser_search_lines]):
        if len(lines[here]) > config.teaser_max_chars:  # before splitting a long paragraph into words
            continue
        words = lines[here].split()
        if len(words) < config.teaser_min_words:
            continue
        if position + 1 == len(filled) or not may_repeat(words[: config.teaser_min_words - 1], lines[filled[position + 1]], config):
            continue  # nothing below, or a start that the text below does not repeat
        # The last word of a cut teaser may be a fragment: compare without it.
        teaser = squeeze(here)[: len(squeeze(here)) - len("".join(fold(words[-1]).split()))]
        below = ""
        for i in filled[position + 1 : position + 6]:
            if len(below) >= len(teaser) + config.teaser_dateline_chars:
                break  # a match would start too far down
            below += squeeze(i)
        # The paragraph may open with a dateline the teaser leaves out ("دبي، ... (CNN)-- ").
        if teaser and 0 <= below.find(teaser) <= config.teaser_dateline_chars:
            dropped.add(here)
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    return [repeated_lead_once(line) for line in kept]


def may_repeat(first_words: list[str], below: str, config: ChromeConfig) -> bool:
    """False when a teaser opening with `first_words` cannot repeat the text starting with the line `below`.

    A repeated teaser starts within `teaser_dateline_chars` of the start of the text below, folded
    without spaces, and so do the words it opens with: that much of `below` is folded to see it,
    rather than all of both lines. True when unsure: `below` too short to decide alone, or a
    capital sigma, whose lower case depends on the letters around it.
    """
    opening = " ".join(first_words)
    opening_folded = "".join(fold(opening).split())
    window = config.teaser_dateline_chars + len(opening_folded)
    # A quarter more than the window, for the spaces and marks that folding takes out.
    head = below[: min(window * 5 // 4 + 10, config.teaser_max_chars + config.teaser_dateline_chars)]
    if "Σ" in head or "Σ" in opening:
        return True
    folded = "".join(fold(head).split())
    return len(folded) < window or opening_folded in folded[:window]


def repeated_lead_once(paragraph: str) -> str:
    """"X۔ X۔ rest" -> "X۔ rest": a lead sentence pasted twice over itself."""
    # A lead of six words has at least 11 characters from the paragraph's first letter: where
    # those do not come again (most paragraphs), there is no repeated lead to look for.
    stripped = paragraph.lstrip()
    if paragraph.find(stripped[:11], len(paragraph) - len(stripped) + 1) < 0:
        return paragraph
    match = LEAD_SENTENCE.match(paragraph)
    if match is None:
        return paragraph
    lead = match.group(1)
    # The match ends with the spaces after the lead, so the rest starts at match.end(); and most
    # paragraphs do not repeat their lead, so that is looked at before the lead's words are counted.
    if paragraph.startswith(lead.strip(), match.end()) and len(lead.split()) >= 6:
        return paragraph[: match.start(1)] + paragraph[match.end() :]
    return paragraph


def drop_trailing_headlines(lines: list[str], config: ChromeConfig) -> list[str]:
    """Remove a related-stories list left at the foot: two or more short lines, none a sentence."""
    # a date in digits at the foot is the date finder's, not a headline
    filled = [i for i, line in enumerate(lines) if line.strip() and LETTER.search(line)]
    trailing = []
    for i in reversed(filled):
        line = lines[i].strip()
        if len(line.split(None, config.related_headline_max_words)) > config.related_headline_max_words or SENTENCE_END.search(line) or line.endswith(("»", '"', "”")):
            break
        trailing.append(i)
    if len(trailing) < config.related_list_min_lines or len(trailing) == len(filled):
        return lines
    return lines[: min(trailing)]
