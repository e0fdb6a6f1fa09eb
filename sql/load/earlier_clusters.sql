-- The cluster each of tonight's content hashes already belongs to, if any.
select distinct articles.content_hash, articles.cluster_id
from articles
inner join tonight on articles.content_hash = tonight.content_hash
