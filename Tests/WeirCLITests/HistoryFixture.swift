import Foundation
import Weir
import WeirTestSupport

/// A project with a populated state store, made through the library as `weir run` would:
///
/// - v1 (session 1): clean → run `1111…`, features → run `2222…`
/// - v2 (session 2, parent v1): param `factor` 2 → 3, so clean → `3333…` and features → `4444…`
/// - v3 (session 3, parent v1, head): adds stage report → `0001…`; runs `abcd1…` and `abcd2…` exist too.
struct HistoryFixture {
    let directory: TemporaryDirectory
    let store: StateStore
    var root: String { directory.path }
    let sessions: [SessionRecord]

    static func id(_ prefix: String) -> String { prefix + String(repeating: "0", count: 64 - prefix.count) }

    static func fingerprint(factor: Int, upstream: String? = nil) -> String {
        var document =
            #"{"cmd":"sh clean.sh","inputs":{"data/raw":"aa"},"kind":"command","params":{"factor":\#(factor)}"#
        if let upstream { document += #","upstream":{"clean":"\#(upstream)"}"# }
        return document + "}"
    }

    init(populated: Bool = true) throws {
        directory = try TemporaryDirectory("weir-history")
        try directory.write("weir.yaml", "stages: {}\n")
        store = try StateStore(path: directory.path + "/.weir/state.sqlite")
        guard populated else {
            sessions = []
            return
        }
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        var sessions: [SessionRecord] = []
        for index in 0..<3 {
            let session = try store.beginSession(
                command: "weir run", arguments: index == 2 ? ["--from-version", "v1"] : [])
            sessions.append(session)
            // Distinct start times (milliseconds), so that "newest first" has one answer.
            Thread.sleep(forTimeInterval: 0.003)
        }
        self.sessions = sessions
        func run(_ id: String, _ stage: String, _ session: Int, _ fingerprint: String, _ minutes: Double) -> RunRecord {
            RunRecord(
                id: Self.id(id), stage: stage, fingerprintJSON: fingerprint, session: sessions[session].id,
                status: .succeeded, reasonsJSON: #"[{"kind":"new-stage"}]"#,
                startedAt: base.addingTimeInterval(minutes * 60), finishedAt: base.addingTimeInterval(minutes * 60 + 2),
                exitCode: 0, outputHash: String(repeating: "e", count: 64), outputBytes: 2048, outputFiles: 1,
                wallSeconds: 2, cpuSeconds: 1.5, peakMemoryBytes: 10_485_760)
        }
        try store.recordRun(run("1111", "clean", 0, Self.fingerprint(factor: 2), 0))
        try store.recordRun(run("2222", "features", 0, Self.fingerprint(factor: 0, upstream: "out1"), 1))
        _ = try store.createVersion(
            parent: nil, command: "weir run", session: sessions[0].id,
            stages: ["clean": Self.id("1111"), "features": Self.id("2222")], note: nil)
        try store.endSession(sessions[0].id, status: .succeeded, summary: "2 stages ran")

        var clean = run("3333", "clean", 1, Self.fingerprint(factor: 3), 10)
        clean.reasonsJSON = #"[{"kind":"param-changed","name":"factor","old":2,"new":3}]"#
        clean.outputBytes = 5_000_000
        try store.recordRun(clean)
        var features = run("4444", "features", 1, Self.fingerprint(factor: 0, upstream: "out2"), 11)
        features.reasonsJSON = #"[{"kind":"upstream-changed","stage":"clean"}]"#
        try store.recordRun(features)
        _ = try store.createVersion(
            parent: 1, command: "weir run", session: sessions[1].id,
            stages: ["clean": Self.id("3333"), "features": Self.id("4444")], note: nil)
        try store.recordMetric(
            MetricRecord(
                session: sessions[1].id, stage: "clean", run: Self.id("3333"), name: "rows", value: 1200, unit: "rows"))
        try store.recordMetric(
            MetricRecord(
                session: sessions[1].id, stage: "features", run: Self.id("4444"), name: "rows", value: 80, unit: "rows")
        )
        try store.recordEvent(
            EventRecord(
                session: sessions[1].id, level: .info, stage: "clean", kind: "stage-started", message: "Started clean"))
        try store.recordEvent(
            EventRecord(
                session: sessions[1].id, level: .warning, stage: "clean", kind: "rows-rejected",
                message: "2 rows rejected", fieldsJSON: #"{"rows":2}"#))
        try store.recordEvent(
            EventRecord(
                session: sessions[1].id, level: .error, stage: "features", kind: "stage-failed", message: "Exit 1"))
        try store.endSession(sessions[1].id, status: .failed, summary: "features failed")

        try store.recordRun(run("0001", "report", 2, #"{"kind":"command"}"#, 20))
        try store.recordRun(run("abcd1", "scratch", 2, "{}", 21))
        try store.recordRun(run("abcd2", "scratch", 2, "{}", 22))
        _ = try store.createVersion(
            parent: 1, command: "weir run --from-version v1", session: sessions[2].id,
            stages: ["clean": Self.id("1111"), "features": Self.id("2222"), "report": Self.id("0001")],
            note: "with the report")

        try directory.write(
            ".weir/runs/\(Self.id("3333"))/_SUCCESS",
            #"{"run":"\#(Self.id("3333"))","outputs":{"files":[{"path":"clean.csv","size":5000000,"sha256":"\#(String(repeating: "c", count: 64))"}]}}"#
        )
    }

    /// Runs `weir` with `arguments` in the project folder.
    func weir(_ arguments: [String]) throws -> ProcessResult {
        try TestEnvironment.weir(arguments, in: root)
    }

    /// Runs `weir` and parses its standard output as JSON.
    func json(_ arguments: [String]) throws -> Any {
        let result = try weir(arguments)
        guard result.status == 0 else { throw CocoaError(.coderInvalidValue, userInfo: ["stderr": result.stderr]) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}
