import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// How the Slurm job tracker copes with what real clusters do: a shared filesystem that shows the
/// exit file late, a controller that fails for a while, jobs Slurm ends or forgets.
@Suite struct SlurmJobTrackerTests {
    final class Calls: @unchecked Sendable {
        var count = 0
    }

    func tracker(_ folder: TemporaryDirectory, answers: @escaping (Int) throws -> [SlurmJobInfo])
        -> SlurmJobTracker
    {
        var tracker = SlurmJobTracker(
            client: SlurmClient(), jobID: "42", script: SlurmJobScript(folder: folder.path, isArray: false),
            tasks: [nil])
        let calls = Calls()
        tracker.query = { _ in
            calls.count += 1
            return try answers(calls.count)
        }
        tracker.queryInterval = 0.05
        tracker.exitFileWaitSeconds = 5
        tracker.queryFailureSeconds = 5
        return tracker
    }

    static func job(_ state: String, reason: String = "None") -> [SlurmJobInfo] {
        [SlurmJobInfo(jobID: "42", arrayTaskID: nil, state: state, reason: reason, exitCode: "0:0")]
    }

    /// Writes the exit file after `delay` seconds, as a node's write shows up late on the coordinator.
    static func writeExit(_ status: Int32, in folder: TemporaryDirectory, after delay: Double) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: delay)
            _ = FileManager.default.createFile(atPath: folder.path + "/exit", contents: Data("\(status)\n".utf8))
        }
    }

    @Test func anExitFileThatAppearsAfterSlurmSaysCompletedIsWaitedFor() throws {
        let folder = try TemporaryDirectory()
        Self.writeExit(0, in: folder, after: 1)
        let ends = try tracker(folder) { _ in Self.job("COMPLETED") }.wait()
        #expect(ends[nil] == .exited(0))
    }

    @Test func anExitFileThatNeverAppearsIsAClearErrorAfterTheWait() throws {
        let folder = try TemporaryDirectory()
        var tracker = tracker(folder) { _ in Self.job("COMPLETED") }
        tracker.exitFileWaitSeconds = 1
        let error = #expect(throws: SlurmError.self) { try tracker.wait() }
        #expect(
            error?.description
                == "Slurm job 42 ended (COMPLETED) but its exit-status file '\(folder.path)/exit' did not appear "
                + "within 1 seconds. Check that the project folder is on a filesystem the nodes share, at the same "
                + "path, or give a slow filesystem more time with WEIR_SLURM_EXIT_WAIT.")
    }

    @Test func aControllerThatFailsForAWhileIsAskedAgain() throws {
        let folder = try TemporaryDirectory()
        let ends = try tracker(folder) { call in
            if call <= 5 { throw SlurmError.commandFailed(command: "scontrol", status: 1, message: "timed out") }
            if call == 8 {
                _ = FileManager.default.createFile(atPath: folder.path + "/exit", contents: Data("3\n".utf8))
            }
            return Self.job("RUNNING")
        }.wait()
        #expect(ends[nil] == .exited(3))
    }

    @Test func aControllerThatKeepsFailingGivesUp() throws {
        let folder = try TemporaryDirectory()
        var tracker = tracker(folder) { _ in
            throw SlurmError.commandFailed(command: "scontrol", status: 1, message: "Socket timed out")
        }
        tracker.queryFailureSeconds = 0.5
        let error = #expect(throws: SlurmError.self) { try tracker.wait() }
        #expect(error?.description.contains("The Slurm command 'scontrol show job 42' failed: it kept failing") == true)
        #expect(error?.description.contains("Socket timed out") == true)
    }

    @Test func aJobSlurmEndsIsReportedWithItsStateAndReason() throws {
        let folder = try TemporaryDirectory()
        let ends = try tracker(folder) { _ in Self.job("TIMEOUT", reason: "TimeLimit") }.wait()
        #expect(ends[nil] == .ended("TIMEOUT (reason 'TimeLimit')"))
    }

    @Test func aJobSlurmHasForgottenIsDecidedByItsExitFile() throws {
        let folder = try TemporaryDirectory()
        Self.writeExit(7, in: folder, after: 0.5)
        let ends = try tracker(folder) { _ in [] }.wait()
        #expect(ends[nil] == .exited(7))
    }

    @Test func scontrolLinesAreRead() throws {
        let line =
            "JobId=1236 ArrayJobId=1234 ArrayTaskId=2 JobName=weir-ab-stage UserId=root(0) JobState=TIMEOUT "
            + "Reason=TimeLimit Dependency=(null) ExitCode=0:15 RunTime=00:01:02"
        let info = try #require(SlurmJobInfo(line: line))
        #expect(
            info == SlurmJobInfo(jobID: "1236", arrayTaskID: 2, state: "TIMEOUT", reason: "TimeLimit", exitCode: "0:15")
        )
        #expect(info.hasEnded && !info.ranToTheEnd)
        let pending = try #require(
            SlurmJobInfo(line: "JobId=1234 ArrayJobId=1234 ArrayTaskId=0-3 JobState=PENDING Reason=None"))
        #expect(pending.arrayTaskID == nil && !pending.hasEnded)
        #expect(SlurmJobTracker.info(for: 1, in: [pending]) == pending)
        #expect(SlurmJobInfo(line: "slurm_load_jobs error: Invalid job id specified") == nil)
    }
}
