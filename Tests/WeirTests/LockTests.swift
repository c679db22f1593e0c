import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// Another process holding `.weir/lock` with flock(1), with a holder record naming itself, as a
/// `weir run` would.
final class LockHoldingChild {
    let process = Process()
    var pid: Int32 { process.processIdentifier }

    /// Starts the child and returns once it holds the lock; it keeps it for `seconds`, then exits
    /// without emptying the file, like a holder that dies.
    init(_ project: ProjectLocation, seconds: Double) throws {
        try FileManager.default.createDirectory(atPath: project.stateDirectory, withIntermediateDirectories: true)
        let script = """
            exec 9>>"$1"
            /usr/bin/flock -x 9
            printf '{"command":"weir run","host":"%s","pid":%d,"since":"2026-11-21T15:02:11.000Z"}' "$2" $$ > "$1"
            echo locked
            exec sleep "$3"
            """
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", project.lockPath, ProcessIdentity.host, String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var received = Data()
        while !String(decoding: received, as: UTF8.self).contains("locked\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw CocoaError(.fileReadUnknown) }
            received.append(chunk)
        }
    }

    func kill() {
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { kill() }
}

@Suite struct LockTests {
    @Test func acquireWritesTheHolderAndReleaseEmptiesTheFile() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let lock = try ProjectLock.acquire(project, command: "weir run", wait: false)
        #expect(lock.recoveredFrom == nil)
        #expect(lock.recoveryWarning == nil)
        #expect(lock.isHeld)
        let written = try #require(LockHolder.decode(try Data(contentsOf: URL(fileURLWithPath: project.lockPath))))
        #expect(written == lock.holder)
        #expect(written.pid == getpid() && written.command == "weir run" && written.host == ProcessIdentity.host)

        lock.release()
        lock.release()
        #expect(!lock.isHeld)
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.lockPath)).isEmpty)
        let again = try ProjectLock.acquire(project, command: "weir gc", wait: false)
        #expect(again.recoveredFrom == nil)
    }

    @Test func aSecondLockInTheSameProcessIsRefused() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let first = try ProjectLock.acquire(project, command: "weir run", wait: false)
        let error = try #require(throws: LockHeldError.self) {
            try ProjectLock.acquire(project, command: "weir gc", wait: false)
        }
        #expect(error.holder == first.holder)
        first.release()
        #expect(try ProjectLock.acquire(project, command: "weir gc", wait: false).isHeld)
    }

    @Test func anotherProcessHoldingTheLockIsNamed() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let child = try LockHoldingChild(project, seconds: 30)
        defer { child.kill() }
        let error = try #require(throws: LockHeldError.self) {
            try ProjectLock.acquire(project, command: "weir run", wait: false)
        }
        #expect(error.exitStatus == 1)
        #expect(
            error.description
                == "The project is locked by 'weir run' (pid \(child.pid) on host '\(ProcessIdentity.host)', "
                + "since 2026-11-21 15:02:11 UTC). Wait for it to finish, or pass --wait.")
    }

    @Test func waitingGivesUpAfterTheTimeout() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let child = try LockHoldingChild(project, seconds: 30)
        defer { child.kill() }
        let error = try #require(throws: LockHeldError.self) {
            try ProjectLock.acquire(project, command: "weir run", wait: true, timeout: 0.3)
        }
        #expect(try #require(error.waited) >= 0.3)
        #expect(
            error.description.hasPrefix(
                "The project is still locked by 'weir run' (pid \(child.pid) on host '\(ProcessIdentity.host)', "
                    + "since 2026-11-21 15:02:11 UTC) after waiting "))
        #expect(error.description.hasSuffix(" seconds. Wait for it to finish and try again, or wait longer."))
    }

    @Test func waitingGetsTheLockWhenTheHolderExits() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let child = try LockHoldingChild(project, seconds: 0.3)
        let lock = try ProjectLock.acquire(project, command: "weir run", wait: true, timeout: 60)
        child.kill()
        #expect(lock.isHeld)
        // The child exited without emptying the file, like a holder that died.
        #expect(lock.recoveredFrom?.pid == child.pid)
    }

    @Test func aKilledHolderIsRecovered() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let child = try LockHoldingChild(project, seconds: 30)
        child.kill()
        #expect(!ProcessIdentity.isAlive(child.pid))
        let lock = try ProjectLock.acquire(project, command: "weir run", wait: false)
        let recovered = try #require(lock.recoveredFrom)
        #expect(recovered.pid == child.pid)
        #expect(recovered.command == "weir run")
        #expect(recovered.host == ProcessIdentity.host)
        #expect(StateTime.format(recovered.since) == "2026-11-21T15:02:11.000Z")
        #expect(LockHolder.decode(try Data(contentsOf: URL(fileURLWithPath: project.lockPath))) == lock.holder)
        #expect(
            lock.recoveryWarning
                == "Recovered the lock of 'weir run' (pid \(child.pid) on host '\(ProcessIdentity.host)', since "
                + "2026-11-21 15:02:11 UTC), which is no longer running.")
    }

    @Test func aStaleRecordWithADeadPidIsRecovered() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        let finished = try ProcessRunner.run("/bin/sh", ["-c", "echo $$"])
        let deadPid = try #require(Int32(finished.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let stale = LockHolder(
            pid: deadPid, host: ProcessIdentity.host, command: "weir run", since: Date(timeIntervalSince1970: 0))
        try directory.write(".weir/lock", String(decoding: stale.encoded(), as: UTF8.self))
        let lock = try ProjectLock.acquire(project, command: "weir run", wait: false)
        #expect(lock.recoveredFrom == stale)
    }

    @Test func aLockFileWithoutAHolderRecordIsNoRecovery() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        try directory.write(".weir/lock", "not json")
        let lock = try ProjectLock.acquire(project, command: "weir run", wait: false)
        #expect(lock.recoveredFrom == nil)
    }

    @Test func anUnwritableStateFolderIsReported() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".weir", "a file where the folder should be")
        let error = try #require(throws: LockFileError.self) {
            try ProjectLock.acquire(ProjectLocation(root: directory.path), command: "weir run", wait: false)
        }
        #expect(error.description.hasPrefix("Could not create the folder of the lock file '.weir/lock': "))
        #expect(error.description.hasSuffix(". Check that the folder '.weir' is writable by you."))
    }
}
