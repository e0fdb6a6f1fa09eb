"""Read and decode landing files into one row per article; refuse what cannot be used, saying why."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from charset_normalizer import from_bytes

from khabar.tasks.stage import REJECTED_SCHEMA, Split, rejection


@dataclass(frozen=True)
class ExtractConfig:
    # Over this a "text" is a dump, not an article: it is refused, not silently truncated.
    max_article_bytes: int = 1_000_000
    # A file that cannot be read, or no longer has the content discovered, is tried again this
    # many times within the run (seconds between tries), then left for the next run.
    read_attempts: int = 3
    read_pause_seconds: float = 0.5
    # A JSON number this long (an "id" of thousands of digits) is kept as its digits.
    max_int_digits: int = 100


RAW_SCHEMA = {
    "article_id": pl.String,
    "input_file": pl.String,
    "input_line": pl.Int64,
    "file_hash": pl.String,
    "raw_text": pl.String,
    "feed_title": pl.String,
    "feed_url": pl.String,
    "feed_source": pl.String,
    "feed_published": pl.String,
    "feed_id": pl.String,
}

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "a program (ELF binary)"),
]
LETTER = re.compile(r"[^\W\d_]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FEED_FIELDS = ("title", "url", "source", "published", "id")
READ_LATER = "read_later"  # not a refusal: the file is left for the next run
# A lone half of a UTF-16 surrogate pair (scrapers in JavaScript cut an emoji in half) is not
# text UTF-8 can hold: it becomes U+FFFD and the article is kept.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Unreadable(ValueError):
    """Bytes that are not text; the message is the reason a person reads."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind


def decode_bytes(data: bytes) -> str:
    """Text from bytes in UTF-8, UTF-16/32 with BOM, or a legacy code page; line ends made LF."""
    if not data:
        raise Unreadable("empty_file", "the file is empty (0 bytes)")
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise Unreadable("binary_file", f"the file is {kind}, not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _tidy(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise Unreadable("undecodable", f"the file starts with a {encoding} byte-order mark but has {error.reason} at byte {error.start}") from None
    if (utf16 := utf16_without_bom(data)) is not None:
        try:
            return _tidy(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    try:
        return _tidy(data.decode("utf-8"))
    except UnicodeDecodeError:
        # A few bad bytes in a long UTF-8 text (a cut multi-byte letter) are replaced, not a reason
        # to lose the file; many mean another encoding.
        bad = data.decode("utf-8", "replace").count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
        if len(data) >= 2000 and bad <= len(data) // 1000:
            return _tidy(data.decode("utf-8", "replace"))
    if b"\x00" in data[:4096]:
        raise Unreadable("binary_file", "the file holds binary data (NUL bytes), not text")
    guess = from_bytes(data).best()
    if guess is None:
        raise Unreadable("undecodable", "the bytes are not text in UTF-8 or in any legacy code page that could be detected")
    return _tidy(str(guess))


# The high bytes of UTF-16 code units for the region's scripts: ASCII (00), Cyrillic (04),
# Arabic (06), Arabic supplement and presentation forms (07, FB-FE), punctuation and ZWNJ (20).
UTF16_HIGH_BYTES = frozenset({0x00, 0x04, 0x06, 0x07, 0x20, 0xFB, 0xFC, 0xFD, 0xFE})


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes read as UTF-16 text with no byte-order mark."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(byte in UTF16_HIGH_BYTES for byte in high) >= 0.95 * len(high) and high.count(0) < len(high):
            return encoding
        if high.count(0) == len(high):  # ASCII only: every high byte is zero
            return encoding
    return None


def _tidy(text: str) -> str:
    return LONE_SURROGATE.sub("\ufffd", CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def text_problem(text: str, config: ExtractConfig) -> tuple[str, str] | None:
    """(kind, reason) why `text` cannot be an article, or None when it can."""
    size = len(text.encode("utf-8"))
    if size > config.max_article_bytes:
        return "too_large", (
            f"the text is {size / 1e6:.1f} MB, over the {config.max_article_bytes / 1e6:g} MB limit "
            "for one article; it was refused, not truncated"
        )
    if not text.strip():
        return "blank_text", "the text is blank (only whitespace)"
    if not LETTER.search(text):
        return "no_letters", "the text has no letters (only digits, punctuation or symbols)"
    return None


def article_id(input_file: str, input_line: int | None, raw_text: str) -> str:
    """Stable across reruns: where the article came from plus what it says, never run order."""
    content = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
    return hashlib.sha256(f"{input_file}\x1f{input_line or ''}\x1f{content}".encode()).hexdigest()[:16]


def _article(input_file: str, input_line: int | None, file_hash: str, text: str, feed: dict) -> dict:
    row = {
        "article_id": article_id(input_file, input_line, text),
        "input_file": input_file,
        "input_line": input_line,
        "file_hash": file_hash,
        "raw_text": text,
    }
    for name in FEED_FIELDS:
        value = feed.get(name)
        row[f"feed_{name}"] = None if value is None or isinstance(value, (dict, list)) else _tidy(str(value))
    return row


def read_text_file(input_file: str, file_hash: str, data: bytes, config: ExtractConfig) -> tuple[list, list]:
    try:
        text = decode_bytes(data)
    except Unreadable as error:
        return [], [rejection(input_file, None, error.kind, str(error))]
    problem = text_problem(text, config)
    if problem:
        return [], [rejection(input_file, None, *problem)]
    return [_article(input_file, None, file_hash, text, {})], []


def read_feed_file(input_file: str, file_hash: str, data: bytes, config: ExtractConfig) -> tuple[list, list]:
    """One article per JSONL line; a bad line is refused alone and the others still count."""
    try:
        text = decode_bytes(data)
    except Unreadable as error:
        return [], [rejection(input_file, None, error.kind, str(error))]
    articles, rejected = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_int=lambda digits: int(digits) if len(digits) <= config.max_int_digits else digits)
        except json.JSONDecodeError as error:
            rejected.append(rejection(input_file, number, "invalid_json", f"line {number} is not valid JSON: {error.msg} (column {error.colno})"))
            continue
        except RecursionError:
            rejected.append(rejection(input_file, number, "invalid_json", f"line {number} is not an article: JSON nested too deeply to read"))
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__.replace("dict", "object").replace("list", "array").replace("str", "string")
            rejected.append(rejection(input_file, number, "not_an_object", f"line {number} is a JSON {kind}, not an object with a \"text\" field"))
            continue
        body = record.get("text")
        if body is None:
            rejected.append(rejection(input_file, number, "missing_text", f"line {number} has no \"text\" field"))
            continue
        if not isinstance(body, str):
            kind = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}.get(type(body), type(body).__name__)
            rejected.append(rejection(input_file, number, "text_not_string", f"line {number} has a \"text\" that is a {kind}, not a string"))
            continue
        body = _tidy(body)
        problem = text_problem(body, config)
        if problem:
            rejected.append(rejection(input_file, number, problem[0], f"line {number}: {problem[1]}"))
            continue
        articles.append(_article(input_file, number, file_hash, body, record))
    return articles, rejected


READERS = {".txt": read_text_file, ".jsonl": read_feed_file}


NOT_READ_REASONS = {
    "bad_name": ("bad_file_name", "the file name is not valid UTF-8 (shown with \\x escapes); rename the file and it is read next run"),
    "outside": ("outside_landing", "the file is a link to a file outside the landing folder, which Khabar never reads"),
}


def read_as_discovered(path: Path, expected_hash: str, config: ExtractConfig) -> bytes | None:
    """The file's bytes if they are still the content discovered; None after `read_attempts` failures."""
    for attempt in range(config.read_attempts):
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        if data is not None and hashlib.sha256(data).hexdigest() == expected_hash:
            return data
        if attempt < config.read_attempts - 1:
            time.sleep(config.read_pause_seconds * 2**attempt)
    return None


def read_inputs(files: pl.DataFrame, config: ExtractConfig = ExtractConfig()) -> Split:
    """One row per article (columns of RAW_SCHEMA) from the discovered files; refusals with reasons.

    A file that cannot be read now, or changed since it was discovered, is handed back with
    reason kind `read_later`: the flow leaves it out of tonight's files, so the next run reads it.
    """
    articles, rejected = [], []
    for file in files.iter_rows(named=True):
        if file["status"] in NOT_READ_REASONS:
            rejected.append(rejection(file["input_file"], None, *NOT_READ_REASONS[file["status"]]))
            continue
        suffix = Path(file["input_file"]).suffix.lower()
        reader = READERS.get(suffix)
        if reader is None:
            rejected.append(rejection(file["input_file"], None, "unsupported_type", f"unsupported file type \"{suffix or 'no extension'}\": Khabar reads .txt (one article) and .jsonl (one article per line)"))
            continue
        data = read_as_discovered(Path(file["path"]), file["file_hash"], config)
        if data is None:
            rejected.append(rejection(file["input_file"], None, READ_LATER, "the file could not be read, or changed while it was read; it is read again next run"))
            continue
        kept, refused = reader(file["input_file"], file["file_hash"], data, config)
        articles.extend(kept)
        rejected.extend(refused)
    return Split(pl.DataFrame(articles, schema=RAW_SCHEMA), pl.DataFrame(rejected, schema=REJECTED_SCHEMA))
