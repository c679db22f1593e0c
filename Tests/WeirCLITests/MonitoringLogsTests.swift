import Foundation
import Testing
import Weir
import WeirTestSupport

/// `weir logs STAGE [--run RUN] [-f]` end to end.
@Suite struct MonitoringLogsTests {
    @Test func printsTheLatestRunsOutputOnItsOwnStreams() throws {
        let fixture = try MonitoringFixture()
        try fixture.release()
        #expect(try fixture.project.weir("run").status == 0)
        let logs = try fixture.project.weir("logs", "work")
        #expect(logs.status == 0)
        #expect(logs.stdout == "starting\nstep 1\nstep 2\n")
        #expect(logs.stderr == "to stderr\n")
    }

    @Test func aFailedRunsLogsAndAnEarlierRunById() throws {
        let fixture = try MonitoringFixture()
        try fixture.release()
        #expect(try fixture.project.weir("run").status == 0)
        let first = try #require(fixture.project.linkedRun("o/work"))
        try fixture.project.edit("weir.yaml", replacing: "code: 0", with: "code: 4")
        try fixture.project.edit("weir.yaml", replacing: "echo 'step 2'", with: "echo 'step two'")
        #expect(try fixture.project.weir("run").status == 1)

        let failed = try fixture.project.weir("logs", "work")
        #expect(failed.status == 0)
        #expect(failed.stdout == "starting\nstep 1\nstep two\n")

        let earlier = try fixture.project.weir("logs", "work", "--run", String(first.prefix(6)))
        #expect(earlier.status == 0)
        #expect(earlier.stdout == "starting\nstep 1\nstep 2\n")
    }

    @Test func anIngestStagePrintsItsBatchSummary() throws {
        let project = try PipelineFixture(["weir.yaml": LabIngestYAML.text()])
        try LabDataGenerator(files: 4, rows: 5).write(to: project.root + "/raw")
        #expect(try project.weir("run").status == 0)
        let logs = try project.weir("logs", "stage")
        #expect(logs.status == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(logs.stdout.utf8)) as? [String: Any])
        #expect(summary["staged"] as? Int == 4)
    }

    @Test func followsARunningRunUntilItSucceeds() throws {
        let fixture = try MonitoringFixture()
        let run = try fixture.startRun()
        let logs = try Background(["logs", "-f", "work"], in: fixture.root)
        #expect(logs.nextLine() == "starting")
        try fixture.release()
        let result = logs.finish()
        #expect(run.finish().status == 0)
        #expect(result.status == 0)
        #expect(result.stdout == "starting\nstep 1\nstep 2\n")
        #expect(result.stderr == "to stderr\n")
    }

    @Test func followingAFailingRunExits1() throws {
        let fixture = try MonitoringFixture(code: 5)
        let run = try fixture.startRun()
        let logs = try Background(["logs", "--follow", "work"], in: fixture.root)
        #expect(logs.nextLine() == "starting")
        try fixture.release()
        let result = logs.finish()
        #expect(run.finish().status == 1)
        #expect(result.status == 1)
        #expect(result.stdout == "starting\nstep 1\nstep 2\n")
    }

    @Test func followingWaitsForAStageTheRunHasNotReachedYet() throws {
        let fixture = try MonitoringFixture(
            more: """
                  after:
                    cmd: echo 'after says hi'; touch ${out}/a
                    deps: {w: stage:work}
                    out: o/after
                """)
        let run = try fixture.startRun()
        let logs = try Background(["logs", "-f", "after"], in: fixture.root)
        try fixture.release()
        let result = logs.finish()
        #expect(run.finish().status == 0)
        #expect(result.status == 0)
        #expect(result.stdout == "after says hi\n")
    }

    @Test func errorsSayWhatIsWrongAndWhatToDo() throws {
        let fixture = try MonitoringFixture(
            more: """
                  other:
                    cmd: touch ${out}/o
                    out: o/other
                """)
        let noState = try fixture.project.weir("logs", "work")
        #expect(noState.status == 1)
        #expect(
            noState.stderr
                == "error: Stage 'work' has no runs: the project at '\(fixture.root)' has no state yet. Run 'weir run' first.\n"
        )

        try fixture.release()
        #expect(try fixture.project.weir("run", "work").status == 0)
        let neverRan = try fixture.project.weir("logs", "other")
        #expect(neverRan.status == 1)
        #expect(neverRan.stderr == "error: Stage 'other' has not run yet. Run 'weir run other' first.\n")

        let unknown = try fixture.project.weir("logs", "nope")
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "error: There is no stage 'nope' in weir.yaml and no run of it is recorded; its stages are 'work', 'other'.\n"
        )

        let run = try #require(fixture.project.linkedRun("o/work"))
        let otherStage = try fixture.project.weir("logs", "other", "--run", run)
        #expect(otherStage.status == 1)
        #expect(
            otherStage.stderr
                == "error: Run \(run.prefix(12)) is a run of stage 'work', not of 'other'. Run 'weir logs work --run \(run.prefix(12))', or see 'weir show' for the runs.\n"
        )

        let noRun = try fixture.project.weir("logs", "work", "--run", "ffff")
        #expect(noRun.status == 1)
        #expect(
            noRun.stderr == "error: There is no run 'ffff'. See 'weir show VERSION' or 'weir metrics' for the runs.\n")

        // The failed run's logs are replaced by the next failure's.
        try fixture.project.edit("weir.yaml", replacing: "code: 0", with: "code: 1")
        #expect(try fixture.project.weir("run", "work").status == 1)
        let failedRuns = try JSONValue.parse(try fixture.project.weir("events", "--json").stdout)
        let failedRun = try #require(Self.startedRuns(failedRuns).last)
        try fixture.project.edit("weir.yaml", replacing: "code: 1", with: "code: 2")
        #expect(try fixture.project.weir("run", "work").status == 1)
        let gone = try fixture.project.weir("logs", "work", "--run", failedRun)
        #expect(gone.status == 1)
        #expect(
            gone.stderr
                == "error: The logs of run \(failedRun.prefix(12)) of stage 'work' are gone: only the latest failed run of a stage keeps its logs (in '.weir/failed/work/').\n"
        )

        // A committed run removed by weir gc.
        try FileManager.default.removeItem(atPath: fixture.root + "/.weir/runs/" + run)
        let collected = try fixture.project.weir("logs", "work", "--run", run)
        #expect(collected.status == 1)
        #expect(
            collected.stderr
                == "error: The logs of run \(run.prefix(12)) of stage 'work' are gone: its folder was removed (weir gc removes runs no kept version references).\n"
        )
    }

    /// The run ids of the `stage-started` events in `weir events --json` output, oldest first.
    private static func startedRuns(_ events: JSONValue) -> [String] {
        guard case .array(let items) = events else { return [] }
        return items.compactMap { item in
            guard item["kind"] == "stage-started", case .string(let run)? = item["fields"]?["run"] else { return nil }
            return run
        }
    }
}
