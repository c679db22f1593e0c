import Foundation
import WeirFuzz

/// The fuzzer's bench runner (`bench/fuzz.sh` drives it):
///
///     WeirBench fuzz CORPUS --seconds S --seed N --parquet-findings DIR --csv-findings DIR
///                    [--timeout SECONDS] [--rss-mib M] [--batch B]
///     WeirBench fuzz-worker CORPUS --seed N --from I --count B --seconds S --timeout SECONDS --rss-mib M [--print]
///     WeirBench fuzz-corpus DIR
///     WeirBench fuzz-case CORPUS --seed N --index I OUT
///     WeirBench fuzz-replay DIR…
///
/// `fuzz` runs batches of cases in `fuzz-worker` subprocesses, so that a crash, a hang (a case
/// over `--timeout`, 5 s by default, and over 4 × that when run again alone, so that a stalled
/// machine is not taken for a hang) or a case that takes the worker's peak resident memory over
/// `--rss-mib` (1024 by default) ends only that worker. The worker announces each case before it
/// runs it, so the runner knows which case did it, writes it into the findings folder with a note
/// of its seed, and starts a new worker after it. A worker's address space is also capped at
/// `--rss-mib` + 6 GiB, so an allocation without bound fails (as a crash) instead of filling the
/// machine; what a worker prints on standard error is kept in the finding's note. At the end it prints the cases run, the cases per second and the findings as JSON.
enum FuzzCommand {
    static func run(_ arguments: [String]) throws {
        guard let corpusPath = arguments.first else { WeirBench.usage() }
        let seconds = Double(value("--seconds", arguments) ?? "") ?? 60
        let seed = UInt64(value("--seed", arguments) ?? "") ?? 1
        let timeout = Double(value("--timeout", arguments) ?? "") ?? 5
        let rssMiB = Int(value("--rss-mib", arguments) ?? "") ?? 1_024
        let batch = Int(value("--batch", arguments) ?? "") ?? 2_000
        let parquetFindings = value("--parquet-findings", arguments) ?? "fuzz-findings"
        let csvFindings = value("--csv-findings", arguments) ?? "fuzz-findings"
        let corpus = try FuzzCorpus(directory: corpusPath)
        guard !corpus.entries.isEmpty else { throw FuzzRunError("The corpus folder '\(corpusPath)' has no files.") }
        let start = Date()
        var next = 0
        var totals = (data: 0, errors: 0, peak: 0)
        var findings: [String] = []
        var signatures: Set<String> = []
        var stalls = 0
        while Date().timeIntervalSince(start) < seconds {
            let left = seconds - Date().timeIntervalSince(start)
            let report = try runWorker(
                corpusPath, seed: seed, from: next, count: batch, seconds: left, timeout: timeout, rssMiB: rssMiB)
            totals.data += report.data
            totals.errors += report.errors
            totals.peak = max(totals.peak, report.peak)
            for (index, found) in report.findings {
                // A busy or throttled machine can stall a worker for seconds: a hang counts only when
                // the case, run again alone in a fresh worker, also has no outcome in 4 × the time.
                if found.hasPrefix("a hang") {
                    let again = try runWorker(
                        corpusPath, seed: seed, from: index, count: 1, seconds: .infinity, timeout: 4 * timeout,
                        rssMiB: rssMiB)
                    guard again.findings.contains(where: { $0.found.hasPrefix("a hang") }) else {
                        printError("a stall, not a hang: case \(index) ended in time when run again alone")
                        stalls += 1
                        continue
                    }
                }
                let fuzzCase = FuzzCase(corpus, seed: seed, index: index)
                // One file per kind of finding and corpus file; the rest are most likely the same bug.
                let signature = fuzzCase.source + " " + found.filter { !$0.isNumber }
                guard signatures.insert(signature).inserted else { continue }
                let folder = fuzzCase.isParquet ? parquetFindings : csvFindings
                let path = try FuzzRegression.write(fuzzCase, found: found, into: folder)
                printError("finding: \(found): \(path) (\(fuzzCase.note))")
                findings.append(path)
            }
            next = report.next
        }
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(next) / elapsed
        print(
            #"{"seed": \#(seed), "cases": \#(next), "seconds": \#(Int(elapsed)), "cases_per_second": "#
                + #"\#(Int(rate)), "data": \#(totals.data), "errors": \#(totals.errors), "#
                + #""worker_peak_rss_mib": \#(totals.peak >> 20), "stalls": \#(stalls), "#
                + #""findings": [\#(findings.map { "\"\($0)\"" }.joined(separator: ", "))]}"#)
    }

    /// What one worker did: the cases that ended in data or an error, its findings, and the next case to run.
    struct WorkerReport {
        var data = 0
        var errors = 0
        var findings: [(index: Int, found: String)] = []
        var next: Int
        /// The worker's peak resident memory, in bytes.
        var peak = 0
    }

    private static func runWorker(
        _ corpus: String, seed: UInt64, from: Int, count: Int, seconds: Double, timeout: Double, rssMiB: Int
    ) throws -> WorkerReport {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("weir-fuzz-worker-\(getpid()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [
            "fuzz-worker", corpus, "--seed", "\(seed)", "--from", "\(from)", "--count", "\(count)", "--seconds",
            "\(seconds)",
            "--timeout", "\(timeout)", "--rss-mib", "\(rssMiB)",
        ]
        process.standardOutput = try FileHandle(forWritingTo: log)
        let errorLog = log.appendingPathExtension("stderr")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorLog) }
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        // A worker stuck beyond its own watchdog is stopped from here.
        let deadline = Date().addingTimeInterval(min(seconds, Double(count) * timeout) + 2 * timeout + 60)
        var stopped = false
        while process.isRunning {
            if Date() > deadline, !stopped {
                process.terminate()
                stopped = true
            }
            usleep(20_000)
        }
        let lines = (try String(contentsOf: log, encoding: .utf8)).split(separator: "\n")
        var report = WorkerReport(next: from + count)
        var current: Int?
        for line in lines {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            switch words.first {
            case "begin": current = Int(words[1])
            case "broken":
                report.findings.append((Int(words[1])!, "a broken promise: " + (words.count > 2 ? words[2] : "")))
            case "hang": report.findings.append((Int(words[1])!, "a hang (no outcome within \(timeout) s)"))
            case "rss":
                report.findings.append((Int(words[1])!, "peak resident memory \(words[2]) bytes, over \(rssMiB) MiB"))
            case "done":
                // done NEXT DATA ERRORS PEAK-RSS
                let counts = words.dropFirst().joined(separator: " ").split(separator: " ").compactMap { Int($0) }
                if counts.count == 4 {
                    (report.next, report.data, report.errors, report.peak) = (
                        counts[0], counts[1], counts[2], counts[3]
                    )
                }
                current = nil
            default: break
            }
        }
        if process.terminationStatus != 0, let current {
            report.next = current + 1
            if stopped {
                report.findings.append((current, "a hang (the worker ran past its deadline)"))
            } else if process.terminationReason == .uncaughtSignal {
                report.findings.append((current, "a crash (signal \(process.terminationStatus))"))
            } else if ![3, 4].contains(process.terminationStatus) {
                report.findings.append((current, "a worker exit with status \(process.terminationStatus)"))
            }
        }
        // What the worker said on standard error (a Swift runtime failure, say) goes into its findings.
        let said = ((try? String(contentsOf: errorLog, encoding: .utf8)) ?? "").split(separator: "\n").suffix(3)
        if !said.isEmpty {
            let text = " (the worker said: " + said.joined(separator: " / ") + ")"
            report.findings = report.findings.map { ($0.index, $0.found + text) }
        }
        if process.terminationStatus != 0, current == nil, !lines.contains(where: { $0.hasPrefix("done") }) {
            throw FuzzRunError(
                "The fuzz worker failed before its first case (exit status \(process.terminationStatus)).")
        }
        return report
    }

    /// Runs cases `--from` to `--from + --count` in this process, announcing each on standard output.
    static func worker(_ arguments: [String]) throws {
        guard let corpusPath = arguments.first else { WeirBench.usage() }
        let seed = UInt64(value("--seed", arguments) ?? "") ?? 1
        let from = Int(value("--from", arguments) ?? "") ?? 0
        let count = Int(value("--count", arguments) ?? "") ?? 1_000
        let timeout = Double(value("--timeout", arguments) ?? "") ?? 5
        let seconds = Double(value("--seconds", arguments) ?? "") ?? .infinity
        let ceiling = (Int(value("--rss-mib", arguments) ?? "") ?? 1_024) << 20
        // Room for the threads' stacks and malloc's arenas (reserved, not used) beside the ceiling.
        var limit = rlimit(rlim_cur: rlim_t(ceiling + (6 << 30)), rlim_max: rlim_t(ceiling + (6 << 30)))
        #if os(Linux)
            setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        #else
            setrlimit(RLIMIT_AS, &limit)
        #endif
        let corpus = try FuzzCorpus(directory: corpusPath)
        let watchdog = WatchdogThread()
        var data = 0
        var errors = 0
        let start = Date()
        var next = from
        for index in from..<(from + count) {
            if Date().timeIntervalSince(start) > seconds { break }
            next = index + 1
            say("begin \(index)")
            let fuzzCase = FuzzCase(corpus, seed: seed, index: index)
            guard let outcome = watchdog.run(seconds: timeout, { fuzzCase.run() }) else {
                say("hang \(index)")
                _exit(3)
            }
            let peak = ProcessMemory.peakResidentBytes()
            if peak > ceiling {
                say("rss \(index) \(peak)")
                _exit(4)
            }
            if arguments.contains("--print") { say("outcome \(index) \(fuzzCase.source): \(outcome)") }
            switch outcome {
            case .data: data += 1
            case .broken(let reason): say("broken \(index) \(reason.replacingOccurrences(of: "\n", with: " "))")
            case .parquetError, .csvError: errors += 1
            }
        }
        say("done \(next) \(data) \(errors) \(ProcessMemory.peakResidentBytes())")
    }

    /// Writes case `--index` of the run seeded with `--seed` to OUT (to look at a finding again), and
    /// prints where it came from, what was done to it and how it reads.
    static func writeCase(_ arguments: [String]) throws {
        guard arguments.count >= 2, let out = arguments.last else { WeirBench.usage() }
        let corpus = try FuzzCorpus(directory: arguments[0])
        let fuzzCase = FuzzCase(
            corpus, seed: UInt64(value("--seed", arguments) ?? "") ?? 1,
            index: Int(value("--index", arguments) ?? "") ?? 0)
        try Data(fuzzCase.bytes).write(to: URL(fileURLWithPath: out))
        print("\(fuzzCase.source) (csv variant \(fuzzCase.csvVariant)): \(fuzzCase.note)")
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = fuzzCase.run()
        print("\(outcome) in \(start.duration(to: clock.now))")
    }

    /// Writes Weir's own seed files (Parquet from its writer, CSV) into a folder.
    static func corpus(_ arguments: [String]) throws {
        guard let folder = arguments.first else { WeirBench.usage() }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for entry in try FuzzSeeds.entries() {
            try Data(entry.bytes).write(to: URL(fileURLWithPath: folder + "/" + entry.name))
        }
    }

    /// Prints the outcome of every regression file in the folders, beside the outcome its note expects.
    static func replay(_ arguments: [String]) throws {
        for folder in arguments {
            for regression in try FuzzRegression.load(directory: folder) {
                let outcome = regression.run().description
                let mark = outcome == regression.expected ? "ok" : "DIFFERS"
                print("\(mark) \(folder)/\(regression.name)\n  expect: \(outcome)")
            }
        }
    }

    private static func value(_ name: String, _ arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// One unbuffered line on standard output, so the runner sees it even if the next case crashes.
    private static func say(_ text: String) {
        let line = Array((text + "\n").utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
}

struct FuzzRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
