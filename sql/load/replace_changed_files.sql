-- An edited landing file replaces everything its earlier version produced. An article it still
-- holds unchanged (same article_id: same file, line and text, as when a line is appended to a
-- feed) keeps when it was first ingested and whether it was its cluster's canonical copy, so
-- re-reading a feed moves no undated article to another month and flips no canonical choice.
create or replace temp table replaced_articles as
select article_id, ingested_at, cluster_id, is_canonical
from articles where input_file in (select input_file from run_files where status = 'changed');
delete from article_topics where article_id in (select article_id from replaced_articles);
delete from article_topic_terms where article_id in (select article_id from replaced_articles);
delete from article_countries where article_id in (select article_id from replaced_articles);
delete from article_country_terms where article_id in (select article_id from replaced_articles);
delete from event_actors where event_id in (select event_id from events where article_id in (select article_id from replaced_articles));
delete from events where article_id in (select article_id from replaced_articles);
delete from article_signatures where article_id in (select article_id from replaced_articles);
delete from article_minhash_bands where article_id in (select article_id from replaced_articles);
delete from articles where article_id in (select article_id from replaced_articles);
delete from rejected_inputs where input_file in (select input_file from run_files where status = 'changed');
delete from ingested_files where input_file in (select input_file from run_files where status = 'changed');
