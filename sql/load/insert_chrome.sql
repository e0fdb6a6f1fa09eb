-- What tonight taught about each source's page chrome, once for the whole night.
insert into chrome_lines by name
select source_key, line, articles, is_chrome, run_info.run_id from staged_chrome_lines, run_info;

insert into chrome_sources by name
select source_key, articles, run_info.run_id from staged_chrome_sources, run_info;
