import Foundation
import WeirCSV
import WeirColumns

/// The rejects CSV of a conversion: one row per rejected row or failed file, written from any
/// thread. Columns: file, line, column, column_name, byte_offset, reason, text.
final class RejectsSink: @unchecked Sendable {
    private let writer: CSVWriter
    private let lock = NSLock()
    private(set) var rows = 0

    private static let schema = Schema([
        Field("file", .string), Field("line", .int64), Field("column", .int64), Field("column_name", .string),
        Field("byte_offset", .int64), Field("reason", .string), Field("text", .string),
    ])

    init(path: String) throws {
        do {
            writer = try CSVWriter(path: path, schema: Self.schema)
        } catch {
            throw ConvertFailed(failures: [error.description])
        }
    }

    /// Records rejected rows of `file`.
    func add(_ rejects: [CSVRejectedRow], file: String) throws {
        guard !rejects.isEmpty else { return }
        try append(rejects.map { ($0.error, String(decoding: $0.text, as: UTF8.self)) }, file: file)
    }

    /// Records a file that could not be converted at all.
    func addFailure(_ error: CSVError, file: String) throws {
        try append([(error, nil)], file: file)
    }

    private func append(_ entries: [(error: CSVError, text: String?)], file: String) throws {
        var columns = Self.schema.fields.map { _ in [Value]() }
        for (error, text) in entries {
            let cells: [Value] = [
                .string(file), error.line.map { .int(Int64($0)) } ?? .null,
                error.column.map { .int(Int64($0)) } ?? .null,
                error.columnName.map { .string($0) } ?? .null, error.byteOffset.map { .int(Int64($0)) } ?? .null,
                .string(error.message), text.map { .string($0) } ?? .null,
            ]
            for (index, cell) in cells.enumerated() { columns[index].append(cell) }
        }
        let batch = RecordBatch(
            columns: zip(Self.schema.fields, columns).map { field, values in Self.column(field, values) })
        lock.lock()
        defer { lock.unlock() }
        rows += entries.count
        do {
            try writer.write(batch)
        } catch {
            throw ConvertFailed(failures: [error.description])
        }
    }

    func close() throws {
        do {
            try writer.close()
        } catch {
            throw ConvertFailed(failures: [error.description])
        }
    }

    private static func column(_ field: Field, _ values: [Value]) -> Column {
        let validity = values.map { !$0.isNull }
        switch field.type {
        case .int64:
            let ints = values.map { value -> Int64 in
                if case .int(let number) = value { return number }
                return 0
            }
            return Column(field: field, storage: .int64(ints), validity: validity)
        default:
            var strings = ByteArrays()
            for value in values {
                if case .string(let text) = value { strings.append(text) } else { strings.appendEmpty() }
            }
            return Column(field: field, storage: .bytes(strings), validity: validity)
        }
    }
}
