// Weir's side of bench/parquet_read_bench.sh: reads every row group of a Parquet file with
// ParquetFileReader and prints the rows and seconds as one JSON object.
import Foundation
import WeirColumns
import WeirParquet

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: parquet_read_bench FILE\n".utf8))
    exit(2)
}
let start = Date()
do {
    let reader = try ParquetFileReader(path: arguments[1])
    var rows = 0
    var checksum = 0
    for batch in reader.batches() {
        let batch = try batch.get()
        rows += batch.rowCount
        checksum &+= batch.columns.count
    }
    let seconds = Date().timeIntervalSince(start)
    print("{\"reader\": \"weir\", \"rows\": \(rows), \"seconds\": \((seconds * 1000).rounded() / 1000)}")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
