-- country_pairs: one row per (month, country_a, country_b), ordered pair, counts positive
select month, country_a, country_b, count(*) as rows_ from country_pairs
group by all
having count(*) > 1 or not (country_a < country_b) or min(articles) < 1
