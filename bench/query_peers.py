#!/usr/bin/env python3
"""The queries of bench/query_bench.sh, written for DuckDB and polars over the same dataset folder.

  query_peers.py duckdb|polars QUERY DATASET OUTFILE      QUERY: history, pruned, chip, scan

DuckDB and polars find the parts with a directory glob and take the partition columns from the
folder names; the manifest is read as a plain Parquet file where a query needs it. Prints the
number of rows written.
"""
import sys

engine, query, dataset, out = sys.argv[1:5]
parts = f"{dataset}/*/*/*/*.parquet"
manifest = f"{dataset}/_manifest/manifest.parquet"

if engine == "duckdb":
    import duckdb

    data = f"read_parquet('{parts}', hive_partitioning = true, union_by_name = true)"
    sql = {
        "history": f"""SELECT row_number() OVER (PARTITION BY chip_number ORDER BY start_time) AS seq,
                              start_time_local_date, proc, source_path
                       FROM '{manifest}' WHERE chip_number = 67 ORDER BY start_time""",
        "pruned": f"SELECT run_id, vsd_v, i_a FROM {data} WHERE proc = 'IV' AND vsd_v < -4.5",
        "chip": f"""SELECT d.run_id, d.vsd_v, d.i_a FROM {data} d JOIN '{manifest}' m USING (run_id)
                    WHERE m.chip_number = 67 AND d.proc = 'IV'""",
        "scan": f"SELECT * FROM {data} WHERE i_a > 0",
    }[query]
    con = duckdb.connect()
    fmt = "parquet" if out.endswith(".parquet") else "csv"
    con.execute(f"COPY ({sql}) TO '{out}' (FORMAT {fmt})")
    print(con.execute(f"SELECT count(*) FROM '{out}'").fetchall()[0][0])
elif engine == "polars":
    import polars as pl

    # polars takes its schema from the first file: name the union of the procedures' columns.
    columns = {name: pl.Float64 for name in ["t_s", "i_a", "vl_v", "vsd_v", "vg_v"]}
    data = pl.scan_parquet(parts, hive_partitioning=True, schema=columns, missing_columns="insert")
    if query == "history":
        frame = (
            pl.scan_parquet(manifest)
            .filter(pl.col("chip_number") == 67)
            .sort("start_time")
            .with_columns(pl.int_range(1, pl.len() + 1).over("chip_number").alias("seq"))
            .select("seq", "start_time_local_date", "proc", "source_path")
        )
    elif query == "pruned":
        frame = data.filter((pl.col("proc") == "IV") & (pl.col("vsd_v") < -4.5)).select("run_id", "vsd_v", "i_a")
    elif query == "chip":
        runs = pl.scan_parquet(manifest).filter(pl.col("chip_number") == 67).select("run_id")
        frame = data.filter(pl.col("proc") == "IV").join(runs, on="run_id").select("run_id", "vsd_v", "i_a")
    else:
        frame = data.filter(pl.col("i_a") > 0)
    result = frame.collect()
    if out.endswith(".parquet"):
        result.write_parquet(out)
    else:
        result.write_csv(out)
    print(result.height)
else:
    sys.exit(f"unknown engine {engine!r}")
