"""Read and decode landing files into one row per article; refuse what cannot be used, saying why."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from charset_normalizer import from_bytes
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.stage import REJECTED_SCHEMA, Split, rejection


@dataclass(frozen=True)
class ExtractConfig:
    # Over this a "text" is a dump, not an article: it is refused, not silently truncated.
    max_article_bytes: int = 1_000_000


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
    try:
        return _tidy(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise Unreadable("binary_file", "the file holds binary data (NUL bytes), not text")
    guess = from_bytes(data).best()
    if guess is None:
        raise Unreadable("undecodable", "the bytes are not text in UTF-8 or in any legacy code page that could be detected")
    return _tidy(str(guess))


def _tidy(text: str) -> str:
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


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
        row[f"feed_{name}"] = None if value is None or isinstance(value, (dict, list)) else str(value)
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
            record = json.loads(line)
        except json.JSONDecodeError as error:
            rejected.append(rejection(input_file, number, "invalid_json", f"line {number} is not valid JSON: {error.msg} (column {error.colno})"))
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


def read_inputs(files: pl.DataFrame, config: ExtractConfig = ExtractConfig()) -> Split:
    """One row per article (columns of RAW_SCHEMA) from the discovered files; refusals with reasons."""
    articles, rejected = [], []
    for file in files.iter_rows(named=True):
        suffix = Path(file["input_file"]).suffix.lower()
        reader = READERS.get(suffix)
        if reader is None:
            rejected.append(rejection(file["input_file"], None, "unsupported_type", f"unsupported file type \"{suffix or 'no extension'}\": Khabar reads .txt (one article) and .jsonl (one article per line)"))
            continue
        try:
            data = Path(file["path"]).read_bytes()
        except OSError as error:
            rejected.append(rejection(file["input_file"], None, "unreadable_file", f"the file could not be read: {error.strerror}"))
            continue
        kept, refused = reader(file["input_file"], file["file_hash"], data, config)
        articles.extend(kept)
        rejected.extend(refused)
    return Split(pl.DataFrame(articles, schema=RAW_SCHEMA), pl.DataFrame(rejected, schema=REJECTED_SCHEMA))


read_inputs_task = task(read_inputs, name="read-and-decode", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
