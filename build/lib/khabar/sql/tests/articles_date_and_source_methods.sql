-- a method is recorded only beside a value, and comes from one list (rows loaded before methods
-- were recorded keep a NULL method beside their date, so a date without a method is allowed)
select article_id from articles
where (date_method is not null and published_date is null)
    or (published_precision is null) <> (published_date is null)
    or date_method not in ('feed', 'url', 'header', 'dateline', 'foot')
    or (source_method is not null and source is null)
    or source_method not in ('feed', 'url', 'text')
