import Foundation
import Testing
import WeirTestSupport

/// The dashboard in a real browser: `weir serve` on a real project, every page opened by headless
/// Chromium through Selenium (`Tests/browser/dashboard_check.py`; `scripts/test` installs both).
@Suite("Dashboard in a browser")
struct BrowserTests {
    @Test func everyPageRendersAndTheEscapingHolds() async throws {
        let lab = try LabProject()
        try lab.runAgain()
        let server = try ServeProcess(root: lab.fixture.project.root)
        defer { server.stop() }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/browser/dashboard_check.py").path
        let result = try ProcessRunner.run(
            TestEnvironment.python, [script, server.url, LabProject.hostileName])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(" passed, 0 failed"))
        #expect(result.stdout.contains("ok    the hostile file name shows as text"))
    }
}

/// `weir serve --port 0` in the background, with the URL it printed.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    private let errors = Pipe()

    init(root: String, arguments: [String] = []) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["serve", "--port", "0", "-C", root] + arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == 0x0A { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let start = text.range(of: "http://"), let end = text.range(of: "/ (Ctrl-C") else {
            process.terminate()
            throw FixtureError(message: "weir serve printed '\(text)'")
        }
        url = String(text[start.lowerBound..<end.lowerBound])
    }

    /// Stops the server as Ctrl-C does; returns what it wrote to standard error.
    @discardableResult
    func stop() -> String {
        process.interrupt()
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
