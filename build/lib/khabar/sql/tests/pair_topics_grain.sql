-- pair_topics: one row per (month, country_a, country_b, topic), ordered pair, known topic, counts positive
select month, country_a, country_b, topic, count(*) as rows_ from pair_topics
group by all
having count(*) > 1 or not (country_a < country_b) or min(articles) < 1
    or topic not in (select distinct topic from topic_lexicon)
