-- language is an ISO 639-1 code or 'und'; a probability only where the model decided
select article_id, language from articles
where language is null or not (regexp_full_match(language, '[a-z]{2}') or language = 'und')
    or language_method not in ('letters', 'model', 'too_few_letters')
    or (language_method <> 'model' and language_score is not null)
    or language_score not between 0 and 1
