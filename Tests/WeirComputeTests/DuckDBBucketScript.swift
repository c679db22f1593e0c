/// The same time-bucket aggregation in DuckDB, printed as JSON rows.
///
/// Arguments: the Parquet file, the bucket width in seconds, the time zone (or ''), closed, label
/// and empty. Labels print as microseconds since the epoch, NaN as the text "NaN".
enum DuckDBBucketScript {
    static let source = #"""
        import duckdb, json, math, sys
        path, seconds, zone, closed, label, empty = sys.argv[1:7]
        seconds = int(seconds)
        con = duckdb.connect().execute('SET enable_progress_bar = false')
        con.execute("SET TimeZone = 'UTC'")
        width = f"INTERVAL '{seconds} seconds'" if seconds % 86400 else f"INTERVAL '{seconds // 86400} days'"
        shifted = "time - INTERVAL '1 microsecond'" if closed == "right" else "time"
        origin = "TIMESTAMPTZ '1970-01-01 00:00:00+00'"
        bucket = f"time_bucket({width}, {shifted}, '{zone}')" if zone else f"time_bucket({width}, {shifted}, {origin})"
        ok = "x IS NOT NULL AND NOT isnan(x)"
        aggregates = f"""count(x) AS x_count, sum(x) FILTER (WHERE {ok}) AS x_sum, avg(x) FILTER (WHERE {ok}) AS x_mean,
            min(x) FILTER (WHERE {ok}) AS x_min, max(x) FILTER (WHERE {ok}) AS x_max,
            arg_min(x, time) FILTER (WHERE x IS NOT NULL) AS x_first, arg_max(x, time) FILTER (WHERE x IS NOT NULL) AS x_last,
            stddev_samp(x) FILTER (WHERE {ok}) AS x_std, sum(k) AS k_sum, min(k) AS k_min, max(k) AS k_max, count(k) AS k_count"""
        grouped = f"SELECT station, {bucket} AS b, {aggregates} FROM read_parquet('{path}') WHERE time IS NOT NULL GROUP BY ALL"
        if empty == "keep":
            step = f"INTERVAL '{seconds} seconds'"
            grouped = f"""WITH g AS ({grouped}),
                bounds AS (SELECT station, min(b) AS lo, max(b) AS hi FROM g GROUP BY station),
                grid AS (SELECT station, unnest(generate_series(lo, hi, {step})) AS b FROM bounds)
                SELECT grid.station, grid.b, coalesce(x_count, 0) AS x_count, x_sum, x_mean, x_min, x_max, x_first,
                    x_last, x_std, k_sum, k_min, k_max, coalesce(k_count, 0) AS k_count
                FROM grid LEFT JOIN g ON g.station IS NOT DISTINCT FROM grid.station AND g.b = grid.b"""
        shown = f"b + {width}" if label == "right" else "b"
        query = f"SELECT station, epoch_us({shown}) AS t, * EXCLUDE (station, b) FROM ({grouped}) ORDER BY station NULLS LAST, b"
        def plain(value):
            if isinstance(value, float) and math.isnan(value):
                return "NaN"
            return value
        for row in con.execute(query).fetchall():
            print(json.dumps([plain(value) for value in row]))
        """#
}
