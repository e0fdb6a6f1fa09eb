-- meetings: one row per (month, country_a, country_b, kind), ordered pair, known kind, stories within events
select month, country_a, country_b, kind, count(*) as rows_ from meetings
group by all
having count(*) > 1 or not (country_a < country_b) or kind not in ('meeting', 'call', 'visit', 'agreement')
    or min(stories) < 1 or max(stories - events) > 0
