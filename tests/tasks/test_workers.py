"""The per-document stages compute in worker processes and give what they give in the flow's own."""

from __future__ import annotations

import os
import subprocess
import sys

import polars as pl
import pytest
from concurrent.futures.process import BrokenProcessPool

from khabar.tasks.countries import tag_countries
from khabar.tasks.reference import SEEDS, ReferenceData, warm_up
from khabar.tasks.stage import Split
from khabar.tasks import workers
from khabar.tasks.workers import combined, in_workers, worker_processes

ARTICLES = pl.DataFrame(
    {
        "article_id": ["fa-1", "ar-1", "ur-1", "ps-1", "fa-2"],
        "language": ["fa", "ar", "ur", "ps", "fa"],
        "source": [None] * 5,
        "text": [
            "وزیر امور خارجه ایران در سفر به اسلام‌آباد با همتای پاکستانی خود دیدار کرد.",
            "التقى وزير الخارجية السعودي نظيره الإيراني في الرياض وبحثا العلاقات الثنائية.",
            "پاکستان کے وزیر خارجہ نے کابل میں افغان حکام سے ملاقات کی۔",
            "د تاجکستان ولسمشر په دوشنبه کې د افغانستان له بهرنیو چارو وزیر سره وکتل.",
            "هیئتی از ازبکستان به کابل سفر کرد تا درباره راه‌آهن ترمز به مزار شریف گفتگو کند.",
        ],
    },
    schema_overrides={"source": pl.String},
)


def process_of_rows(articles: pl.DataFrame) -> Split:
    """A stage that says which process computed each row, and refuses the Arabic one."""
    marked = articles.select("article_id", pid=pl.lit(os.getpid()))
    return Split(marked.filter(pl.col("article_id") != "ar-1"), marked.filter(pl.col("article_id") == "ar-1"))


def dies(articles: pl.DataFrame) -> pl.DataFrame:
    os._exit(3)


def test_a_stage_computes_in_the_workers_and_its_parts_come_back_in_order():
    stage = in_workers(process_of_rows)
    here = stage(ARTICLES)
    assert set(here.kept["pid"]) == {os.getpid()}
    with worker_processes(2):
        there = stage(ARTICLES)
    assert there.kept["article_id"].to_list() == ["fa-1", "ur-1", "ps-1", "fa-2"]
    assert there.rejected["article_id"].to_list() == ["ar-1"]
    assert os.getpid() not in set(there.kept["pid"]) | set(there.rejected["pid"])


def test_countries_tagged_in_workers_are_the_countries_tagged_here():
    reference = ReferenceData.load(SEEDS)
    stage = in_workers(tag_countries)
    here = stage(ARTICLES, reference.gazetteer, reference.sources)
    with worker_processes(2, warm_up, SEEDS):
        there = stage(ARTICLES, reference.gazetteer, reference.sources)
    # The same rows; the order within a part follows the tagger's grouping by language.
    assert all(t.sort(pl.all()).equals(h.sort(pl.all())) for t, h in zip(there, here))
    assert {"IR", "PK", "SA", "AF", "TJ", "UZ"} <= set(there[0]["country"])


def test_a_worker_that_dies_fails_the_stage_naming_it():
    with worker_processes(2), pytest.raises(BrokenProcessPool, match="a worker process died in dies"):
        in_workers(dies)(ARTICLES)


def test_parts_with_nothing_in_them_do_not_change_the_columns():
    parts = [(pl.DataFrame({"n": [1]}), pl.DataFrame({"x": ["a"]})), (pl.DataFrame({"n": [2]}), pl.DataFrame(schema={"x": pl.Null}))]
    numbers, letters = combined(parts)
    assert numbers["n"].to_list() == [1, 2] and letters.schema == {"x": pl.String}


def test_the_modules_a_worker_imports_do_not_import_prefect():
    # Its fork server imports them before a worker night can start: with Prefect, 1.3 s; without, 0.3 s.
    import khabar.flows.stage_tasks  # noqa: F401  (registers the stages that compute in workers)

    imported = sorted({name for name in workers._stage_modules if name.startswith("khabar.")} | {"khabar.tasks.reference"})
    assert {"khabar.tasks.extract", "khabar.tasks.clean", "khabar.tasks.events"} <= set(imported)
    check = f"import sys, {', '.join(imported)}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'prefect', 'duckdb'}}))"
    found = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
