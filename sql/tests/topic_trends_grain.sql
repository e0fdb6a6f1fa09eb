-- topic_trends: one row per (month, topic, language), keys filled (month is NULL for undated
-- articles); the articles about a topic are among those that mention it, within the month's total
select month, topic, language, count(*) as rows_ from topic_trends
group by all
having count(*) > 1 or topic is null or language is null or min(mentioning_articles) < 1
    or min(mentioning_articles - articles) < 0 or min(articles) < 0 or max(mentioning_articles - language_articles) > 0
