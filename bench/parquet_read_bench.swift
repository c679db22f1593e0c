// Weir's side of bench/parquet_read_bench.sh: reads every row group of a Parquet file with
// ParquetFileReader and prints the rows and seconds as one JSON object. With `--keep` it holds
// every batch until the end, as pq.read_table holds the whole table; otherwise it streams.
import Foundation
import WeirColumns
import WeirParquet

let keep = CommandLine.arguments.contains("--keep")
let arguments = CommandLine.arguments.filter { $0 != "--keep" }
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: parquet_read_bench [--keep] FILE\n".utf8))
    exit(2)
}
let start = Date()
do {
    let reader = try ParquetFileReader(path: arguments[1])
    var rows = 0
    var kept: [RecordBatch] = []
    for batch in reader.batches() {
        let batch = try batch.get()
        rows += batch.rowCount
        if keep { kept.append(batch) }
    }
    let seconds = Date().timeIntervalSince(start)
    let name = keep ? "weir (whole table)" : "weir (streaming)"
    print("{\"reader\": \"\(name)\", \"rows\": \(rows), \"seconds\": \((seconds * 1000).rounded() / 1000)}")
    withExtendedLifetime(kept) {}
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
