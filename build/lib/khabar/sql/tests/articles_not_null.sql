-- the contract's required columns are filled
select article_id from articles
where article_id is null or input_file is null or text is null or language is null
    or ingested_at is null or content_hash is null or cluster_id is null or is_canonical is null
