-- grain: one row per (month, country_a, country_b, kind) with country_a < country_b. `month` is
-- the month of the day the sentence states, else of its article's publication (NULL when neither
-- is known). `events` counts the events a story reports (the most any one of its reports tells);
-- `stories` the stories (`stories` mart) that report them, so copies of one text and reports of one
-- event in other outlets and languages count once. A visit pairs the visitor's country with the
-- country visited.
-- Listing pages are left out.
with
events as (select * from stg_events),
actors as (select * from stg_event_actors),
articles as (select * from stg_articles),
located as (
    select
        events.event_id,
        events.kind,
        events.article_id,
        articles.story_id,
        coalesce(date_trunc('month', events.event_date)::date, articles.published_month) as month
    from events
    inner join articles on events.article_id = articles.article_id
    where not articles.is_listing
),
sides as (
    select distinct event_id, country from actors
    union
    select event_id, place_country from events where kind = 'visit' and place_country is not null
),
pairs as (
    select located.month, a.country as country_a, b.country as country_b, located.kind, located.event_id, located.article_id, located.story_id
    from located
    inner join sides as a on located.event_id = a.event_id
    inner join sides as b on located.event_id = b.event_id and a.country < b.country
),
per_copy as (
    select month, country_a, country_b, kind, story_id, article_id, count(distinct event_id) as events
    from pairs
    group by all
),
per_story as (
    select month, country_a, country_b, kind, story_id, max(events) as events
    from per_copy
    group by all
),
monthly as (
    select month, country_a, country_b, kind, sum(events)::bigint as events, count(*) as stories
    from per_story
    group by 1, 2, 3, 4
)
select * from monthly
