-- pair_topics: one row per (month, country_a, country_b, topic), ordered pair, known topic; the
-- articles about a topic are among those that mention it, and every row has one that does
select month, country_a, country_b, topic, count(*) as rows_ from pair_topics
group by all
having count(*) > 1 or not (country_a < country_b) or min(mentioning_articles) < 1
    or min(mentioning_articles - articles) < 0 or min(articles) < 0
    or topic not in (select distinct topic from topic_lexicon)
