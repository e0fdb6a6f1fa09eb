-- topics are the design's twelve codes
select article_id, topic from article_topics
where topic not in (
    'terrorism', 'drug_trafficking', 'border_security', 'energy_infrastructure', 'trade_economy', 'defense_military',
    'diplomacy', 'peace_process', 'health', 'natural_disaster', 'refugees_migration', 'nuclear'
)
