"""Khabar's Prefect flows: the nightly DAG, the SQL-model build and the command line."""
