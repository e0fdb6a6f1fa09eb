-- A landing file found unchanged by its hash, but not by the size and time recorded with it (a
-- warehouse from before they were recorded, a touched file): its size and time as read tonight,
-- so that the next night knows it without hashing it.
update ingested_files
set size_bytes = run_files.size_bytes, modified_ns = run_files.modified_ns
from run_files
where run_files.status = 'unchanged'
    and ingested_files.input_file = run_files.input_file
    and ingested_files.file_hash = run_files.file_hash;
