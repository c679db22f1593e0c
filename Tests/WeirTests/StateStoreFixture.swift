import Foundation
import Weir
import WeirTestSupport

/// A state store in a fresh temporary folder, removed with the fixture.
struct StateStoreFixture {
    let directory: TemporaryDirectory
    let store: StateStore
    /// The store's own database on the test server, for PostgreSQL.
    let database: PostgresTestDatabase?
    var path: String { directory.path + "/.weir/state.sqlite" }

    /// A fresh store: an SQLite file in a new folder, or a new database on the test PostgreSQL server.
    init(_ kind: StateStoreKind = .sqlite) throws {
        directory = try TemporaryDirectory("weir-state")
        switch kind {
        case .sqlite:
            database = nil
            store = try StateStore(path: directory.path + "/.weir/state.sqlite")
        case .postgres:
            let database = try PostgresTestDatabase()
            self.database = database
            guard let url = try PostgresURL.parse(database.url) else {
                throw FixtureError(message: "'\(database.url)' is not a PostgreSQL URL")
            }
            store = try StateStore(postgres: url)
        }
    }

    /// A 64-hex-digit run id starting with `prefix`.
    static func runID(_ prefix: String) -> String {
        prefix + String(repeating: "0", count: 64 - prefix.count)
    }

    func run(_ id: String, stage: String, session: String, fingerprint: String = "{}", startedAt: Date = .now)
        -> RunRecord
    {
        RunRecord(
            id: id, stage: stage, fingerprintJSON: fingerprint, session: session, status: .succeeded,
            reasonsJSON: #"[{"kind":"new-stage"}]"#, startedAt: startedAt)
    }
}
