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

    var text: String {
        var parts = ["\(rowsIn) rows in", "\(rowsOut) rows out"]
        if spillFiles > 0 { parts.append("spilled \(spillFiles) files, \(spillBytes) bytes") }
        parts.append(String(format: "%.2f s", seconds))
        return parts.joined(separator: " · ")
    }
}

extension StageJob {
    /// Rows in a row group of a resample stage's output: small enough that the writer's buffers
    /// stay a small part of the memory budget.
    static let resampleRowGroupRows = 262_144
    /// The smallest `memory:` with which the input is read a row group ahead.
    static let prefetchMemory = 256 << 20

    /// Aggregates the input per group and time bucket into `part-00000.parquet` in the run's
    /// output folder, spilling to a folder inside the run's temporary folder past `memory:`.
    func runResample(into pending: PendingRun) throws -> ChildResult {
        guard let spec = stage.resample else { throw ResampleRunError("the stage has no resample options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        guard let input = depPaths["input"] else { throw ResampleRunError("the stage's input has no path") }
        let inputPath = input.hasPrefix("/") ? input : project.root + "/" + input
        let full = try ParquetScan(paths: [inputPath])
        try spec.check(full.schema, stage: stage.name)
        var columns: [String] = []
        for name in spec.groupBy.map(\.name) + [spec.time.name] + spec.aggregate.map(\.column.name)
        where !columns.contains(name) {
            columns.append(name)
        }
        var summary = ResampleSummary()
        summary.memoryBytes = spec.memory
        var reading = try ParquetScan(paths: [inputPath], columns: columns)
        // Reading ahead holds one more row group (often 1M rows); a small budget forgoes it.
        reading.prefetch = spec.memory >= Self.prefetchMemory
        let scan = ObservedStream(reading) { batch in
            summary.rowsIn += batch.rowCount
            summary.batchesIn += 1
        }
        let budget = MemoryBudget(limit: spec.memory)
        let writeSummary: ParquetWriteSummary
        do {
            let spill = try SpillFolder(in: pending.path, budget: budget)
            var aggregate = try TimeBucketAggregate(
                scan, time: spec.time.name, bucketing: spec.bucketing, groupBy: spec.groupBy.map(\.name),
                aggregations: spec.aggregations, empty: spec.empty, minCount: spec.minCount, budget: budget,
                spill: spill)
            try FileManager.default.createDirectory(atPath: pending.outputFolder, withIntermediateDirectories: true)
            var options = ParquetWriterOptions()
            options.rowGroupRows = Self.resampleRowGroupRows
            let writer = try ParquetWriter(
                path: pending.outputFolder + "/part-00000.parquet", schema: aggregate.schema, options: options)
            do {
                while let batch = try aggregate.next() {
                    try writer.write(batch)
                    summary.rowsOut += batch.rowCount
                }
                writeSummary = try writer.close()
            } catch {
                writer.abort()
                throw error
            }
        }
        summary.bytesOut = writeSummary.bytes
        summary.spillFiles = budget.spillFiles
        summary.spillBytes = budget.spilledBytes
        summary.peakReservedBytes = budget.peak
        summary.seconds = Date().timeIntervalSince(started)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(summary)), to: pending.logsFolder + "/resample-summary.json")
        if showOutput { Console.shared.line("[\(stage.name)] " + summary.text) }
        let usage = Self.processUsage()
        return ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
    }
}

/// A resample run that cannot start for a reason outside the configuration.
struct ResampleRunError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
