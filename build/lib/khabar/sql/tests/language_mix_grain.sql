-- language_mix: one row per (month, language), counts positive
select month, language, count(*) as rows_ from language_mix
group by all
having count(*) > 1 or language is null or min(articles) < 1 or min(sources) < 0
