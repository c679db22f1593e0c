#!/usr/bin/env python3
"""Writes the peers' part of the fuzz corpus: small Parquet files from pyarrow, DuckDB and polars
with every codec, page version and encoding they offer, each a few KB so mutations hit structure.

  fuzz_corpus.py DIR
"""
import datetime as dt, decimal, os, sys
import duckdb, polars as pl, pyarrow as pa, pyarrow.parquet as pq

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rows = 40
def nulls(values, every=7): return [None if i % every == 3 else v for i, v in enumerate(values)]
ints = [(i * 7919) % 2000 - 1000 for i in range(rows)]
table = pa.table({
    'i32': pa.array(ints, pa.int32()),
    'i64': pa.array(nulls([v * 10**12 for v in ints]), pa.int64()),
    'i16': pa.array([v % 30000 for v in ints], pa.int16()),
    'u64': pa.array([2**64 - 1 - i for i in range(rows)], pa.uint64()),
    'f32': pa.array([v / 3 for v in ints], pa.float32()),
    'f64': pa.array(nulls([v * 1e-6 for v in ints]), pa.float64()),
    'bool': pa.array(nulls([i % 3 == 0 for i in range(rows)]), pa.bool_()),
    'str': pa.array(nulls(['', 'a', 'héllo', 'x' * 40, '日本語'][i % 5] + str(i % 4) for i in range(rows)), pa.string()),
    'bin': pa.array([bytes([i % 256, 0, 255])[: i % 4] for i in range(rows)], pa.binary()),
    'fixed': pa.array([bytes([i % 256, 3, 0, 7]) for i in range(rows)], pa.binary(4)),
    'date': pa.array(nulls([19000 + i for i in range(rows)]), pa.date32()),
    'ts_ms': pa.array([1_700_000_000_000 + i * 1001 for i in range(rows)], pa.timestamp('ms')),
    'ts_us_utc': pa.array(nulls([1_700_000_000_000_000 + i * 999_999 for i in range(rows)]), pa.timestamp('us', tz='UTC')),
    'dec9': pa.array(nulls([decimal.Decimal(v).scaleb(-2) for v in ints]), pa.decimal128(9, 2)),
    'dec30': pa.array([decimal.Decimal(v * 10**20 - 7).scaleb(-5) for v in ints], pa.decimal128(30, 5)),
})
small = dict(row_group_size=20, data_page_size=128)
for codec in ['snappy', 'zstd', 'gzip', 'lz4', 'brotli', 'none']:
    pq.write_table(table, f'{out}/pyarrow_{codec}_v1.parquet', compression=codec, **small)
    pq.write_table(table, f'{out}/pyarrow_{codec}_v2.parquet', compression=codec, data_page_version='2.0',
                   use_dictionary=False, **small)
pq.write_table(table.select(['i32', 'i64', 'str', 'bin', 'fixed']), f'{out}/pyarrow_delta.parquet',
               use_dictionary=False, column_encoding={'i32': 'DELTA_BINARY_PACKED', 'i64': 'DELTA_BINARY_PACKED',
               'str': 'DELTA_BYTE_ARRAY', 'bin': 'DELTA_LENGTH_BYTE_ARRAY', 'fixed': 'DELTA_BYTE_ARRAY'}, **small)
pq.write_table(table.select(['f32', 'f64', 'i32', 'dec30']), f'{out}/pyarrow_split.parquet', use_dictionary=False,
               column_encoding={c: 'BYTE_STREAM_SPLIT' for c in ['f32', 'f64', 'i32', 'dec30']}, **small)
pq.write_table(table.select(['ts_ms', 'bool', 'date']), f'{out}/pyarrow_int96.parquet',
               use_deprecated_int96_timestamps=True, **small)
connection = duckdb.connect().execute('SET enable_progress_bar = false')
connection.register('source', table.drop_columns(['u64']))
for codec in ['snappy', 'zstd', 'uncompressed']:
    for version in ['V1', 'V2']:
        connection.execute(f"COPY (SELECT * FROM source) TO '{out}/duckdb_{codec}_{version}.parquet' "
                           f"(FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 20)")
frame = pl.from_arrow(table.select(['i32', 'i64', 'f64', 'bool', 'str', 'date', 'ts_ms']))
for codec in ['snappy', 'zstd', 'lz4', 'uncompressed']:
    frame.write_parquet(f'{out}/polars_{codec}.parquet', compression=codec, row_group_size=20, data_page_size=128)
nested = pa.table({
    'id': pa.array(range(rows), pa.int64()),
    'l': pa.array([None if i % 10 == 3 else [j * i for j in range(i % 4)] for i in range(rows)], pa.list_(pa.int64())),
    'p': pa.array([None if i % 9 == 4 else {'x': i / 3, 'y': None if i % 5 == 0 else 's%d' % i} for i in range(rows)],
                  pa.struct([('x', pa.float64()), ('y', pa.string())])),
    'm': pa.array([[('k%d' % j, j) for j in range(i % 3)] for i in range(rows)], pa.map_(pa.string(), pa.int32())),
    'll': pa.array([[['a'] * (i % 2), None] if i % 6 else [] for i in range(rows)], pa.list_(pa.list_(pa.string()))),
})
pq.write_table(nested, f'{out}/pyarrow_nested.parquet', **small)
pq.write_table(nested, f'{out}/pyarrow_nested_v2_none.parquet', compression='none', data_page_version='2.0',
               use_dictionary=False, **small)
pq.write_table(nested.select(['id', 'l', 'll']), f'{out}/pyarrow_nested_legacy.parquet', compression='none',
               use_compliant_nested_type=False, **small)
connection.register('nested', nested)
connection.execute(f"COPY (SELECT * FROM nested) TO '{out}/duckdb_nested.parquet' (FORMAT parquet, ROW_GROUP_SIZE 20)")
pl.from_arrow(nested.select(['id', 'l', 'p', 'll'])).write_parquet(f'{out}/polars_nested.parquet', row_group_size=20,
                                                                   data_page_size=128, compression='uncompressed')
