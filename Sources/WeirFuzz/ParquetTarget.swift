import WeirColumns
import WeirParquet

/// Reads a case the ways a user of the Parquet reader does: open, every row group (keeping
/// dictionary codes), the statistics of every column, row-group pruning and the batch scan.
public enum ParquetTarget {
    public static func read(_ bytes: [UInt8], options: ParquetReadOptions = ParquetReadOptions()) -> FuzzOutcome {
        let reader: ParquetFileReader
        do throws(ParquetError) {
            reader = try ParquetFileReader(bytes: bytes, options: options)
        } catch {
            return .parquetError(error.kind, error.description)
        }
        var digest = FuzzDigest()
        var rows = 0
        for group in 0..<reader.rowGroupCount {
            do throws(ParquetError) {
                let batch = try reader.readRowGroup(group, keepingDictionaryCodes: true)
                add(batch, to: &digest)
                rows += batch.rowCount
                if let difference = columnsAlone(reader, group: group, differFrom: batch) { return .broken(difference) }
            } catch {
                // An error while reading data must say where: the row group, and the column.
                guard error.description.contains("row group \(group)") || error.kind == .invalidArgument else {
                    return .broken("an error reading row group \(group) does not name it: \(error.description)")
                }
                return .parquetError(error.kind, error.description)
            }
        }
        for column in reader.columns {
            for group in 0..<reader.rowGroupCount {
                if let statistics = reader.statistics(rowGroup: group, column: column) {
                    digest.add("\(statistics)")
                }
            }
        }
        guard let first = reader.schema.fields.first else { return .data(rows: rows, digest: digest.value) }
        let predicate = ParquetPredicate.or([
            .isNull(first.name), .compare(column: first.name, op: .greater, value: .int(0)),
        ])
        digest.add("\(reader.rowGroups(matching: predicate))")
        for batch in reader.batches(columns: [first.name], where: predicate) {
            switch batch {
            case .success(let batch): add(batch, to: &digest)
            case .failure(let error): return .parquetError(error.kind, error.description)
            }
        }
        return .data(rows: rows, digest: digest.value)
    }

    /// Why reading each column of row group `group` alone does not give what reading them all
    /// at once (on several threads, keeping dictionary codes) gave, or `nil` when it does.
    private static func columnsAlone(_ reader: ParquetFileReader, group: Int, differFrom batch: RecordBatch) -> String?
    {
        let names = batch.schema.fields.map(\.name)
        guard Set(names).count == names.count else { return nil }
        for (name, column) in zip(names, batch.columns) {
            do throws(ParquetError) {
                let alone = try reader.readRowGroup(group, columns: [name]).columns[0]
                guard alone.field == column.field, alone.count == column.count,
                    (0..<column.count).allSatisfy({ alone.value(at: $0).json == column.value(at: $0).json })
                else { return "column '\(name)' of row group \(group) read alone differs from it read with the others" }
            } catch {
                return "column '\(name)' of row group \(group) read alone fails where it read with the others: \(error)"
            }
        }
        return nil
    }

    private static func add(_ batch: RecordBatch, to digest: inout FuzzDigest) {
        for field in batch.schema.fields { digest.add("\(field.name) \(field.type.name)") }
        for row in 0..<batch.rowCount {
            for column in batch.columns { digest.add(column.value(at: row).json) }
        }
    }
}
