-- An edited landing file replaces everything its earlier version produced.
create or replace temp table replaced_articles as
select article_id from articles where input_file in (select input_file from run_files where status = 'changed');
delete from article_topics where article_id in (select article_id from replaced_articles);
delete from article_countries where article_id in (select article_id from replaced_articles);
delete from article_signatures where article_id in (select article_id from replaced_articles);
delete from article_minhash_bands where article_id in (select article_id from replaced_articles);
delete from articles where article_id in (select article_id from replaced_articles);
delete from rejected_inputs where input_file in (select input_file from run_files where status = 'changed');
delete from ingested_files where input_file in (select input_file from run_files where status = 'changed');
