import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct HistoryActivityTests {
    @Test func logListsSessionsNewestFirst() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["log"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(
            lines[0].split(separator: " ") == [
                "SESSION", "STARTED", "(UTC)", "STATUS", "DURATION", "COMMAND", "SUMMARY",
            ])
        #expect(lines[1].hasPrefix(String(fixture.sessions[2].id.prefix(8)) + "  "))
        #expect(lines[1].contains("  running  ") && lines[1].hasSuffix("weir run --from-version v1"))
        #expect(lines[2].hasPrefix(String(fixture.sessions[1].id.prefix(8))))
        #expect(lines[2].contains("  failed  ") && lines[2].hasSuffix("  features failed"))
        #expect(lines[2].contains("  weir run   "))
        #expect(lines[3].contains("  succeeded  ") && lines[3].hasSuffix("  2 stages ran"))

        let limited = try fixture.weir(["log", "--limit", "1"])
        #expect(limited.stdout.split(separator: "\n").count == 2)
        let invalid = try fixture.weir(["log", "--limit", "0"])
        #expect(invalid.status == 2)
        #expect(
            invalid.stderr.contains(
                "The value '0' is invalid for '--limit <count>'. Please provide a number of 1 or more."))
    }

    @Test func logJSONShape() throws {
        let fixture = try HistoryFixture()
        let sessions = try #require(try fixture.json(["log", "--json", "--limit", "2"]) as? [[String: Any]])
        #expect(sessions.count == 2)
        #expect(
            Set(sessions[0].keys) == [
                "id", "command", "arguments", "pid", "host", "user", "cwd", "started_at", "ended_at",
                "duration_seconds", "status", "process_alive", "summary",
            ])
        #expect(sessions[0]["id"] as? String == fixture.sessions[2].id)
        #expect(sessions[0]["arguments"] as? [String] == ["--from-version", "v1"])
        #expect(sessions[0]["status"] as? String == "running")
        #expect(sessions[0]["ended_at"] is NSNull && sessions[0]["duration_seconds"] is NSNull)
        #expect(sessions[0]["process_alive"] as? Bool == true)
        #expect(sessions[1]["status"] as? String == "failed" && sessions[1]["summary"] as? String == "features failed")
        #expect(sessions[1]["process_alive"] is NSNull)
        #expect(sessions[1]["pid"] as? Int == Int(ProcessInfo.processInfo.processIdentifier))
    }

    @Test func eventsFilterBySessionStageAndLevel() throws {
        let fixture = try HistoryFixture()
        let all = try fixture.weir(["events"])
        #expect(all.status == 0)
        let lines = all.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].split(separator: " ") == ["TIME", "(UTC)", "LEVEL", "SESSION", "STAGE", "KIND", "MESSAGE"])
        #expect(
            lines[1].hasSuffix("info     \(fixture.sessions[1].id.prefix(8))  clean     stage-started  Started clean"))
        #expect(lines[2].hasSuffix("rows-rejected  2 rows rejected  {\"rows\":2}"))

        let warnings = try fixture.weir(["events", "--level", "warning"])
        #expect(warnings.stdout.split(separator: "\n").count == 3)
        let clean = try fixture.weir(["events", "--stage", "clean", "--level", "warning"])
        #expect(clean.stdout.split(separator: "\n").count == 2)
        let latest = try fixture.weir(["events", "--limit", "1"])
        #expect(latest.stdout.split(separator: "\n").last?.hasSuffix("stage-failed  Exit 1") == true)
        let bySession = try fixture.weir(["events", "--session", String(fixture.sessions[1].id.prefix(8))])
        #expect(bySession.stdout.split(separator: "\n").count == 4)
        let none = try fixture.weir(["events", "--session", fixture.sessions[0].id])
        #expect(none.status == 0 && none.stdout == "No events match.\n")
    }

    @Test func eventsErrors() throws {
        let fixture = try HistoryFixture()
        let level = try fixture.weir(["events", "--level", "loud"])
        #expect(level.status == 2)
        #expect(
            level.stderr.contains(
                "The value 'loud' is invalid for '--level <level>'. Please provide one of 'debug', 'info', 'warning' or 'error'."
            ))
        let session = try fixture.weir(["events", "--session", "nosuch"])
        #expect(session.status == 1)
        #expect(session.stderr == "error: There is no session 'nosuch'. See 'weir log' for the sessions.\n")
    }

    @Test func eventsJSONShape() throws {
        let fixture = try HistoryFixture()
        let events = try #require(try fixture.json(["events", "--json", "--level", "warning"]) as? [[String: Any]])
        #expect(events.count == 2)
        #expect(Set(events[0].keys) == ["id", "session", "level", "stage", "kind", "message", "fields", "at"])
        #expect(events[0]["level"] as? String == "warning")
        #expect((events[0]["fields"] as? [String: Int]) == ["rows": 2])
        #expect(events[1]["kind"] as? String == "stage-failed" && events[1]["stage"] as? String == "features")
        #expect((events[0]["id"] as? Int ?? 0) < (events[1]["id"] as? Int ?? 0))
    }

    @Test func metricsTablePerRun() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["metrics", "--stage", "clean"])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                STAGE  RUN           STATUS     STARTED (UTC)          WALL     CPU  PEAK MEMORY   OUTPUT  FILES       ROWS
                clean  333300000000  succeeded  2026-11-18 11:16:40  2.00 s  1.50 s     10.0 MiB  4.8 MiB      1  1200 rows
                clean  111100000000  succeeded  2026-11-18 11:06:40  2.00 s  1.50 s     10.0 MiB  2.0 KiB      1          -

                """)
        let byName = try fixture.weir(["metrics", "--name", "rows", "--stage", "features"])
        let lines = byName.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].split(separator: " ") == ["TIME", "(UTC)", "SESSION", "STAGE", "RUN", "VALUE"])
        #expect(lines[1].hasSuffix("features  444400000000  80 rows"))
        let unknownRun = try fixture.weir(["metrics", "--run", "9999"])
        #expect(unknownRun.status == 1)
        #expect(
            unknownRun.stderr
                == "error: There is no run '9999'. See 'weir show VERSION' or 'weir metrics' for the runs.\n")
        let noMatch = try fixture.weir(["metrics", "--stage", "nosuch"])
        #expect(noMatch.stdout == "No runs match.\n")
    }

    @Test func metricsThatRepeatColumnsAreNotShownTwice() throws {
        let fixture = try HistoryFixture()
        let session = fixture.sessions[0].id
        let run = HistoryFixture.id("1111")
        try fixture.store.recordMetric(
            MetricRecord(session: session, stage: "clean", run: run, name: "wall_time", value: 2, unit: "s"))
        try fixture.store.recordMetric(
            MetricRecord(
                session: session, stage: "clean", run: run, name: "peak_memory", value: 3_145_728, unit: "bytes"))
        let table = try fixture.weir(["metrics", "--stage", "clean"])
        #expect(!table.stdout.contains("WALL_TIME") && !table.stdout.contains("PEAK_MEMORY "))
        #expect(table.stdout.split(separator: "\n").first?.hasSuffix("FILES       ROWS") == true)
        let values = try fixture.weir(["metrics", "--name", "peak_memory"])
        #expect(values.stdout.split(separator: "\n").last?.hasSuffix("clean  111100000000  3.0 MiB") == true)
        let runs = try #require(try fixture.json(["metrics", "--json", "--run", "1111"]) as? [[String: Any]])
        let metrics = try #require(runs.first?["metrics"] as? [String: [String: Any]])
        #expect(Set(metrics.keys) == ["wall_time", "peak_memory"])
    }

    @Test func sessionCommandsAreShownAsTyped() throws {
        let fixture = try HistoryFixture(populated: false)
        let session = try fixture.store.beginSession(command: "run", arguments: ["run", "--force", "clean data"])
        try fixture.store.endSession(session.id, status: .succeeded, summary: nil)
        let result = try fixture.weir(["log"])
        #expect(result.stdout.split(separator: "\n").last?.hasSuffix("weir run --force 'clean data'") == true)
    }

    @Test func metricsJSONShape() throws {
        let fixture = try HistoryFixture()
        let runs = try #require(try fixture.json(["metrics", "--json", "--run", "4444"]) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(
            Set(runs[0].keys) == [
                "run", "stage", "status", "session", "started_at", "finished_at", "wall_seconds", "cpu_seconds",
                "peak_memory_bytes", "output_bytes", "output_files", "metrics",
            ])
        #expect(runs[0]["wall_seconds"] as? Double == 2 && runs[0]["peak_memory_bytes"] as? Int == 10_485_760)
        #expect((runs[0]["metrics"] as? [String: [String: Any]])?["rows"]?["value"] as? Int == 80)
        let values = try #require(try fixture.json(["metrics", "--json", "--name", "rows"]) as? [[String: Any]])
        #expect(values.map { $0["value"] as? Int } == [1200, 80])
        #expect(Set(values[0].keys) == ["id", "session", "stage", "run", "name", "value", "unit", "at"])
    }
}
