-- language is an ISO 639-1 code or 'und'
select article_id, language from articles where language is null or not (regexp_full_match(language, '[a-z]{2}') or language = 'und')
