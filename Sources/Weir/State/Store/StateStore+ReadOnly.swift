import Foundation

extension StateStore {
    /// Opens the store of `project` through read-only connections, for a server that must never
    /// write (`weir serve`); nil when the project has no state yet.
    ///
    /// Unlike ``openReadOnly(_:)`` it neither creates nor migrates anything: SQLite itself refuses
    /// every write (on PostgreSQL, the server's transactions are read-only).
    ///
    /// - Throws: ``StateStoreCorruptError`` when the file is not an SQLite database,
    ///   ``StateStoreError`` when it cannot be read or was written by a newer or older Weir.
    /// - Parameter following: read through one connection, so that ``dataVersion()`` compares like
    ///   with like (for following a session as it goes).
    public static func openForServing(_ project: ProjectLocation, following: Bool = false) throws -> StateStore? {
        switch try StateLocation.resolve(project) {
        case .sqlite:
            guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
            return try StateStore(
                path: project.stateDatabasePath, displayPath: ".weir/state.sqlite", readers: following ? 1 : nil,
                readOnly: true)
        case .postgres(let url):
            let database = PostgresStateDatabase.shared(url)
            guard try database.hasStateMapped() else { return nil }
            return try StateStore(database: database, readOnly: true)
        }
    }

    /// Checks, without writing, that every migration this Weir knows has been applied.
    func checkMigrated() throws {
        let complete: Bool
        do {
            complete = try database.isMigrated()
        } catch {
            throw database.userFacing(error, operation: "read its schema version")
        }
        guard complete else {
            throw StateStoreError(
                path: displayPath, operation: "be read",
                detail: "its schema is not the one this Weir writes; run 'weir status' once to migrate it",
                resultCode: nil)
        }
    }
}
