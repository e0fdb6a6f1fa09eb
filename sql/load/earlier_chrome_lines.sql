-- Earlier nights' counts of the lines tonight's sources repeat (see tasks/chrome.py learn_chrome).
select source_key, line, sum(articles) as articles
from chrome_lines
where source_key in (select source_key from tonight_sources)
group by source_key, line
