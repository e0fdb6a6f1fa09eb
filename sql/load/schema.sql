-- The warehouse's loaded tables. Names and columns are Khabar's public contract (DESIGN.md):
-- add columns, never rename them. Primary keys are checked by data tests in sql/tests/, not by
-- constraints, so that a run can update `is_canonical` in place.

create table if not exists articles (
    article_id varchar not null,          -- stable across reruns: input location + content
    input_file varchar not null,          -- path relative to the landing folder
    input_line integer,                   -- JSONL line number, NULL for .txt files
    source varchar,
    url varchar,
    title varchar,
    text varchar not null,                -- cleaned body
    language varchar not null,            -- ISO 639-1, 'und' when unknown
    published_date date,
    ingested_at timestamp not null,
    content_hash varchar not null,
    cluster_id varchar not null,
    is_canonical boolean not null,
    -- beyond the contract
    language_score double,
    published_precision varchar,          -- 'day' or 'month' when published_date is known
    date_method varchar,                  -- where the date was found: feed, url, header, dateline, foot; NULL when none
    source_method varchar,                -- where the source came from: feed, url, text; NULL when none
    is_listing boolean not null default false,  -- an outlet's section page of headlines: never counted in a mart
    raw_text varchar not null,            -- the text exactly as it arrived, decoded
    file_hash varchar not null,
    run_id varchar not null
);

-- Warehouses written before these columns existed gain them (NULL / FALSE for their old rows).
alter table articles add column if not exists date_method varchar;
alter table articles add column if not exists source_method varchar;
alter table articles add column if not exists is_listing boolean default false;
-- `letters` (the script's own letters and words decided), `model` (langdetect; `language_score` is
-- its probability), `too_few_letters`; NULL on rows loaded before it was recorded.
alter table articles add column if not exists language_method varchar;
-- The folded words of `text` (see the fold() macro): one LIKE finds every typing of a word.
alter table articles add column if not exists match_text varchar;
-- The story (one event across outlets, languages and nights) the article's cluster belongs to;
-- see sql/load/assign_stories.sql. Named after the story's first cluster.
alter table articles add column if not exists story_id varchar;

create table if not exists rejected_inputs (
    input_file varchar not null,
    input_line integer,
    reason_kind varchar not null,         -- short code to count by: invalid_json, empty_file, ...
    reason varchar not null,              -- the sentence a person reads
    rejected_at timestamp not null,
    file_hash varchar,
    run_id varchar not null
);

-- Every topic an article mentions; `is_main` when the article is about it.
create table if not exists article_topics (
    article_id varchar not null,
    topic varchar not null,
    score double not null                 -- weighted hits per 100 words
);
-- Rows written before topics were split into main and mentioned were all main ones.
alter table article_topics add column if not exists mentions double;
alter table article_topics add column if not exists is_main boolean default true;

create table if not exists article_countries (
    article_id varchar not null,
    country varchar not null,
    mentions integer not null
);

-- The evidence behind each tag: the words (folded, as matched) that made it.
create table if not exists article_topic_terms (
    article_id varchar not null,
    topic varchar not null,
    term varchar not null,
    hits integer not null
);

create table if not exists article_country_terms (
    article_id varchar not null,
    country varchar not null,
    term varchar not null,
    hits integer not null
);

-- Meetings, calls, visits and agreements between officials of different countries (tasks/events.py).
create table if not exists events (
    event_id varchar not null,            -- stable across reruns: article, sentence and kind
    article_id varchar not null,
    kind varchar not null,                -- meeting, call, visit, agreement
    event_date date,                      -- a day the sentence states; NULL when it does not
    place_country varchar,
    place varchar,                        -- as the gazetteer writes it
    sentence varchar not null             -- the sentence it was read from
);

create table if not exists event_actors (
    event_id varchar not null,
    name varchar not null,                -- folded, as written: a person's name or a role phrase
    person_id varchar,                    -- NULL when the actor is named only by title
    country varchar not null,
    role varchar                          -- NULL for a "counterpart" whose role the sentence leaves open
);

-- Every landing file ever read, whatever became of it: the memory that makes reruns incremental.
create table if not exists ingested_files (
    input_file varchar not null,
    file_hash varchar not null,
    size_bytes bigint not null,
    articles integer not null,
    rejected integer not null,
    ingested_at timestamp not null,
    run_id varchar not null
);
-- When the file was last modified (ns since the epoch), as read before hashing it: a file with its
-- name, size and time unchanged is not read again. NULL for files loaded before it was recorded.
alter table ingested_files add column if not exists modified_ns bigint;

-- One row per run that loaded something; `khabar status` reads it.
create table if not exists pipeline_runs (
    run_id varchar not null,
    flow_run_name varchar,
    started_at timestamp not null,
    finished_at timestamp not null,
    landing varchar not null,
    files_seen integer not null,
    files_new integer not null,
    articles_accepted integer not null,
    inputs_rejected integer not null,
    duplicates integer not null,
    seconds double not null,
    stage_seconds json
);

-- MinHash signature of each article's cleaned text (125 little-endian uint32 values) and its LSH
-- band keys: tonight's articles find their earlier copies through the band keys alone.
create table if not exists article_signatures (
    article_id varchar not null,
    signature blob not null,
    shingles integer not null             -- distinct word shingles, for the containment estimate
);

create table if not exists article_minhash_bands (
    article_id varchar not null,
    band smallint not null,
    band_key bigint not null
);

-- The DedupeConfig that made the signatures above (tasks/signing.py).
create table if not exists dedupe_config (
    shingle_words integer,
    num_perm integer,
    bands integer,
    rows integer,
    threshold double,
    containment double,
    seed integer,
    max_bucket integer
);

-- Page chrome learned from what each source repeats, night by night (review the lines here; a
-- phrase worth keeping for good goes to sql/seeds/chrome_phrases.csv). A night's counts join
-- the earlier nights' to decide, so a source that sends a few articles a night is still learned.
create table if not exists chrome_lines (
    source_key varchar not null,          -- feed source, else the URL's site, else the landing folder
    line varchar not null,
    articles integer not null,            -- distinct texts of that night that carried the line
    is_chrome boolean not null,           -- removed that night, counting the earlier nights too
    run_id varchar not null
);

create table if not exists chrome_sources (
    source_key varchar not null,
    articles integer not null,            -- distinct texts the source sent that night
    run_id varchar not null
);

-- Until 2026-11 chrome was learned per chunk of a night, without history.
drop table if exists learned_chrome;
