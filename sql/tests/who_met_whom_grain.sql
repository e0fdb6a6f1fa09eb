-- who_met_whom: one row per ordered pair of known people, dates in order, stories within events
select person_a, person_b, count(*) as rows_ from who_met_whom
group by all
having count(*) > 1 or not (person_a < person_b) or max(first_date > last_date)
    or min(stories) < 1 or max(stories - events) > 0
    or person_a not in (select person_id from people) or person_b not in (select person_id from people)
