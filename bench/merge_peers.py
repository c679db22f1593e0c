#!/usr/bin/env python3
"""The merge benchmark's inputs and peers.

  merge_peers.py model LEFT RIGHT      writes RIGHT: each station of LEFT's model value every 60 s
  merge_peers.py duckdb LEFT RIGHT OUT  as-of backward by station, tolerance 5 minutes, to Parquet
  merge_peers.py polars LEFT RIGHT OUT  the same with join_asof (the sort it needs counted)
"""
import sys

tool, left, right = sys.argv[1:4]
if tool == "model":
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    # One value a minute per station over the readings' span, shuffled: ~333k rows for 200 stations.
    con.execute(f"""
        COPY (
            WITH span AS (SELECT min(time) AS lo, max(time) AS hi FROM read_parquet('{left}')),
            stations AS (SELECT DISTINCT station FROM read_parquet('{left}') WHERE station IS NOT NULL)
            SELECT station, t AS time, 12 + 6 * sin(epoch(t) / 86400 * 2 * pi()) + random() AS model_t
            FROM stations, span, unnest(generate_series(lo, hi, INTERVAL 60 SECOND)) AS g(t)
            ORDER BY random()
        ) TO '{right}' (FORMAT parquet, COMPRESSION zstd)""")
elif tool == "duckdb":
    import duckdb
    target = sys.argv[4]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB's ASOF JOIN has no tolerance: rows further than 5 minutes get nulls afterwards.
    con.execute(f"""
        COPY (
            SELECT l.*,
                CASE WHEN l.time - r.time <= INTERVAL 5 MINUTE THEN r.time END AS time_right,
                CASE WHEN l.time - r.time <= INTERVAL 5 MINUTE THEN r.model_t END AS model_t
            FROM read_parquet('{left}') l ASOF LEFT JOIN read_parquet('{right}') r
            ON l.station = r.station AND l.time >= r.time
        ) TO '{target}' (FORMAT parquet)""")
elif tool == "polars":
    import polars as pl
    target = sys.argv[4]
    readings = pl.read_parquet(left).sort("time")
    model = pl.read_parquet(right).with_columns(pl.col("time").alias("time_right")).sort("time")
    joined = readings.join_asof(model, on="time", by="station", strategy="backward", tolerance="5m")
    joined.write_parquet(target)
else:
    sys.exit(f"unknown tool {tool!r}")
