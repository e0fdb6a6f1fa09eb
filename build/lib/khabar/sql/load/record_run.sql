insert into pipeline_runs by name select * from run_summary;
