import WeirCSV
import WeirColumns

/// Reads a case with the CSV reader as a user does: type inference, then every batch.
public enum CSVTarget {
    /// The ways of reading a case: failing the file or setting rows aside, on one or two threads
    /// (with small chunks, so one file is split).
    public static let variants = 4

    public static func options(variant: Int) -> CSVOptions {
        var options = CSVOptions()
        options.errorMode = variant % 2 == 0 ? .failFile : .rejectRows
        if variant / 2 % 2 == 1 {
            options.parallelism = 2
            options.chunkBytes = 4_096
        }
        return options
    }

    /// Reads `bytes` the way `variant` says; a variant that parses in parallel chunks is checked
    /// against one pass over the file, which must give the same rows, rejects or error.
    public static func read(_ bytes: [UInt8], variant: Int) -> FuzzOutcome {
        let outcome = readOnce(bytes, variant: variant)
        guard variant / 2 % 2 == 1 else { return outcome }
        let sequential = readOnce(bytes, variant: variant % 2)
        guard outcome == sequential else {
            return .broken("reading in parallel chunks gives '\(outcome)' where one pass gives '\(sequential)'")
        }
        return outcome
    }

    private static func readOnce(_ bytes: [UInt8], variant: Int) -> FuzzOutcome {
        // Rows and rejects are digested apart, row by row, so how the file is cut into batches
        // does not change the digest.
        var digest = FuzzDigest()
        var rejects = FuzzDigest()
        var rows = 0
        do throws(CSVError) {
            let reader = try CSVReader(bytes: bytes, name: "case.csv", options: options(variant: variant))
            for field in reader.schema.fields { digest.add("\(field.name) \(field.type.name)") }
            while let batch = try reader.next() {
                for row in 0..<batch.records.rowCount {
                    for column in batch.records.columns { digest.add(column.value(at: row).json) }
                }
                for reject in batch.rejects { rejects.add("\(reject.line) \(reject.error)") }
                rows += batch.records.rowCount
            }
        } catch {
            guard !error.message.isEmpty else { return .broken("an error without a message") }
            return .csvError(error.kind, error.description)
        }
        return .data(rows: rows, digest: digest.value ^ (rejects.value &* 31))
    }
}
