#!/usr/bin/env python3
"""DuckDB staging a lab folder: read_csv over the glob with union_by_name, then COPY … PARTITION_BY.

  ingest_duckdb.py RAW OUT
"""
import sys

import duckdb

raw, out = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"""
    COPY (
        SELECT *, split_part(filename, '/', -2) AS date,
               regexp_extract(filename, '_([A-Za-z]+)_[0-9]+\\.csv$', 1) AS proc
        FROM read_csv('{raw}/*/*.csv', union_by_name = true, filename = true, comment = '#', ignore_errors = true)
    ) TO '{out}' (FORMAT parquet, PARTITION_BY (proc, date), OVERWRITE_OR_IGNORE true)
""")
print("done")
