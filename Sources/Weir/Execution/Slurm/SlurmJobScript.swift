import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The shell script a Slurm job runs: it enters the project folder, runs the command as a local run
/// would (`/bin/sh -c`), and writes the command's exit status, then its CPU time, into files that the
/// coordinating `weir run` waits for (Slurm's accounting is not needed).
///
/// Files live in the run's temporary folder, on the filesystem the nodes share with the coordinator:
/// `job.sh`, `exit` (or `exit-<task>` for an array task), `cpu[-<task>]`, and the logs.
package struct SlurmJobScript: Sendable {
    /// The folder of the script and its files (`<run folder>/_slurm`).
    package let folder: String
    /// Whether the job is an array (its files are named by `$SLURM_ARRAY_TASK_ID`).
    package let isArray: Bool

    package init(folder: String, isArray: Bool) {
        self.folder = folder
        self.isArray = isArray
    }

    package var scriptPath: String { folder + "/job.sh" }

    /// The exit-status file of the job, or of array task `task`.
    package func exitPath(task: Int?) -> String { folder + "/exit" + (task.map { "-\($0)" } ?? "") }
    package func cpuPath(task: Int?) -> String { folder + "/cpu" + (task.map { "-\($0)" } ?? "") }
    package func logPath(_ stream: Console.Stream, task: Int?) -> String {
        folder + "/" + (task.map { "task-\($0)." } ?? "") + (stream == .output ? "stdout.log" : "stderr.log")
    }

    /// `--output` and `--error` for sbatch (`%a` is the array task).
    package var logArguments: [String] {
        let task = isArray ? "task-%a." : ""
        return ["--output=\(folder)/\(task)stdout.log", "--error=\(folder)/\(task)stderr.log"]
    }

    /// Writes the script that runs `command` in `directory`.
    package func write(command: String, directory: String, description: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let suffix = isArray ? "-$SLURM_ARRAY_TASK_ID" : ""
        let text = """
            #!/bin/sh
            # Written by weir: \(description.replacingOccurrences(of: "\n", with: " "))
            folder=\(ShellQuote.quote(folder))
            finish() {
                printf '%s\\n' "$1" >"$folder/exit\(suffix).tmp" && mv -f "$folder/exit\(suffix).tmp" "$folder/exit\(suffix)"
                exit "$1"
            }
            cd \(ShellQuote.quote(directory)) || finish 126
            /bin/sh -c \(ShellQuote.quote(command)) </dev/null
            status=$?
            # The second line of 'times' is the CPU time of the command and its children.
            times | sed -n 2p >"$folder/cpu\(suffix)" 2>/dev/null
            finish "$status"

            """
        try FileSync.writeDurably(Array(text.utf8), to: scriptPath)
        chmod(scriptPath, 0o755)
    }

    /// The exit status the job wrote, or nil while the file is absent (or not complete).
    package func exitStatus(task: Int?) -> Int32? {
        guard let data = FileManager.default.contents(atPath: exitPath(task: task)) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The CPU seconds the job's command used (user + system of it and its children), from `times`.
    package func cpuSeconds(task: Int?) -> Double {
        guard let data = FileManager.default.contents(atPath: cpuPath(task: task)) else { return 0 }
        // `0m1.250s 0m0.040s`
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).reduce(0) { sum, part in
            let pieces = part.dropLast().split(separator: "m")
            guard pieces.count == 2, let minutes = Double(pieces[0]), let seconds = Double(pieces[1]) else {
                return sum
            }
            return sum + minutes * 60 + seconds
        }
    }
}
