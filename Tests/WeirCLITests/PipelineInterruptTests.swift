import Foundation
import Testing
import Weir
import WeirTestSupport

/// Ctrl-C during `weir run`: running commands are stopped, nothing half-done is committed.
@Suite struct PipelineInterruptTests {
    @Test func anInterruptedRunStopsItsCommandsAndRecordsNoVersion() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            stages:
              quick: {cmd: 'echo q > ${out}/q', out: o/quick}
              slow: {cmd: 'touch started; sleep 30; echo s > ${out}/s', deps: {q: stage:quick}, out: o/slow}
              after: {cmd: 'true', deps: {s: stage:slow}, out: o/after}
            """
        ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        var waited = 0
        while !project.exists("started") && waited < 3000 {
            usleep(20_000)
            waited += 1
        }
        #expect(project.exists("started"))
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("weir: interrupted; waiting for the running stages to stop"))
        #expect(stderr.contains("slow: failed — Stage 'slow' failed: its command was killed by signal 2."))
        #expect(stderr.contains("after: skipped because 'slow' did not succeed"))
        #expect(
            stderr.hasSuffix(
                "error: The run was interrupted. Finished stages are committed; run 'weir run' again to do the rest.\n")
        )
        #expect(project.linkedRun("o/quick") != nil)
        #expect(!project.exists("o/slow"))
        let sessions = try JSONValue.parse(try project.weir("log", "--json").stdout)
        #expect(sessions[0]?["status"] == "interrupted")
        #expect(try project.weir("versions", "--json").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(try project.weir("verify").status == 0)
    }
}
