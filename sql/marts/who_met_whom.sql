-- grain: one row per (person_a, person_b) with person_a < person_b: officials of `people.csv`, of
-- two countries, on the two sides of a meeting, call, visit or agreement. `first_date` and
-- `last_date` are the days the sentences state, else the days the reports were published;
-- `events` counts the events the stories report (the most any one report tells), `stories` the
-- stories, so copies and reports of one event in other outlets and languages count once;
-- `topics` are what the reporting articles are about. Listing pages are left out.
with
events as (select * from stg_events),
actors as (select * from stg_event_actors where person_id is not null),
articles as (select * from stg_articles),
topics as (select * from stg_article_topics where is_main),
located as (
    select events.event_id, events.article_id, articles.story_id, coalesce(events.event_date, articles.published_date) as day
    from events
    inner join articles on events.article_id = articles.article_id
    where not articles.is_listing
),
pairs as (
    select a.person_id as person_a, b.person_id as person_b, located.event_id, located.article_id, located.story_id, located.day
    from located
    inner join actors as a on located.event_id = a.event_id
    inner join actors as b on located.event_id = b.event_id and a.person_id < b.person_id and a.country <> b.country
),
pair_topics as (
    select pairs.person_a, pairs.person_b, list(distinct topics.topic order by topics.topic) as topics
    from pairs
    inner join topics on pairs.article_id = topics.article_id
    group by 1, 2
),
per_copy as (
    select person_a, person_b, story_id, article_id, count(distinct event_id) as events
    from pairs
    group by all
),
per_story as (
    select person_a, person_b, story_id, max(events) as events
    from per_copy
    group by all
),
counts as (
    select person_a, person_b, sum(events)::bigint as events, count(*) as stories
    from per_story
    group by 1, 2
),
dates as (
    select person_a, person_b, min(day) as first_date, max(day) as last_date
    from pairs
    group by 1, 2
),
summary as (
    select dates.person_a, dates.person_b, dates.first_date, dates.last_date, counts.events, counts.stories
    from dates
    inner join counts on dates.person_a = counts.person_a and dates.person_b = counts.person_b
)
select summary.*, coalesce(pair_topics.topics, []::varchar[]) as topics
from summary
left join pair_topics on summary.person_a = pair_topics.person_a and summary.person_b = pair_topics.person_b
