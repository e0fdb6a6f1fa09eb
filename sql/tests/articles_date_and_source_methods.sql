-- a method is recorded only beside a value, from one list; every new date says how it was found
-- (rows loaded before methods were recorded keep a NULL method)
select article_id from articles
where (date_method is not null and published_date is null)
    or (published_precision is null) <> (published_date is null)
    or date_method not in ('feed', 'url', 'header', 'dateline', 'foot')
    or (source_method is not null and source is null)
    or source_method not in ('feed', 'url', 'text')
