-- every event belongs to an article and has actors of two countries (a visit: one side and a
-- country visited); every actor belongs to an event, with a country code the gazetteer knows
with
sides as (
    select event_id, count(distinct country) as countries from event_actors group by 1
)
select 'events' as in_table, event_id, 'no such article' as problem from events where article_id not in (select article_id from articles)
union all
select 'events', events.event_id, 'one side only' from events
left join sides on events.event_id = sides.event_id
where coalesce(sides.countries, 0) < 2
    and not (events.kind = 'visit' and coalesce(sides.countries, 0) = 1 and events.place_country is not null)
union all
select 'event_actors', event_id, 'no such event' from event_actors where event_id not in (select event_id from events)
union all
select 'event_actors', event_id, 'unknown country ' || country from event_actors
where country not in (select iso2 from country_gazetteer where iso2 is not null)
union all
select 'events', event_id, 'duplicate event_id' from events group by event_id having count(*) > 1
