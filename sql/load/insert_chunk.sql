-- One chunk of tonight's rows, read from the night's Parquet hand-off (staged_*), each article
-- with its cluster; `is_canonical` starts FALSE (or as it was, for an unchanged article of an
-- edited file) and is settled by recompute_canonical.sql.
-- Chunks load in separate transactions so memory stays flat; the working copy is published only
-- after the last one, so analysts still see a night whole or not at all.
insert into articles by name
select
    staged_articles.article_id, input_file, input_line, source, url, title, text, match_text, language, published_date,
    coalesce(replaced_articles.ingested_at, run_info.ingested_at) as ingested_at, content_hash, clusters.cluster_id,
    coalesce(replaced_articles.is_canonical and replaced_articles.cluster_id = clusters.cluster_id, false) as is_canonical,
    language_method, language_score, published_precision, date_method, source_method, is_listing, raw_text, file_hash, run_info.run_id
from staged_articles
inner join clusters on staged_articles.article_id = clusters.article_id
left join replaced_articles on staged_articles.article_id = replaced_articles.article_id
cross join run_info;

insert into rejected_inputs by name
select
    new_rejected.input_file, new_rejected.input_line, new_rejected.reason_kind, new_rejected.reason,
    run_info.ingested_at as rejected_at, staged_files.file_hash, run_info.run_id
from staged_rejected as new_rejected
left join staged_files on new_rejected.input_file = staged_files.input_file
cross join run_info;

insert into article_topics by name select article_id, topic, mentions, score, is_main from staged_topics;

insert into article_topic_terms by name select article_id, topic, term, hits from staged_topic_terms;

insert into article_countries by name select article_id, country, mentions from staged_countries;

insert into article_country_terms by name select article_id, country, term, hits from staged_country_terms;

insert into events by name
select event_id, article_id, kind, event_date, place_country, place, sentence from staged_events;

insert into event_actors by name select event_id, name, person_id, country, role from staged_event_actors;

insert into article_signatures by name select article_id, signature, shingles from staged_signatures;

insert into article_minhash_bands by name select article_id, band, band_key from staged_bands;

insert into ingested_files by name
with
per_file_articles as (select input_file, count(*) as articles from staged_articles group by 1),
per_file_rejected as (select input_file, count(*) as rejected from staged_rejected group by 1)
select
    staged_files.input_file, staged_files.file_hash, staged_files.size_bytes, staged_files.modified_ns,
    coalesce(per_file_articles.articles, 0) as articles,
    coalesce(per_file_rejected.rejected, 0) as rejected,
    run_info.ingested_at, run_info.run_id
from staged_files
left join per_file_articles on staged_files.input_file = per_file_articles.input_file
left join per_file_rejected on staged_files.input_file = per_file_rejected.input_file
cross join run_info;
