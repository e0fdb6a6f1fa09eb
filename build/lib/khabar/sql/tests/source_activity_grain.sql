-- source_activity: one row per (source, month), counts positive, first date before last
select source, month, count(*) as rows_ from source_activity
group by all
having count(*) > 1 or source is null or min(articles) < 1 or bool_or(first_published > last_published)
