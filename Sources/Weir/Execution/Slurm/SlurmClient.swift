import Dispatch
import Foundation

/// Runs Slurm's client commands (`sbatch`, `scontrol`, `scancel`, `squeue`) and reads their answers.
///
/// Every call has a deadline: a controller that does not answer must not hang `weir run`.
package struct SlurmClient: Sendable {
    /// How long one command may take before it is stopped and counted as a failure.
    package var timeoutSeconds: Double = 60

    package init() {}

    /// What a finished command printed.
    package struct Output: Sendable {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String
        package var succeeded: Bool { status == 0 }
    }

    /// Submits `script` with `arguments` and returns the job id.
    ///
    /// - Parameter environment: the job's environment (sbatch hands it to the job, `--export=ALL`).
    package func submit(script: String, arguments: [String], environment: [String: String]) throws(SlurmError) -> String
    {
        let output = try run("sbatch", ["--parsable", "--export=ALL"] + arguments + [script], environment: environment)
        guard output.succeeded else {
            throw SlurmError.commandFailed(
                command: "sbatch", status: output.status, message: Self.firstLines(output.standardError))
        }
        // `--parsable` prints `jobid` or `jobid;cluster`.
        let id = output.standardOutput.split(whereSeparator: \.isNewline).last.map {
            String($0.split(separator: ";").first ?? "")
        }
        guard let id, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmError.commandFailed(
                command: "sbatch", status: output.status,
                message:
                    "it printed '\(output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))' instead of a job id"
            )
        }
        return id
    }

    /// The jobs (or array tasks) of job `id` as `scontrol show job` describes them; empty once
    /// Slurm has forgotten the job (`MinJobAge` after it ended).
    package func jobs(_ id: String) throws(SlurmError) -> [SlurmJobInfo] {
        let output = try run("scontrol", ["show", "job", "--oneliner", id])
        if !output.succeeded {
            if output.standardError.contains("Invalid job id") { return [] }
            throw SlurmError.commandFailed(
                command: "scontrol show job \(id)", status: output.status,
                message: Self.firstLines(output.standardError))
        }
        return output.standardOutput.split(whereSeparator: \.isNewline).compactMap { SlurmJobInfo(line: String($0)) }
    }

    /// Job ids and names of this user's jobs that Slurm still runs or holds.
    package func queuedJobs() throws(SlurmError) -> [(id: String, name: String)] {
        let user = ProcessIdentity.user
        let output = try run("squeue", ["--noheader", "--array", "--user=\(user)", "--format=%A %j"])
        guard output.succeeded else {
            throw SlurmError.commandFailed(
                command: "squeue", status: output.status, message: Self.firstLines(output.standardError))
        }
        return output.standardOutput.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    /// Cancels job `id` (all its array tasks); a job that already ended is no error.
    package func cancel(_ id: String) throws(SlurmError) {
        let output = try run("scancel", [id])
        guard
            output.succeeded || output.standardError.contains("Invalid job id")
                || output.standardError.contains("already completing or completed")
        else {
            throw SlurmError.commandFailed(
                command: "scancel \(id)", status: output.status, message: Self.firstLines(output.standardError))
        }
    }

    /// Runs one Slurm command to its end or its deadline.
    package func run(_ name: String, _ arguments: [String], environment: [String: String]? = nil) throws(SlurmError)
        -> Output
    {
        guard let executable = Self.executable(name, path: environment?["PATH"]) else {
            throw SlurmError.missing(command: name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            throw SlurmError.commandFailed(command: name, status: -1, message: "it could not be started: \(error)")
        }
        let timedOut = TimeoutFlag()
        let deadline = DispatchWorkItem { [process] in
            timedOut.set()
            process.terminate()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: deadline)
        let errorText = ReadResult()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errorText.set(error.fileHandleForReading.readDataToEndOfFile())
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        deadline.cancel()
        if timedOut.isSet {
            throw SlurmError.commandFailed(
                command: name, status: -1, message: "it did not answer within \(Int(timeoutSeconds)) seconds")
        }
        return Output(
            status: process.terminationStatus, standardOutput: String(decoding: data, as: UTF8.self),
            standardError: String(decoding: errorText.value, as: UTF8.self))
    }

    /// The path of `name` on `PATH`, or nil.
    static func executable(_ name: String, path: String?) -> String? {
        let search = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in search.split(separator: ":") {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func firstLines(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).prefix(3).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return lines.isEmpty ? "it printed no error message" : lines.joined(separator: " ")
    }
}

private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private final class ReadResult: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    var value: Data { lock.withLock { data } }
    func set(_ new: Data) { lock.withLock { data = new } }
}

/// A Slurm command is missing or failed.
package enum SlurmError: Error, CustomStringConvertible, Sendable, Hashable {
    case missing(command: String)
    case commandFailed(command: String, status: Int32, message: String)
    /// Slurm says the job ended, but its exit-status file never showed up.
    case exitFileMissing(job: String, state: String, path: String, seconds: Int)

    package var description: String {
        switch self {
        case .missing(let command):
            "The Slurm command '\(command)' was not found on PATH. Install Slurm's client commands "
                + "(Debian: apt-get install slurm-client), or run the stage locally with 'executor: local' or "
                + "'weir run --executor local'."
        case .commandFailed(let command, let status, let message):
            "The Slurm command '\(command)' failed" + (status >= 0 ? " (exit status \(status))" : "")
                + ": \(message). Check the cluster with 'sinfo' and the stage's 'slurm' options in weir.yaml."
        case .exitFileMissing(let job, let state, let path, let seconds):
            "Slurm job \(job) ended (\(state)) but its exit-status file '\(path)' did not appear within \(seconds) "
                + "seconds. Check that the project folder is on a filesystem the nodes share, at the same path, or "
                + "give a slow filesystem more time with WEIR_SLURM_EXIT_WAIT."
        }
    }
}
