import ArgumentParser
import Foundation
import Weir
import WeirColumns

/// `weir dataset ls`: the partition folders, with their files and rows.
struct DatasetListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the partitions of a dataset with their files and rows, from the manifest."
    )

    @OptionGroup var options: DatasetOptions

    func run() throws {
        do {
            let partitions = try options.open().partitions()
            if options.json {
                let items: [JSONValue] = partitions.map {
                    [
                        "path": .string($0.path), "files": .int(Int64($0.files)), "rows": .int($0.rows),
                        "source_bytes": .int($0.sourceBytes),
                    ]
                }
                StandardOutput.write(try JSONValue.array(items).canonicalString() + "\n")
                return
            }
            let batch = RecordBatch(columns: [
                Column(
                    field: Field("partition", .string),
                    storage: .bytes(ByteArrays(partitions.map { $0.path.isEmpty ? "." : $0.path }))),
                Column(field: Field("files", .int64), storage: .int64(partitions.map { Int64($0.files) })),
                Column(field: Field("rows", .int64), storage: .int64(partitions.map(\.rows))),
                Column(field: Field("source_bytes", .int64), storage: .int64(partitions.map(\.sourceBytes))),
            ])
            var text = String(decoding: try QueryOutput.bytes(batch, format: .table), as: UTF8.self)
            // The table's own footer counts rows; say what they are.
            if let footer = text.range(of: "(", options: .backwards) { text.removeSubrange(footer.lowerBound...) }
            let files = partitions.reduce(0) { $0 + $1.files }
            let rows = partitions.reduce(Int64(0)) { $0 + $1.rows }
            text += "(\(partitions.count) partitions, \(files) files, \(rows) rows)\n"
            StandardOutput.write(text)
        } catch {
            throw CommandFailure.wrapping(error)
        }
    }
}
