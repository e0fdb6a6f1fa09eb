import codecs
import json

import pytest

from khabar.tasks.extract import ExtractConfig, Unreadable, decode_bytes, read_feed_file, read_text_file

PERSIAN = "وزیر امور خارجه پاکستان با همتای ایرانی خود در تهران دیدار کرد.\nگفت‌وگو درباره امنیت مرزها بود."
ARABIC = "جددت باكستان وإيران تأكيد التزامهما بتعزيز العلاقات الثنائية."


def test_utf8_with_bom_and_crlf():
    assert decode_bytes(codecs.BOM_UTF8 + PERSIAN.replace("\n", "\r\n").encode()) == PERSIAN


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + ARABIC.encode(encoding)) == ARABIC


def test_windows_1256_persian_as_old_sites_wrote_it():
    legacy = PERSIAN.replace("ی", "ي").replace("ک", "ك")
    assert decode_bytes(legacy.encode("cp1256")) == legacy


def test_windows_1256_arabic():
    assert decode_bytes(ARABIC.encode("cp1256")) == ARABIC


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"", "empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_file"),
        (b"%PDF-1.7\n", "binary_file"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00garbage\x00", "binary_file"),
    ],
)
def test_unreadable_bytes_say_why(data, kind):
    with pytest.raises(Unreadable) as error:
        decode_bytes(data)
    assert error.value.kind == kind


def test_text_file_with_only_whitespace_is_refused():
    kept, rejected = read_text_file("a.txt", "h", " \n\t\n".encode(), ExtractConfig())
    assert kept == [] and rejected[0]["reason_kind"] == "blank_text"


def test_oversized_text_is_refused_not_truncated():
    kept, rejected = read_text_file("big.txt", "h", ("خبر " * 200).encode(), ExtractConfig(max_article_bytes=500))
    assert kept == []
    assert rejected[0]["reason_kind"] == "too_large" and "not truncated" in rejected[0]["reason"]


def test_one_bad_jsonl_line_loses_no_good_line():
    lines = [
        json.dumps({"text": PERSIAN, "title": "دیدار", "published": "1403/08/16"}, ensure_ascii=False),
        '{"text": "قطع',
        json.dumps({"text": ARABIC, "id": 7}, ensure_ascii=False),
        json.dumps({"text": None}),
    ]
    kept, rejected = read_feed_file("f.jsonl", "h", "\n".join(lines).encode(), ExtractConfig())
    assert [row["input_line"] for row in kept] == [1, 3]
    assert kept[1]["feed_id"] == "7"
    assert [(r["input_line"], r["reason_kind"]) for r in rejected] == [(2, "invalid_json"), (4, "missing_text")]
    assert rejected[0]["reason"].startswith("line 2 is not valid JSON")


def test_article_id_depends_on_place_and_content_not_on_order():
    one = read_feed_file("f.jsonl", "h", json.dumps({"text": ARABIC}).encode(), ExtractConfig())[0][0]
    again = read_feed_file("f.jsonl", "other-hash", json.dumps({"text": ARABIC}).encode(), ExtractConfig())[0][0]
    elsewhere = read_feed_file("g.jsonl", "h", json.dumps({"text": ARABIC}).encode(), ExtractConfig())[0][0]
    assert one["article_id"] == again["article_id"] != elsewhere["article_id"]


def test_utf16_without_a_byte_order_mark_is_recognized():
    assert decode_bytes(ARABIC.encode("utf-16-le")) == ARABIC
    assert decode_bytes(PERSIAN.encode("utf-16-be")) == PERSIAN


def test_a_stray_byte_in_a_long_utf8_text_is_replaced_not_a_reason_to_lose_it():
    data = ("\n".join([PERSIAN] * 30)).encode("utf-8")
    text = decode_bytes(data[:2001] + b"\xff" + data[2001:])
    assert text.count("\ufffd") == 1 and text.startswith(PERSIAN[:40])


def test_hostile_feed_lines_are_refused_alone_or_repaired():
    lines = [
        json.dumps({"id": "a", "title": "عنوان \ud83d", "text": PERSIAN + " \ud83d"}),
        "[" * 100_000,
        '{"id": ' + "9" * 5000 + ', "text": ' + json.dumps(ARABIC) + "}",
    ]
    articles, rejected = read_feed_file("feed.jsonl", "h", "\n".join(lines).encode(), ExtractConfig())
    assert [a["input_line"] for a in articles] == [1, 3]
    assert articles[0]["raw_text"].endswith("\ufffd") and articles[0]["feed_title"] == "عنوان \ufffd"
    assert articles[1]["feed_id"] == "9" * 5000
    assert [(r["input_line"], r["reason_kind"]) for r in rejected] == [(2, "invalid_json")]


def test_a_file_that_changed_since_discovery_waits_for_the_next_run(tmp_path):
    import hashlib

    import polars as pl

    from khabar.tasks.extract import READ_LATER, read_inputs

    path = tmp_path / "a.txt"
    path.write_text(PERSIAN, encoding="utf-8")
    files = pl.DataFrame({"input_file": ["a.txt"], "path": [str(path)], "size_bytes": [1], "file_hash": [hashlib.sha256(b"an older version").hexdigest()], "status": ["new"]})
    split = read_inputs(files, ExtractConfig(read_attempts=2, read_pause_seconds=0.01))
    assert split.kept.height == 0 and split.rejected["reason_kind"].to_list() == [READ_LATER]
    files = files.with_columns(pl.lit(hashlib.sha256(path.read_bytes()).hexdigest()).alias("file_hash"))
    assert read_inputs(files).kept.height == 1
