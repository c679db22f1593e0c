import Foundation
import GRDB

extension StateStore {
    /// Opens the store of `project` through read-only connections, for a server that must never
    /// write (`weir serve`); nil when the project has no state yet.
    ///
    /// Unlike ``openReadOnly(_:)`` it neither creates nor migrates anything: SQLite itself refuses
    /// every write.
    ///
    /// - Throws: ``StateStoreCorruptError`` when the file is not an SQLite database,
    ///   ``StateStoreError`` when it cannot be read or was written by a newer or older Weir.
    /// - Parameter following: read through one connection, so that ``dataVersion()`` compares like
    ///   with like (for following a session as it goes).
    public static func openForServing(_ project: ProjectLocation, following: Bool = false) throws -> StateStore? {
        guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
        return try StateStore(
            path: project.stateDatabasePath, displayPath: ".weir/state.sqlite", readers: following ? 1 : nil,
            readOnly: true)
    }

    /// Checks, without writing, that every migration this Weir knows has been applied.
    func checkMigrated() throws {
        let migrator = Self.migrator
        let complete = try read("read its schema version") { try migrator.hasCompletedMigrations($0) }
        guard complete else {
            throw StateStoreError(
                path: displayPath, operation: "be read",
                detail: "its schema is not the one this Weir writes; run 'weir status' once to migrate it",
                resultCode: nil)
        }
    }
}
