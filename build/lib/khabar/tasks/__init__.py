"""Khabar's stages: one module per stage, each a pure function over a Polars frame plus a thin Prefect task."""
