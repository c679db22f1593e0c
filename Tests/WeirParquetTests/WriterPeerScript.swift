/// The Python that reads files Weir wrote with pyarrow, DuckDB and polars and prints, for each
/// file, one JSON line with every reader's values in a canonical text form, the column types and
/// the chunk statistics pyarrow and DuckDB see.
///
/// Canonical forms: null stays null; booleans `true`/`false`; integers in decimal; floats as
/// Python's `repr` (`NaN`, `Infinity`, `-Infinity` for the specials); strings as they are;
/// binary in base64; dates as days since 1970; timestamps as nanoseconds since 1970 with a `Z`
/// when the type carries a time zone; decimals in plain notation with the scale's digits.
enum WriterPeerScript {
    static let source = #"""
        import base64, json, math, sys
        import pyarrow as pa, pyarrow.parquet as pq, duckdb, polars as pl

        def float_text(v):
            if math.isnan(v): return "NaN"
            if math.isinf(v): return "Infinity" if v > 0 else "-Infinity"
            return repr(float(v))

        def canon_array(arr):
            t = arr.type
            if pa.types.is_timestamp(t):
                scale = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[t.unit]
                raw = arr.cast(pa.int64()).to_pylist()
                return [None if v is None else str(v * scale) + ("Z" if t.tz else "") for v in raw]
            if pa.types.is_date32(t):
                return [None if v is None else str(v) for v in arr.cast(pa.int32()).to_pylist()]
            out = []
            for v in arr.to_pylist():
                if v is None: out.append(None)
                elif isinstance(v, bool): out.append("true" if v else "false")
                elif isinstance(v, int): out.append(str(v))
                elif isinstance(v, float): out.append(float_text(v))
                elif isinstance(v, str): out.append(v)
                elif isinstance(v, (bytes, bytearray)): out.append(base64.b64encode(bytes(v)).decode())
                elif hasattr(v, "as_tuple"): out.append(format(v, "f"))
                else: out.append("unexpected " + type(v).__name__)
            return out

        def canon_table(table):
            table = table.combine_chunks() if table.num_rows else table
            return ({name: canon_array(table.column(name).combine_chunks()) for name in table.column_names},
                    {field.name: str(field.type) for field in table.schema})

        def stat_text(field, stat, raw, logical):
            t = field.type
            if pa.types.is_timestamp(t) or pa.types.is_date(t): return str(raw)
            if pa.types.is_decimal(t): return format(logical, "f")
            if pa.types.is_boolean(t): return "true" if raw else "false"
            if pa.types.is_floating(t): return float_text(raw)
            if pa.types.is_unsigned_integer(t): return str(logical)
            if pa.types.is_integer(t): return str(raw)
            if pa.types.is_string(t) or pa.types.is_large_string(t): return logical
            return base64.b64encode(bytes(raw)).decode()

        def pyarrow_stats(path):
            file = pq.ParquetFile(path)
            schema = file.schema_arrow
            groups = []
            for g in range(file.metadata.num_row_groups):
                group = file.metadata.row_group(g)
                columns = {}
                for j in range(group.num_columns):
                    chunk = group.column(j)
                    field = schema.field(j)
                    s = chunk.statistics
                    if s is None:
                        columns[field.name] = None
                        continue
                    entry = {"has_min_max": s.has_min_max,
                             "null_count": s.null_count if s.has_null_count else None}
                    if s.has_min_max:
                        entry["min"] = stat_text(field, s, s.min_raw, s.min)
                        entry["max"] = stat_text(field, s, s.max_raw, s.max)
                    columns[field.name] = entry
                groups.append({"rows": group.num_rows, "columns": columns})
            return {"created_by": file.metadata.created_by, "row_groups": groups}

        def duckdb_stats(path):
            rows = duckdb.sql(
                "select row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count "
                "from parquet_metadata(?) order by row_group_id, column_id", params=[path]).fetchall()
            return [{"row_group": r[0], "column": r[1], "has_min": r[2] is not None, "has_max": r[3] is not None,
                     "null_count": r[4]} for r in rows]

        for path in sys.argv[1:]:
            result = {"path": path, "readers": {}}
            values, types = canon_table(pq.read_table(path))
            result["readers"]["pyarrow"] = {"values": values, "types": types}
            values, types = canon_table(duckdb.sql("select * from read_parquet(?)", params=[path]).to_arrow_table())
            result["readers"]["duckdb"] = {"values": values, "types": types}
            values, types = canon_table(pl.read_parquet(path).to_arrow())
            result["readers"]["polars"] = {"values": values, "types": types}
            result["pyarrow_stats"] = pyarrow_stats(path)
            result["duckdb_stats"] = duckdb_stats(path)
            print(json.dumps(result))
        """#
}
