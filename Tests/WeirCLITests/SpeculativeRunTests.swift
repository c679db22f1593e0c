import Foundation
import Testing
import WeirTestSupport

/// A built-in transform whose input changed starts while the input is hashed: its work is committed
/// under the real fingerprint when the stage must run, and dropped when the content is unchanged.
@Suite struct SpeculativeRunTests {
    private static func leftovers(_ project: PipelineFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs").filter { $0.hasPrefix(".") }
    }

    private static func runFolders(_ project: PipelineFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs").filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// Sets the input's modification time an hour back, so the stat cache remembers it.
    private static func age(_ path: String, by seconds: TimeInterval = 3600) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: path)
    }

    @Test func aChangedInputIsCommittedUnderItsFingerprintAndATouchedOneIsDropped() throws {
        let project = try ResampleStageTests.project()
        let input = project.root + "/data/readings.parquet"
        try Self.age(input)
        let traced = ["WEIR_TRACE": "1"]

        let first = try project.weir(["run"], environment: traced)
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("speculative runs started: [\"daily\"]"), "\(first.stderr)")
        let run = try #require(project.linkedRun("data/daily"))
        #expect(try Self.runFolders(project) == [run])
        #expect(try Self.leftovers(project).isEmpty)
        // The committed run is the one the real fingerprint names: nothing is left to do.
        let status = try project.weir("status")
        #expect(status.stdout.contains("daily: up to date"), "\(status.stdout)")

        // Unchanged and remembered by the stat cache: no early start at all.
        let cached = try project.weir(["run"], environment: traced)
        #expect(cached.stdout.contains("daily: up to date"), "\(cached.stdout)")
        #expect(!cached.stderr.contains("speculative runs started"), "\(cached.stderr)")

        // Touched but the same content: started early, then dropped without a trace.
        try Self.age(input, by: 60)
        let touched = try project.weir(["run"], environment: traced)
        #expect(touched.status == 0)
        #expect(touched.stderr.contains("speculative runs started: [\"daily\"]"), "\(touched.stderr)")
        #expect(touched.stdout.contains("daily: up to date"), "\(touched.stdout)")
        #expect(try Self.runFolders(project) == [run])
        #expect(try Self.leftovers(project).isEmpty)
        let events = try project.weir("events", "--stage", "daily")
        #expect(events.stdout.contains("early-start-dropped"), "\(events.stdout)")

        // Changed content: the early work is the run.
        let rewritten = try TestEnvironment.python(
            "import pyarrow.parquet as pq, sys; t = pq.read_table(sys.argv[1]); pq.write_table(t.slice(0, 3000), sys.argv[1])",
            [input])
        try #require(rewritten.status == 0, "\(rewritten.stderr)")
        try Self.age(input, by: 30)
        let changed = try project.weir("run")
        #expect(changed.status == 0, "\(changed.stdout)\(changed.stderr)")
        #expect(changed.stdout.contains("daily: running"), "\(changed.stdout)")
        let second = try #require(project.linkedRun("data/daily"))
        #expect(second != run)
        #expect(try Self.runFolders(project) == [run, second].sorted())
        #expect(try Self.leftovers(project).isEmpty)
        #expect(try project.weir("status").stdout.contains("daily: up to date"))
        let verify = try project.weir("verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func aFailingEarlyStartFailsTheStageWithItsMessage() throws {
        let project = try ResampleStageTests.project(
            ResampleStageTests.yaml.replacingOccurrences(of: "time: time", with: "time: note"))
        let run = try project.weir("run")
        #expect(run.status != 0)
        #expect(run.stderr.contains("note") || run.stdout.contains("note"), "\(run.stdout)\(run.stderr)")
        #expect(try Self.leftovers(project).isEmpty)
    }
}
