-- grain: one row per (event, actor); `person_id` is NULL for an official named only by title
with
event_actors as (select * from event_actors),
renamed as (
    select event_id, name, person_id, upper(country) as country, role
    from event_actors
)
select * from renamed
