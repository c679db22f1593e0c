import WeirColumns
import WeirParquet

/// Writes one sorted run or one set of partial states to a spill file.
struct SpillWriter {
    let path: String
    private let writer: ParquetWriter
    private let folder: SpillFolder

    init(folder: SpillFolder, purpose: String, schema: Schema, rowGroupRows: Int) throws {
        self.folder = folder
        path = folder.nextFile(purpose)
        do {
            writer = try ParquetWriter(
                path: path, schema: schema, options: SpillFolder.writerOptions(rowGroupRows: rowGroupRows))
        } catch {
            throw ComputeError.parquet(error)
        }
    }

    func write(_ batch: RecordBatch) throws {
        guard batch.rowCount > 0 else { return }
        do {
            try writer.write(batch)
        } catch {
            writer.abort()
            throw ComputeError.parquet(error)
        }
    }

    /// Finishes the file and records its size in the budget's spill figures.
    func finish() throws -> SpillFile {
        do {
            let summary = try writer.close()
            folder.budget.recordSpill(bytes: summary.bytes)
            return SpillFile(path: path, rows: summary.rows)
        } catch {
            throw ComputeError.parquet(error)
        }
    }
}

/// A finished spill file.
struct SpillFile {
    let path: String
    let rows: Int

    /// A stream over the file's batches, one row group at a time.
    func stream() throws -> ParquetScan {
        try ParquetScan(files: [path])
    }
}
