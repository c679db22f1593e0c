import Foundation
import Testing
import Weir
import WeirTestSupport

/// A second state-changing command refuses (or waits); read-only commands never block.
@Suite struct PipelineLockTests {
    @Test(arguments: StateStoreKind.allCases) func aSecondRunRefusesNamingTheHolderAndWaitsWithWait(
        store: StateStoreKind
    ) throws {
        let project = try PipelineFixture(
            [
                "weir.yaml": "stages: {slow: {cmd: 'touch started; sleep 2; echo done > ${out}/x', out: o/slow}}\n"
            ], store: store)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        first.arguments = ["run"]
        first.currentDirectoryURL = URL(fileURLWithPath: project.root)
        first.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { first.waitUntilExit() }
        var waited = 0
        while !project.exists("started") && waited < 200 {
            usleep(20_000)
            waited += 1
        }
        #expect(project.exists("started"))

        let refused = try project.weir("run")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix(
                "error: The project is locked by 'weir run' (pid \(first.processIdentifier) on host '"))
        #expect(refused.stderr.hasSuffix("Wait for it to finish, or pass --wait.\n"))
        #expect(try project.weir("gc").status == 1)

        let status = try project.weir("status")
        #expect(status.status == 0)
        #expect(status.stdout == "slow: will run — new stage\n")

        let waiting = try project.weir("run", "--wait")
        #expect(waiting.status == 0)
        #expect(waiting.stdout == "slow: up to date\nNothing changed; the head stays at v1.\n")
    }
}
