-- Earlier articles that may be copies of tonight's: the same normalized text, or a shared LSH
-- band key. Only these are read back, never the whole history.
with
tonight_bands as (select * from tonight_bands),
tonight_hashes as (select * from tonight_hashes),
by_band as (
    select distinct bands.article_id
    from article_minhash_bands as bands
    inner join tonight_bands on bands.band = tonight_bands.band and bands.band_key = tonight_bands.band_key
),
by_hash as (
    select articles.article_id
    from articles
    inner join tonight_hashes on articles.content_hash = tonight_hashes.content_hash
),
candidates as (
    select article_id from by_band
    union
    select article_id from by_hash
)
select articles.article_id, articles.cluster_id, articles.content_hash, signatures.signature, signatures.shingles
from candidates
inner join articles on candidates.article_id = articles.article_id
left join article_signatures as signatures on candidates.article_id = signatures.article_id
