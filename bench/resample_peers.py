#!/usr/bin/env python3
"""The resample benchmark's peers: 10-minute buckets per station with mean/min/max of temp_c and
sum of rain_mm, written to Parquet.

  resample_peers.py duckdb|polars INPUT OUTPUT
"""
import sys

tool, source, target = sys.argv[1:4]
if tool == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"""
        COPY (
            SELECT station, time_bucket(INTERVAL '10 minutes', time) AS time,
                avg(temp_c) AS temp_c_mean, min(temp_c) AS temp_c_min, max(temp_c) AS temp_c_max,
                sum(rain_mm) AS rain_mm_sum
            FROM read_parquet('{source}') GROUP BY ALL
        ) TO '{target}' (FORMAT parquet)""")
elif tool == "polars":
    import polars as pl
    (
        pl.scan_parquet(source)
        .group_by("station", pl.col("time").dt.truncate("10m"))
        .agg(
            pl.col("temp_c").mean().alias("temp_c_mean"), pl.col("temp_c").min().alias("temp_c_min"),
            pl.col("temp_c").max().alias("temp_c_max"), pl.col("rain_mm").sum().alias("rain_mm_sum"),
        )
        .sink_parquet(target)
    )
else:
    sys.exit(f"unknown tool {tool!r}")
