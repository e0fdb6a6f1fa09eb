-- no listing page is counted in a mart: none reaches the pairs every country mart is built on
select pairs.article_id from article_country_pairs as pairs
inner join articles on pairs.article_id = articles.article_id
where articles.is_listing
