"""The Prefect task of each stage: a thin wrapper that names the stage in the UI and gives it its
retries and caching. The stage functions in `khabar.tasks` know nothing of Prefect, so that the
worker processes, which import the stage modules and not this one, start without Prefect's
import (0.9 s of the 1.3 s the fork server took to start before a worker night could begin).

Retries sit where the world is flaky (the landing folder, the published warehouse); pure stages
have none, so that a bug fails the run visibly.
"""

from __future__ import annotations

from datetime import timedelta

from prefect import task
from prefect.cache_policies import NO_CACHE, CacheKeyFnPolicy

from khabar.tasks.chrome import learn_chrome, short_lines
from khabar.tasks.clean import clean_articles
from khabar.tasks.countries import tag_countries
from khabar.tasks.dedupe import assign_clusters
from khabar.tasks.discover import discover_files
from khabar.tasks.events import read_events
from khabar.tasks.extract import read_inputs
from khabar.tasks.language import batch_cache_key, detect_language_batch
from khabar.tasks.load import load_warehouse, publish_warehouse, read_earlier_candidates, read_earlier_chrome, read_ingested_files
from khabar.tasks.report import publish_report
from khabar.tasks.signing import sign_articles
from khabar.tasks.topics import tag_topics
from khabar.tasks.workers import in_workers

FLAKY = {"retries": 2, "retry_delay_seconds": [2, 10]}
WAREHOUSE_READ = {"retries": 3, "retry_delay_seconds": [1, 5, 15]}

# The landing folder and the published warehouse
discover_files_task = task(discover_files, name="discover", cache_policy=NO_CACHE, **FLAKY)
read_ingested_files_task = task(read_ingested_files, name="read-ingested-files", cache_policy=NO_CACHE, **WAREHOUSE_READ)
read_earlier_chrome_task = task(read_earlier_chrome, name="read-earlier-chrome", cache_policy=NO_CACHE, **WAREHOUSE_READ)
read_earlier_candidates_task = task(read_earlier_candidates, name="read-earlier-candidates", cache_policy=NO_CACHE, **WAREHOUSE_READ)

# The per-document stages; those wrapped by `in_workers` compute in the night's worker processes
read_inputs_task = task(in_workers(read_inputs), name="read-and-decode", cache_policy=NO_CACHE, **FLAKY)
# The only checkpointed stage: the costliest per article, and its result is three short columns.
# It stays in the flow's process: langdetect's profiles take 65 MB in each process that loads
# them, and the stage is a tenth of a night's compute (see `khabar.tasks.workers`).
detect_language_task = task(
    detect_language_batch,
    name="detect-language",
    cache_policy=CacheKeyFnPolicy(cache_key_fn=batch_cache_key),
    persist_result=True,
    cache_expiration=timedelta(days=7),
)
short_lines_task = task(short_lines, name="list-short-lines", cache_policy=NO_CACHE)
learn_chrome_task = task(learn_chrome, name="learn-chrome", cache_policy=NO_CACHE)
clean_articles_task = task(in_workers(clean_articles), name="clean", cache_policy=NO_CACHE)
sign_articles_task = task(in_workers(sign_articles, parts_per_worker=1), name="sign-minhash", cache_policy=NO_CACHE)
tag_topics_task = task(in_workers(tag_topics, parts_per_worker=1), name="tag-topics", cache_policy=NO_CACHE)
tag_countries_task = task(in_workers(tag_countries, parts_per_worker=1), name="tag-countries", cache_policy=NO_CACHE)
read_events_task = task(in_workers(read_events, parts_per_worker=1), name="read-events", cache_policy=NO_CACHE)

# The night as a whole
assign_clusters_task = task(assign_clusters, name="deduplicate", cache_policy=NO_CACHE)
load_warehouse_task = task(load_warehouse, name="load", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 15])
publish_warehouse_task = task(publish_warehouse, name="publish", cache_policy=NO_CACHE)
publish_report_task = task(publish_report, name="report", cache_policy=NO_CACHE)
