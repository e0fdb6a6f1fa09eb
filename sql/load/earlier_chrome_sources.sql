-- Earlier nights' article counts of tonight's sources (see tasks/chrome.py learn_chrome).
select source_key, sum(articles) as articles
from chrome_sources
where source_key in (select source_key from tonight_sources)
group by source_key
