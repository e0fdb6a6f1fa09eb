"""The load's copy of the published warehouse, made on a thread while the night is read."""

from __future__ import annotations

import duckdb
import pytest
from prefect import flow

from khabar.tasks.load import PUBLISHED_COPY, published_copied


def published(tmp_path):
    warehouse = tmp_path / "khabar.duckdb"
    with duckdb.connect(str(warehouse), config={"storage_compatibility_version": "v1.0.0"}) as con:
        con.execute("create table articles as select 'a1' as article_id, 'دیدار وزیران خارجه ایران و پاکستان' as title")
    return warehouse


@flow
def night(warehouse, staging, fail: bool = False):
    with published_copied(warehouse, staging):
        if fail:
            raise RuntimeError("a stage failed")
    return sorted(path.name for path in staging.iterdir()) if staging.exists() else None


def test_the_copy_is_complete_when_the_block_ends(tmp_path):
    warehouse, staging = published(tmp_path), tmp_path / "staging"
    staging.mkdir()
    assert night(warehouse, staging) == [PUBLISHED_COPY]
    assert (staging / PUBLISHED_COPY).read_bytes() == warehouse.read_bytes()


def test_a_copy_that_fails_leaves_nothing_and_the_night_goes_on(tmp_path):
    # The staging folder is gone: the copy fails; the load will copy for itself.
    assert night(published(tmp_path), tmp_path / "no-such-folder") is None


def test_a_failing_night_fails_with_its_own_error(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(RuntimeError, match="a stage failed"):
        night(published(tmp_path), staging, fail=True)
    assert not (staging / (PUBLISHED_COPY + ".part")).exists()
