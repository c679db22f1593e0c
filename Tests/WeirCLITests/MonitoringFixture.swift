import Foundation
import WeirTestSupport

/// A project whose stage `work` waits, while running, for the test to let it go: it prints
/// `starting`, creates `started`, waits for a file `release`, prints two lines and exits with the
/// status in its param `code`. So a test knows the session is running without timing anything.
struct MonitoringFixture {
    let project: PipelineFixture

    init(code: Int = 0, more: String = "") throws {
        project = try PipelineFixture([
            "weir.yaml": """
            stages:
              work:
                cmd: >-
                  echo starting; echo 'to stderr' >&2; touch started;
                  while [ ! -f release ]; do sleep 0.02; done;
                  echo 'step 1'; echo 'step 2'; touch ${out}/done; exit ${params.code}
                params: {code: \(code)}
                out: o/work
            \(more)
            """
        ])
    }

    var root: String { project.root }

    /// Starts `weir run` in the background and returns once stage `work` has started.
    func startRun() throws -> Background {
        let run = try Background(["run"], in: root)
        try waitFor("started")
        return run
    }

    /// Lets stage `work` finish.
    func release() throws {
        try project.write("release", "")
    }

    /// Waits (at most a minute, as a guard against a hung test, not a timing check) for `path` to exist.
    func waitFor(_ path: String) throws {
        for _ in 0..<3000 where !project.exists(path) { usleep(20_000) }
        guard project.exists(path) else { throw FixtureError(message: "'\(path)' never appeared") }
    }
}

/// `weir` running in the background, its standard output read line by line.
final class Background: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var buffered: [UInt8] = []
    /// Every line read so far.
    private(set) var lines: [String] = []
    private var errorData = Data()
    private let errorsRead = DispatchSemaphore(value: 0)

    init(
        _ arguments: [String], in directory: String, environment: [String: String] = [:],
        executable: String = TestEnvironment.weirBinary
    ) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drained all along, so a chatty process never blocks on a full pipe.
        Thread.detachNewThread { [self] in
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
    }

    /// The next line of standard output (without its newline); nil at the end.
    func nextLine() -> String? {
        let line = readLine()
        if let line { lines.append(line) }
        return line
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeFirst(newline + 1)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                if buffered.isEmpty { return nil }
                defer { buffered = [] }
                return String(decoding: buffered, as: UTF8.self)
            }
            buffered.append(contentsOf: chunk)
        }
    }

    /// Reads the rest of standard output, waits for the exit and returns everything it printed.
    func finish() -> Finished {
        while nextLine() != nil {}
        process.waitUntilExit()
        errorsRead.wait()
        return Finished(
            status: process.terminationStatus, stdout: lines.map { $0 + "\n" }.joined(),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// `weir ARGUMENTS` on a pseudo-terminal of 100 columns, through util-linux's `script`, which
    /// exits with the command's status.
    static func onTerminal(
        _ arguments: [String], in directory: String, environment: [String: String] = [:]
    ) throws -> Background {
        let command = ([TestEnvironment.weirBinary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        var variables = environment
        variables["COLUMNS"] = "100"
        return try Background(
            ["-qfec", "stty cols 100 2>/dev/null; exec " + command, "/dev/null"], in: directory,
            environment: variables, executable: "/usr/bin/script")
    }

    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }
}

/// How a background `weir` ended, with all it printed.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
}
