import WeirColumns
import WeirParquet

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Benchmarks of Weir's Parquet writer and reader, timing only the operation measured.
///
///     WeirBench parquet-write OUT --rows N [--batch-rows B]
///     WeirBench parquet-read FILE
///     WeirBench fuzz CORPUS --seconds S --seed N … (see ``FuzzCommand``)
///
/// Each prints one JSON object with the rows, the seconds the operation took and the file size.
@main
enum WeirBench {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "parquet-write": try write(Array(arguments.dropFirst()))
            case "parquet-read": try read(Array(arguments.dropFirst()))
            case "fuzz": try FuzzCommand.run(Array(arguments.dropFirst()))
            case "fuzz-worker": try FuzzCommand.worker(Array(arguments.dropFirst()))
            case "fuzz-corpus": try FuzzCommand.corpus(Array(arguments.dropFirst()))
            case "fuzz-case": try FuzzCommand.writeCase(Array(arguments.dropFirst()))
            case "fuzz-replay": try FuzzCommand.replay(Array(arguments.dropFirst()))
            default: usage()
            }
        } catch {
            printError("error: \(error)")
            exit(1)
        }
    }

    static func usage() -> Never {
        printError(
            "usage: WeirBench parquet-write OUT --rows N [--batch-rows B] | parquet-read FILE | fuzz CORPUS "
                + "--seconds S --seed N --parquet-findings DIR --csv-findings DIR | fuzz-corpus DIR | fuzz-case CORPUS --seed N --index I OUT | fuzz-replay DIR…"
        )
        exit(2)
    }

    static func write(_ arguments: [String]) throws(ParquetError) {
        guard let path = arguments.first else { usage() }
        let rows = option("--rows", in: arguments) ?? 5_000_000
        let batchRows = option("--batch-rows", in: arguments) ?? rows
        let batches = GenBigTable.batches(rows: rows, batchRows: batchRows)
        let clock = ContinuousClock()
        var summary: ParquetWriteSummary?
        let cpuBefore = cpuSeconds()
        let elapsed = try clock.measure { () throws(ParquetError) in
            let writer = try ParquetWriter(path: path, schema: GenBigTable.schema)
            for batch in batches { try writer.write(batch) }
            summary = try writer.close()
        }
        let cpu = cpuSeconds() - cpuBefore
        print(
            #"{"rows": \#(rows), "seconds": \#(seconds(elapsed)), "cpu_seconds": \#(cpu), "bytes": \#(summary?.bytes ?? 0)}"#
        )
    }

    static func read(_ arguments: [String]) throws(ParquetError) {
        guard let path = arguments.first else { usage() }
        let clock = ContinuousClock()
        var rows = 0
        let cpuBefore = cpuSeconds()
        let elapsed = try clock.measure { () throws(ParquetError) in
            let reader = try ParquetFileReader(path: path)
            for group in 0..<reader.rowGroupCount {
                rows += try reader.readRowGroup(group).rowCount
            }
        }
        let cpu = cpuSeconds() - cpuBefore
        print(#"{"rows": \#(rows), "seconds": \#(seconds(elapsed)), "cpu_seconds": \#(cpu)}"#)
    }

    static func option(_ name: String, in arguments: [String]) -> Int? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return Int(arguments[index + 1])
    }

    /// User and system time of the whole process, all threads.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

extension Clock {
    /// `measure` for a body that throws a `ParquetError`.
    func measure(_ body: () throws(ParquetError) -> Void) throws(ParquetError) -> Duration {
        let start = now
        try body()
        return start.duration(to: now)
    }
}

func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
