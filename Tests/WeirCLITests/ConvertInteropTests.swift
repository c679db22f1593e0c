import Foundation
import Testing
import WeirTestSupport

/// A CSV with every inferred type, awkward text and nulls, generated from a seed. Rows past the
/// first thousand reuse the formatted values of row `n mod 1000` under their own id.
private func sampleCSV(rows: Int) -> String {
    var generator = SeededRandom(seed: 42)
    let labels = ["plain", "with,comma", "with \"quote\"", "line\nbreak", "ünïcødé", "", "NA-ish", " spaced "]
    var tails: [String] = []
    for row in 0..<min(rows, 1_000) {
        let value = Double(Int64(bitPattern: generator.next()) % 2_000_000) / 1_000_003.0 * 1e-6
        let ratio = row % 7 == 0 ? "" : String(Double(row) / 8)
        var label = labels[row % labels.count]
        if label.contains(where: { ",\"\n".contains($0) }) {
            label = "\"" + label.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        if label.isEmpty { label = "\"\"" }
        let day = String(format: "2024-%02d-%02d", row % 12 + 1, row % 28 + 1)
        let local = day + String(format: " %02d:%02d:%02d.%03d", row % 24, row % 60, (row * 7) % 60, row % 1000)
        let offset = row % 3 == 0 ? "Z" : (row % 3 == 1 ? "+02:00" : "-0530")
        let utc = day + String(format: "T%02d:15:00", row % 24) + offset
        tails.append(",\(value),\(ratio),\(label),\(row % 2 == 0 ? "true" : "False"),\(day),\(local),\(utc)\n")
    }
    var text = "id,value,ratio,label,flag,day,local_time,utc_time\n"
    text.reserveCapacity(rows * 110)
    for row in 0..<rows {
        text += String(row - rows / 2)
        text += tails[row % tails.count]
    }
    return text
}

/// Reads the CSV with Python's csv module as the independent reference, then the Parquet file
/// with pyarrow, DuckDB and polars, and prints one line per reader: `ok` or the first difference.
private let compareScript = """
    import csv, sys, datetime, math
    import pyarrow.parquet as pq, duckdb, polars as pl
    csv_path, parquet_path = sys.argv[1], sys.argv[2]
    readers = sys.argv[3].split(",") if len(sys.argv) > 3 else ["pyarrow", "duckdb", "polars"]
    def utc(text):
        moment = datetime.datetime.fromisoformat(text)
        return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    def cell(name, text, quoted_empty):
        if text == "" and not quoted_empty: return None
        if name == "id": return int(text)
        if name in ("value", "ratio"): return float(text)
        if name == "flag": return text.lower() == "true"
        if name == "day": return datetime.date.fromisoformat(text)
        if name == "local_time": return datetime.datetime.fromisoformat(text)
        if name == "utc_time": return utc(text)
        return text
    with open(csv_path, newline="", encoding="utf-8") as f:
        raw = f.read()
    reader = csv.reader(raw.splitlines(keepends=True))
    header = next(reader)
    expected = [[cell(n, t, n == "label") for n, t in zip(header, r)] for r in reader]
    def norm(v):
        if isinstance(v, datetime.datetime) and v.tzinfo is not None:
            return v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return v
    def check(name, rows):
        for i, (got, want) in enumerate(zip(rows, expected)):
            got = [norm(v) for v in got]
            for g, w, col in zip(got, want, header):
                same = (g == w) or (isinstance(g, float) and isinstance(w, float) and g.hex() == w.hex())
                if not same:
                    print(f"{name}: row {i} column {col}: {g!r} != {w!r}"); return
        print(f"{name} ok" if len(rows) == len(expected) else f"{name}: {len(rows)} rows != {len(expected)}")
    table = pq.read_table(parquet_path)
    if "pyarrow" in readers: check("pyarrow", [list(r.values()) for r in table.to_pylist()])
    # Fetching TIMESTAMPTZ values needs pytz; cast them to UTC wall time in SQL instead.
    con = duckdb.connect().execute('SET enable_progress_bar = false')
    con.sql("SET TimeZone='UTC'")
    query = f"SELECT * REPLACE (utc_time::TIMESTAMP AS utc_time) FROM read_parquet('{parquet_path}')"
    if "duckdb" in readers: check("duckdb", [list(r) for r in con.sql(query).fetchall()])
    if "polars" in readers: check("polars", [list(r) for r in pl.read_parquet(parquet_path).rows()])
    print(table.schema.to_string(show_schema_metadata=False).replace("\\n", "; "))
    """

@Suite struct ConvertInteropTests {
    @Test(arguments: ["snappy", "zstd", "gzip", "none"])
    func peersReadTheSameValuesAsTheCSV(_ codec: String) throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("sample.csv", sampleCSV(rows: 3_000))
        let output = folder.file("sample.parquet").path
        let result = try TestEnvironment.weir(["convert", input.path, output, "--codec", codec])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Converted 1 file (3000 rows, "))
        let check = try TestEnvironment.python(compareScript, [input.path, output])
        #expect(check.stderr == "")
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(3)) == ["pyarrow ok", "duckdb ok", "polars ok"])
        #expect(
            lines.last
                == "id: int64; value: double; ratio: double; label: string; flag: bool; day: date32[day]; "
                + "local_time: timestamp[us]; utc_time: timestamp[us, tz=UTC]")
    }

    @Test func aLargeFileIsSplitAcrossCoresWithTheSameResult() throws {
        // Above the 16 MiB threshold, so the reader parses chunks in parallel.
        let folder = try TemporaryDirectory()
        let input = try folder.write("big.csv", sampleCSV(rows: 230_000))
        let output = folder.file("big.parquet").path
        let result = try TestEnvironment.weir(["convert", input.path, output, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try TestEnvironment.python(compareScript, [input.path, output, "pyarrow"])
        #expect(check.stdout.split(separator: "\n").first == "pyarrow ok")
    }
}
