-- ingested_files: one row per landing file, the memory that makes reruns incremental
select input_file, count(*) as rows_ from ingested_files group by all having count(*) > 1
