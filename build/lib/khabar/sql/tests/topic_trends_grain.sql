-- topic_trends: one row per (month, topic, language), keys filled (month is NULL for undated articles), counts positive
select month, topic, language, count(*) as rows_ from topic_trends
group by all
having count(*) > 1 or topic is null or language is null or min(articles) < 1
