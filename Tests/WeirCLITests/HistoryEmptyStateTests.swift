import Foundation
import Testing
import WeirTestSupport

@Suite struct HistoryEmptyStateTests {
    @Test(arguments: [
        (["versions"], "No versions yet."), (["log"], "No sessions yet."), (["events"], "No events yet."),
        (["metrics"], "No metrics yet."),
    ])
    func listingsWithoutStateSaySoAndSucceed(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("weir.yaml", "stages: {}\n")
        let result = try TestEnvironment.weir(arguments + ["-C", directory.path])
        #expect(result.status == 0)
        let root = URL(fileURLWithPath: directory.path).standardizedFileURL.path
        #expect(result.stdout == "\(message) The project at '\(root)' has no state yet; run 'weir run' first.\n")
        let json = try TestEnvironment.weir(arguments + ["--json"], in: directory.path)
        #expect(json.status == 0 && json.stdout == "[]\n")
        // Read-only commands create no state.
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/.weir"))
    }

    @Test func emptyStoreListingsAreEmpty() throws {
        let fixture = try HistoryFixture(populated: false)
        #expect(
            try fixture.weir(["versions"]).stdout == "No versions yet. Run 'weir run' to record the first version.\n")
        #expect(try fixture.weir(["versions", "--graph"]).status == 0)
        #expect(try fixture.weir(["log"]).stdout == "No sessions yet.\n")
        #expect(try fixture.weir(["versions", "--json"]).stdout == "[]\n")
    }

    @Test func showAndDiffWithoutStateFail() throws {
        let directory = try TemporaryDirectory()
        try directory.write("weir.yaml", "stages: {}\n")
        let root = URL(fileURLWithPath: directory.path).standardizedFileURL.path
        let show = try TestEnvironment.weir(["show", "v1"], in: directory.path)
        #expect(show.status == 1)
        #expect(
            show.stderr == "error: There is no 'v1': the project at '\(root)' has no state yet. Run 'weir run' first.\n"
        )
        let diff = try TestEnvironment.weir(["diff", "v1", "v2"], in: directory.path)
        #expect(diff.status == 1)
        let head = try HistoryFixture(populated: false).weir(["show", "head"])
        #expect(head.status == 1)
        #expect(
            head.stderr == "error: There is no head version 'head'. No version has been recorded yet; run 'weir run'.\n"
        )
    }

    @Test func aCorruptStoreIsReported() throws {
        let directory = try TemporaryDirectory()
        try directory.write("weir.yaml", "stages: {}\n")
        try directory.write(".weir/state.sqlite", String(repeating: "not a database ", count: 100))
        let result = try TestEnvironment.weir(["versions"], in: directory.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: The state store '.weir/state.sqlite' is not a valid SQLite database ("))
        #expect(
            result.stderr.hasSuffix(
                "Move it aside and run 'weir run' to rebuild the state, or restore it from a backup.\n"))
    }

    @Test func outsideAProjectTheUsualErrorIsGiven() throws {
        let directory = try TemporaryDirectory()
        let result = try TestEnvironment.weir(["log", "-C", directory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("No 'weir.yaml' found in"))
    }
}
