-- A warehouse written in a newer storage format than DuckDB 1.x clients read is moved, once,
-- into a working copy in the compatible format; later nights copy that file as it is.
copy from database published to working;
detach published;
detach working;
