-- grain: one row per loaded article: what bench/facts.py compares with the gold set
with
articles as (select * from articles),
countries as (select article_id, list(country order by country) as countries from article_countries group by 1),
topics as (
    select
        article_id,
        list(topic order by topic) filter (where is_main) as main_topics,
        list(topic order by topic) as topics
    from article_topics
    group by 1
),
facts as (
    select
        articles.input_file,
        articles.title,
        articles.text,
        articles.raw_text,
        articles.source,
        articles.source_method,
        articles.published_date,
        articles.date_method,
        articles.is_listing,
        articles.is_canonical and not articles.is_listing as counted_in_marts,
        countries.countries,
        topics.main_topics,
        topics.topics
    from articles
    left join countries on articles.article_id = countries.article_id
    left join topics on articles.article_id = topics.article_id
)
select * from facts
