-- The settings that made tonight's signatures, kept beside them.
delete from dedupe_config;
insert into dedupe_config by name select * from run_dedupe_config;
