import Foundation
import Synchronization
import WeirColumns
import WeirParquet

/// A private folder for an operator plan's spill files, removed with everything in it when the
/// folder object goes away.
///
/// Spill files are uncompressed Parquet without dictionaries: fast to write and read back, and
/// readable by any Parquet tool when a spill needs looking into.
public final class SpillFolder: Sendable {
    /// The folder's path, created inside the parent given to ``init(in:budget:)``.
    public let path: String
    /// Where spill sizes are recorded.
    public let budget: MemoryBudget
    private let counter = Atomic<Int>(0)

    /// Creates a fresh folder inside `parent` (which must exist and be writable).
    /// - Throws: `ComputeError` (`.io`) when the folder cannot be created.
    public init(in parent: String, budget: MemoryBudget) throws {
        let name = "weir-spill-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        path = (parent as NSString).appendingPathComponent(name)
        self.budget = budget
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ComputeError(
                .io,
                "The spill folder '\(path)' cannot be created (\(error.localizedDescription)). Please give a "
                    + "writable folder with free space.")
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A new, unused file path in the folder.
    func nextFile(_ purpose: String) -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        return (path as NSString).appendingPathComponent("\(purpose)-\(number).parquet")
    }

    /// Options of spill files: small row groups, so a merge holds one small group per run.
    static func writerOptions(rowGroupRows: Int) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.codec = .uncompressed
        options.dictionary = false
        options.syncOnClose = false
        options.rowGroupRows = max(1, rowGroupRows)
        options.rowGroupBytes = 16 << 20
        return options
    }
}
