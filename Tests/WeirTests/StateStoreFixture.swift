import Foundation
import Weir
import WeirTestSupport

/// A state store in a fresh temporary folder, removed with the fixture.
struct StateStoreFixture {
    let directory: TemporaryDirectory
    let store: StateStore
    var path: String { directory.path + "/.weir/state.sqlite" }

    init() throws {
        directory = try TemporaryDirectory("weir-state")
        store = try StateStore(path: directory.path + "/.weir/state.sqlite")
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
