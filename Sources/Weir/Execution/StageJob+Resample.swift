import Foundation
import WeirColumns
import WeirCompute
import WeirParquet

/// What a resample run read, wrote and spilled, kept next to its logs as `resample-summary.json`.
struct ResampleSummary: Codable, Sendable {
    var rowsIn = 0
    var batchesIn = 0
    var rowsOut = 0
    var bytesOut = 0
    var spillFiles = 0
    var spillBytes = 0
    var peakReservedBytes = 0
    var memoryBytes = 0
    var seconds = 0.0
    /// Whether the input was already at the bucket width and passed through without aggregating.
    var passthrough = false

    func text(every: String) -> String {
        var parts = ["\(rowsIn) rows in", "\(rowsOut) rows out"]
        if passthrough { parts.append("already at \(every): passed through") }
        if spillFiles > 0 { parts.append("spilled \(spillFiles) files, \(spillBytes) bytes") }
        parts.append(String(format: "%.2f s", seconds))
        return parts.joined(separator: " · ")
    }
}

extension StageJob {
    /// Rows in a row group of a resample stage's output: small enough that the writer's buffers
    /// stay a small part of the memory budget.
    static let resampleRowGroupRows = 262_144
    /// How many row groups to read ahead of the aggregation: as many as fit, at most two, in half
    /// of `memory` beside the one being aggregated (none for a small budget).
    static func readAhead(memory: Int, rowGroupBytes: Int) -> Int {
        guard rowGroupBytes > 0 else { return 2 }
        return max(0, min(2, memory / 2 / rowGroupBytes - 1))
    }

    /// Aggregates the input per group and time bucket into `part-00000.parquet` in the run's
    /// output folder, spilling to a folder inside the run's temporary folder past `memory:`.
    ///
    /// An input already at `every` on the grid (every time a bucket's label, at most one row a
    /// group and bucket: verified, never trusted) is passed through, sorted if it is not in order,
    /// with the columns an aggregation would give; the summary says so.
    func runResample(into pending: PendingRun) throws -> ChildResult {
        guard let spec = stage.resample else { throw TransformRunError("the stage has no resample options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        let inputPath = try transformInput()
        let full = try ParquetScan(paths: [inputPath])
        try spec.check(full.schema, stage: stage.name)
        let groupBy = spec.groupBy.map(\.name)
        var columns: [String] = []
        for name in groupBy + [spec.time.name] + spec.aggregate.map(\.column.name) where !columns.contains(name) {
            columns.append(name)
        }
        /// The summary before any row is read (again).
        func freshSummary() -> ResampleSummary {
            var fresh = ResampleSummary()
            fresh.memoryBytes = spec.memory
            return fresh
        }
        var summary = freshSummary()
        let budget = MemoryBudget(limit: spec.memory)
        let reporter = progress
        let name = stage.name
        let total = Int64(full.totalRows)
        /// The input's columns, read a row group ahead unless the budget is small, counted as they go.
        func scan() throws -> any BatchStream {
            var reading = try ParquetScan(paths: [inputPath], columns: columns)
            // Each row group read ahead (often 1M rows) is held in memory too; a small budget forgoes it.
            reading.readAhead = Self.readAhead(memory: spec.memory, rowGroupBytes: reading.largestRowGroupBytes)
            // Group and time keys are then worked out once per distinct value, not once per row.
            reading.keepDictionaryCodes = true
            return ObservedStream(reading) { batch in
                try cancellation?.check()
                if summary.batchesIn == 0 { PhaseTrace.mark("resample: first batch read") }
                summary.rowsIn += batch.rowCount
                summary.batchesIn += 1
                reporter?.update(stage: name, done: Int64(summary.rowsIn), total: total, unit: "rows")
            }
        }
        try FileManager.default.createDirectory(atPath: pending.outputFolder, withIntermediateDirectories: true)
        let spill = try SpillFolder(in: pending.path, budget: budget)
        var written: (file: ParquetWriteSummary, rows: Int)?
        // The input with its first row group read, when that row group alone shows that the input
        // must be aggregated (the usual case): it goes on to the aggregation instead of being read twice.
        var peeked: PeekedStream?
        if spec.empty == .skip {
            let input = try PeekedStream(scan())
            if let first = input.first, first.rowCount > 0 {
                var firstOnly = MemoryStream([first])
                let check = try TimeBucketPassthrough.check(
                    &firstOnly, time: spec.time.name, bucketing: spec.bucketing, groupBy: groupBy)
                if check == .notAtWidth { peeked = input }
            }
        }
        if spec.empty == .skip && peeked == nil {
            // The first row group is counted again by the scans below.
            summary = freshSummary()
            var probe = try ParquetScan(paths: [inputPath], columns: groupBy + [spec.time.name])
            probe.prefetch = false
            let check = try TimeBucketPassthrough.check(
                &probe, time: spec.time.name, bucketing: spec.bucketing, groupBy: groupBy)
            PhaseTrace.mark("resample: passthrough probed (whole input)")
            if check != .notAtWidth {
                var input = try scan()
                if check == .onGrid {
                    input = try ExternalSort(
                        input, by: (groupBy + [spec.time.name]).map { SortKey($0) }, budget: budget, spill: spill)
                }
                var passthrough = try TimeBucketPassthrough(
                    input, time: spec.time.name, bucketing: spec.bucketing, groupBy: groupBy,
                    aggregations: spec.aggregations, minCount: spec.minCount)
                do {
                    written = try writeResample(&passthrough, to: pending)
                    summary.passthrough = true
                } catch is TimeBucketPassthrough.NotAtWidth {
                    // Two rows share a bucket after all: aggregate from the start.
                    summary = freshSummary()
                }
            }
        }
        if written == nil {
            if peeked != nil { PhaseTrace.mark("resample: passthrough probed (first row group)") }
            // The peeked input is handed over rather than copied: a copy left here would keep the
            // first row group in memory until the end.
            func aggregationInput() throws -> any BatchStream {
                if let taken = peeked {
                    peeked = nil
                    return taken
                }
                return try scan()
            }
            var aggregate = try TimeBucketAggregate(
                aggregationInput(), time: spec.time.name, bucketing: spec.bucketing, groupBy: groupBy,
                aggregations: spec.aggregations, empty: spec.empty, minCount: spec.minCount, budget: budget,
                spill: spill)
            written = try writeResample(&aggregate, to: pending)
        }
        summary.rowsOut = written?.rows ?? 0
        summary.bytesOut = written?.file.bytes ?? 0
        summary.spillFiles = budget.spillFiles
        summary.spillBytes = budget.spilledBytes
        summary.peakReservedBytes = budget.peak
        summary.seconds = Date().timeIntervalSince(started)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(summary)), to: pending.logsFolder + "/resample-summary.json")
        var recorded = TransformSummary(kind: "resample")
        recorded.rowsIn = summary.rowsIn
        recorded.batchesIn = summary.batchesIn
        recorded.rowsOut = summary.rowsOut
        recorded.filesOut = 1
        recorded.bytesOut = summary.bytesOut
        recorded.spillFiles = summary.spillFiles
        recorded.spillBytes = summary.spillBytes
        recorded.seconds = summary.seconds
        if summary.passthrough {
            recorded.notices = [
                "the input is already at \(spec.every) on the grid (one row a bucket): its \(summary.rowsIn) rows "
                    + "were passed through without aggregating"
            ]
        }
        try recorded.write(to: pending)
        if showOutput { Console.shared.line("[\(stage.name)] " + summary.text(every: spec.every.description)) }
        let usage = Self.processUsage()
        return ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
    }

    /// Writes `stream` to `part-00000.parquet`, removing the file when writing fails.
    /// - Returns: what was written and how many rows.
    private func writeResample(_ stream: inout some BatchStream, to pending: PendingRun) throws -> (
        file: ParquetWriteSummary, rows: Int
    ) {
        var options = ParquetWriterOptions()
        options.rowGroupRows = Self.resampleRowGroupRows
        let writer = try ParquetWriter(
            path: pending.outputFolder + "/part-00000.parquet", schema: stream.schema, options: options)
        do {
            var rows = 0
            while let batch = try stream.next() {
                if rows == 0 { PhaseTrace.mark("resample: first batch out") }
                try writer.write(batch)
                rows += batch.rowCount
            }
            let written = try writer.close()
            PhaseTrace.mark("resample: written")
            return (written, rows)
        } catch {
            writer.abort()
            throw error
        }
    }
}
