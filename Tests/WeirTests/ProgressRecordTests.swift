import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// Progress records of a run: what each long operation reports, and that the rate is bounded.
@Suite struct ProgressRecordTests {
    private func run(_ yaml: String, in directory: TemporaryDirectory) throws -> (RunReport, StateStore) {
        try directory.write("weir.yaml", yaml)
        var options = RunOptions()
        options.showOutput = false
        let report = try Project(at: directory.path).run(options)
        return (report, try StateStore(path: directory.path + "/.weir/state.sqlite"))
    }

    @Test func aCommandStageRecordsItsElapsedTimeAndLatestLine() throws {
        let directory = try TemporaryDirectory("weir-progress")
        // The last line is coloured, padded and ends in CRLF; a blank line follows it on stderr.
        let (report, store) = try run(
            """
            stages:
              talk:
                cmd: printf 'one\\ntwo\\n  \\033[32mthree\\033[0m \\r\\n'; printf '\\n' >&2; touch ${out}/x
                out: o/talk
            """, in: directory)
        #expect(report.succeeded)
        let latest = try store.latestProgress(session: try #require(report.session))
        let talk = try #require(latest.first { $0.stage == "talk" })
        #expect(talk.unit == "seconds")
        #expect(talk.total == nil)
        #expect(talk.done >= 0)
        #expect(talk.message == "three")
        let session = try #require(latest.first { $0.stage == nil })
        #expect(session.unit == "stages")
        #expect(session.done == 1 && session.total == 1)
    }

    @Test func anIngestStageRecordsFilesDoneOfTotal() throws {
        let directory = try TemporaryDirectory("weir-progress")
        try LabDataGenerator(files: 12, rows: 5).write(to: directory.path + "/raw")
        let (report, store) = try run(
            """
            stages:
              stage:
                kind: ingest
                source: raw
                pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
                header_metadata: true
                timezone: America/Santiago
                partition_by: [proc, date]
                out: data/stage
            """, in: directory)
        #expect(report.succeeded)
        let all = try store.progress(session: try #require(report.session), after: 0).filter { $0.stage == "stage" }
        let last = try #require(all.last)
        #expect(last.unit == "files")
        #expect(last.done == 12 && last.total == 12)
        // Counts only go up.
        #expect(all.map(\.done) == all.map(\.done).sorted())
    }

    @Test func reportsAreWrittenAFewTimesASecondAtMost() throws {
        let fixture = try StateStoreFixture()
        let session = try fixture.store.beginSession(command: "weir run", arguments: []).id
        let writer = StoreWriter(store: fixture.store)
        let reporter = ProgressReporter(session: session, writer: writer)
        let start = Date()
        for done in 1...200_000 {
            reporter.update(stage: "stage", done: Int64(done), total: 200_000, unit: "files")
        }
        reporter.finish(stage: "stage")
        reporter.close()
        writer.drain()
        let elapsed = Date().timeIntervalSince(start)
        let records = try fixture.store.progress(session: session, after: 0)
        // One per interval that passed, plus the final one.
        #expect(records.count <= Int(elapsed / ProgressReporter.interval) + 2)
        #expect(records.last?.done == 200_000)
        #expect(records.last?.total == 200_000)
    }

    @Test func reportsAfterClosingAreIgnoredAndClosingTwiceIsHarmless() throws {
        let fixture = try StateStoreFixture()
        let session = try fixture.store.beginSession(command: "weir run", arguments: []).id
        let writer = StoreWriter(store: fixture.store)
        let reporter = ProgressReporter(session: session, writer: writer)
        reporter.update(stage: nil, done: 1, total: 3, unit: "stages")
        reporter.close()
        reporter.update(stage: nil, done: 2, total: 3, unit: "stages")
        reporter.close()
        writer.drain()
        #expect(try fixture.store.progress(session: session, after: 0).map(\.done) == [1])
    }

    @Test(
        arguments: [
            ("plain", "plain"),
            ("  padded \t", "padded"),
            ("\u{1B}[1;31mred\u{1B}[0m text", "red text"),
            ("bell\u{07}in", "bell in"),
            ("   ", nil),
            ("", nil),
        ] as [(String, String?)])
    func outputLinesBecomeProgressMessages(line: String, message: String?) {
        #expect(StageOutputRelay.progressText(Array(line.utf8)) == message)
    }

    @Test func longLinesAreCut() throws {
        let text = try #require(StageOutputRelay.progressText(Array(String(repeating: "x", count: 1000).utf8)))
        #expect(text.count == ProgressReporter.maximumLineLength)
        #expect(text.hasSuffix("…"))
    }
}
