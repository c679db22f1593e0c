#!/usr/bin/env python3
"""Runs one peer's CSV → Parquet conversion, for bench/csv_bench.sh to time.

  csv_peers.py duckdb|pyarrow|polars SRC.csv DST.parquet
  csv_peers.py duckdb-glob 'ROOT/*/*.csv' DST.parquet   # a folder of lab files into one file
  csv_peers.py rows DST                                   # rows in a Parquet file or folder
"""
import sys

def main():
    tool, src = sys.argv[1], sys.argv[2]
    if tool == "rows":
        import duckdb
        pattern = src if src.endswith(".parquet") else src + "/**/*.parquet"
        print(duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall()[0][0])
        return
    dst = sys.argv[3]
    if tool == "duckdb":
        import duckdb
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{src}')) TO '{dst}' (FORMAT parquet)")
    elif tool == "duckdb-glob":
        import duckdb
        # The lab files have three column layouts and '# Key: value' lines before the header.
        duckdb.sql(
            f"COPY (SELECT * FROM read_csv('{src}', union_by_name = true, comment = '#', filename = true)) "
            f"TO '{dst}' (FORMAT parquet)")
    elif tool == "pyarrow":
        import pyarrow.csv as pv, pyarrow.parquet as pq
        pq.write_table(pv.read_csv(src), dst, compression="snappy")
    elif tool == "polars":
        import polars as pl
        pl.scan_csv(src).sink_parquet(dst, compression="snappy")
    else:
        raise SystemExit(f"unknown tool {tool}")

if __name__ == "__main__":
    main()
