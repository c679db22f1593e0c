import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// `weir watch` end to end, attached to a running `weir run` of the built binary.
@Suite struct MonitoringWatchTests {
    /// The objects of `weir watch --json` output, each checked to be one JSON object on its line.
    private func objects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    /// Attaches `weir watch --json` to a running session, lets the stage finish, returns the watch.
    private func watchRun(code: Int) throws -> (Finished, [[String: Any]], Background) {
        let fixture = try MonitoringFixture(code: code)
        let run = try fixture.startRun()
        let watch = try Background(["watch", "--json"], in: fixture.root)
        // The first line is written once the watch has chosen the session: it is attached.
        let first = try #require(watch.nextLine())
        #expect(first.contains(#""status":"running""#))
        try fixture.release()
        let result = watch.finish()
        _ = run.finish()
        return (result, try objects(result.stdout), run)
    }

    @Test func followsARunningSessionToItsSuccessAndExits0() throws {
        let (result, lines, _) = try watchRun(code: 0)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let session = try #require(lines.first?["session"] as? String)
        #expect(lines.allSatisfy { $0["session"] as? String == session })
        #expect(lines.allSatisfy { $0["kind"] is String })
        #expect(lines.first?["kind"] as? String == "session")
        #expect(lines.first?["command"] as? String == "weir run")

        let events = lines.filter { $0["kind"] as? String == "event" }
        let started = try #require(events.first { $0["event"] as? String == "stage-started" })
        #expect(started["stage"] as? String == "work")
        #expect(started["level"] as? String == "info")
        #expect(events.contains { $0["event"] as? String == "stage-succeeded" && $0["stage"] as? String == "work" })
        // Session-wide events have no stage key at all.
        let version = try #require(events.first { $0["event"] as? String == "version-created" })
        #expect(version["stage"] == nil)

        let progress = lines.filter { $0["kind"] as? String == "progress" }
        let work = progress.filter { $0["stage"] as? String == "work" }
        #expect(work.last?["unit"] as? String == "seconds")
        #expect(work.last?["message"] as? String == "step 2")
        let overall = try #require(progress.last { $0["stage"] == nil })
        #expect(overall["unit"] as? String == "stages")
        #expect(overall["done"] as? Int == 1 && overall["total"] as? Int == 1)

        let end = try #require(lines.last)
        #expect(end["kind"] as? String == "end")
        #expect(end["status"] as? String == "succeeded")
        #expect(end["exit_status"] as? Int == 0)
        #expect(end["summary"] as? String == "1 stages done, recorded v1")
    }

    @Test func exits1WhenTheSessionFails() throws {
        let (result, lines, _) = try watchRun(code: 3)
        #expect(result.status == 1)
        let failed = try #require(lines.first { $0["event"] as? String == "stage-failed" })
        #expect(failed["stage"] as? String == "work")
        #expect(failed["level"] as? String == "error")
        #expect(lines.last?["kind"] as? String == "end")
        #expect(lines.last?["status"] as? String == "failed")
        #expect(lines.last?["exit_status"] as? Int == 1)
    }

    @Test func exits1WhenTheRunIsInterrupted() throws {
        let fixture = try MonitoringFixture()
        let run = try fixture.startRun()
        let watch = try Background(["watch"], in: fixture.root)
        let header = try #require(watch.nextLine())
        #expect(header.hasPrefix("Watching session "))
        #expect(header.hasSuffix(": running"))
        run.interrupt()
        let result = watch.finish()
        #expect(run.finish().status == 130)
        #expect(result.status == 1)
        let last = try #require(result.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("Session ") && last.contains(" interrupted after ") && last.hasSuffix(": interrupted."))
        #expect(result.stdout.contains("  work  error: Stage 'work' failed: its command was killed by signal 2."))
    }

    @Test func plainLinesWithoutATerminalAndNoEscapes() throws {
        let fixture = try MonitoringFixture()
        let run = try fixture.startRun()
        let watch = try Background(["watch"], in: fixture.root, environment: ["NO_COLOR": "1"])
        _ = try #require(watch.nextLine())
        try fixture.release()
        let result = watch.finish()
        #expect(run.finish().status == 0)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("  work  Running 'work': new stage") })
        #expect(lines.contains { $0.contains("  work  ") && $0.hasSuffix("  step 2") })
        #expect(lines.contains { $0.hasSuffix("  -  1/1 stages  100%") })
        #expect(lines.last?.hasSuffix(": 1 stages done, recorded v1.") == true)
        #expect(lines.last?.contains(" succeeded after ") == true)
    }

    @Test func aTerminalGetsLiveStageLinesInColourUnlessNoColorIsSet() throws {
        let fixture = try MonitoringFixture()
        let run = try fixture.startRun()
        let watch = try Background.onTerminal(["watch"], in: fixture.root, environment: ["NO_COLOR": ""])
        // The live block: the stage's name in cyan, its elapsed time and latest line, redrawn in place.
        while let line = watch.nextLine(), !line.contains("\u{1B}[36mwork\u{1B}[0m  ") {}
        try fixture.release()
        let result = watch.finish()
        #expect(run.finish().status == 0)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\u{1B}[1mWatching session "))
        #expect(result.stdout.contains("\u{1B}[J"))
        #expect(result.stdout.contains("\u{1B}[32mSession "))

        let plain = try Background.onTerminal(["watch"], in: fixture.root, environment: ["NO_COLOR": "1"]).finish()
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("Watching session "))
        #expect(!plain.stdout.contains("\u{1B}"))
    }

    @Test func anEndedSessionIsReplayedAndItsOutcomeIsTheExitStatus() throws {
        let fixture = try MonitoringFixture(code: 3)
        try fixture.release()
        #expect(try fixture.project.weir("run").status == 1)
        try fixture.project.edit("weir.yaml", replacing: "code: 3", with: "code: 0")
        #expect(try fixture.project.weir("run").status == 0)
        let sessions = try #require(try fixture.project.json("log", "--json") as? [[String: Any]])
        let failed = try #require(sessions.last?["id"] as? String)

        // No session runs: the latest one, which succeeded.
        let latest = try fixture.project.weir("watch", "--json")
        #expect(latest.status == 0)
        #expect(try objects(latest.stdout).last?["status"] as? String == "succeeded")

        let earlier = try fixture.project.weir("watch", "--session", String(failed.prefix(8)), "--json")
        #expect(earlier.status == 1)
        let lines = try objects(earlier.stdout)
        #expect(lines.allSatisfy { $0["session"] as? String == failed })
        #expect(lines.last?["status"] as? String == "failed")
        // What already happened: every event, and the latest progress of each stage only.
        #expect(lines.filter { $0["kind"] as? String == "progress" && $0["stage"] as? String == "work" }.count == 1)
    }

    @Test func timeoutStopsWatchingARunningSession() throws {
        let fixture = try MonitoringFixture()
        let run = try fixture.startRun()
        defer {
            try? fixture.release()
            _ = run.finish()
        }
        let result = try fixture.project.weir("watch", "--timeout", "0.3")
        #expect(result.status == 124)
        let short = try #require(result.stdout.split(separator: " ").dropFirst(2).first)
        #expect(
            result.stderr
                == "error: Session \(short) is still running after 0.3 s (--timeout); stopped watching. Run 'weir watch --session \(short)' to follow it again.\n"
        )
    }

    @Test func aSessionWhoseProcessIsGoneCountsAsInterrupted() throws {
        let fixture = try MonitoringFixture()
        let store = try StateStore(path: fixture.root + "/.weir/state.sqlite")
        let session = try store.beginSession(command: "weir run", arguments: [])
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET pid = ? WHERE id = ?", arguments: [gone.processIdentifier, session.id])
        }
        let result = try fixture.project.weir("watch")
        #expect(result.status == 1)
        #expect(
            result.stdout.hasSuffix(
                "Session \(session.id.prefix(8)) is still marked running, but its process (pid \(gone.processIdentifier)) is gone: it was interrupted. Run 'weir run' again to finish the work.\n"
            ))
        let json = try fixture.project.weir("watch", "--json")
        #expect(json.status == 1)
        let end = try #require(try objects(json.stdout).last)
        #expect(end["status"] as? String == "interrupted")
        #expect(end["process_gone"] as? Bool == true)
    }

    @Test func errorsSayWhatIsWrongAndWhatToDo() throws {
        let fixture = try MonitoringFixture()
        let noState = try fixture.project.weir("watch")
        #expect(noState.status == 1)
        #expect(
            noState.stderr
                == "error: There is no session to watch: the project at '\(fixture.root)' has no state yet. Start one with 'weir run'.\n"
        )

        _ = try StateStore(path: fixture.root + "/.weir/state.sqlite")
        let noSession = try fixture.project.weir("watch")
        #expect(noSession.status == 1)
        #expect(
            noSession.stderr
                == "error: There is no session to watch: the project at '\(fixture.root)' has recorded none yet. Start one with 'weir run'.\n"
        )

        let unknown = try fixture.project.weir("watch", "--session", "zzz")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: There is no session 'zzz'. See 'weir log' for the sessions.\n")

        for value in ["0", "nan"] {
            let invalid = try fixture.project.weir("watch", "--timeout", value)
            #expect(invalid.status == 2)
            #expect(
                invalid.stderr.hasPrefix(
                    "Error: The value '\(value)' is invalid for '--timeout <seconds>'. Please provide a number of seconds above 0.\n"
                ))
        }
    }
}
