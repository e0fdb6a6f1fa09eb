"""Khabar's stages: one module per stage, each a plain function over a Polars frame; their Prefect tasks are in `khabar.flows.stage_tasks`."""
