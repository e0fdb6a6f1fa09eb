-- countries are ISO 3166-1 alpha-2 codes known to the gazetteer, counted at least once
select article_id, country, mentions from article_countries
where country not in (select iso2 from country_gazetteer where iso2 is not null) or mentions < 1
