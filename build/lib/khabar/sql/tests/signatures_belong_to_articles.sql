-- every MinHash signature and LSH band key belongs to an article that exists, one signature each
select 'article_signatures' as in_table, article_id from article_signatures where article_id not in (select article_id from articles)
union all
select 'article_minhash_bands', article_id from article_minhash_bands where article_id not in (select article_id from articles)
union all
select 'article_signatures (twice)', article_id from article_signatures group by article_id having count(*) > 1
