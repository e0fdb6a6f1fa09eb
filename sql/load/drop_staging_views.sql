-- The views over tonight's Parquet hand-off go before the copy is published: the files they
-- read are deleted after the swap, and analysts must find only tables they can query.
drop view if exists staged_files;
drop view if exists staged_articles;
drop view if exists staged_rejected;
drop view if exists staged_topics;
drop view if exists staged_topic_terms;
drop view if exists staged_countries;
drop view if exists staged_country_terms;
drop view if exists staged_events;
drop view if exists staged_event_actors;
drop view if exists staged_signatures;
drop view if exists staged_bands;
drop view if exists staged_chrome_lines;
drop view if exists staged_chrome_sources;
