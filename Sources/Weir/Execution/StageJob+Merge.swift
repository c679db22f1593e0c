import Foundation
import WeirColumns
import WeirCompute
import WeirParquet

extension StageJob {
    /// Rows of the left input joined and written at a time, and rows in an output row group: the
    /// output in flight holds a fraction of an input row group (often a million rows). Reading a
    /// row group ahead, or joining whole row groups, measured no faster and held 250 MB more.
    static let mergeSliceRows = 131_072

    /// Joins the stage's `left` and `right` inputs into `part-00000.parquet` in the run's output
    /// folder, within `memory:` (spilling to a folder inside the run's temporary folder).
    ///
    /// Every column name and type is checked against both inputs' schemas before a row is read.
    /// The summary says how the join ran (the right input held in memory, or both sorted) and how
    /// many left rows found a partner.
    /// - Returns: the run's figures, and the hash of the part file taken while it was written.
    func runMerge(into pending: PendingRun) throws -> (ChildResult, known: [String: StatCacheEntry]) {
        guard let spec = stage.merge else { throw TransformRunError("the stage has no merge options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        let leftPath = try transformInput("left")
        let rightPath = try transformInput("right")
        let leftScan = try ParquetScan(paths: [leftPath])
        let rightSchema = try ParquetScan(paths: [rightPath]).schema
        try spec.check(left: leftScan.schema, right: rightSchema, stage: stage.name)
        var summary = TransformSummary(kind: "merge")
        let budget = MemoryBudget(limit: spec.memory)
        let reporter = progress
        let name = stage.name
        let total = Int64(leftScan.totalRows)
        var leftRows = 0
        var leftStream = leftScan
        leftStream.prefetch = false
        let left = SlicedStream(leftStream, rows: Self.mergeSliceRows)
        let observed = ObservedStream(left) { batch in
            try cancellation?.check()
            leftRows += batch.rowCount
            summary.batchesIn += 1
            reporter?.update(stage: name, done: Int64(leftRows), total: total, unit: "rows")
        }
        try FileManager.default.createDirectory(atPath: pending.outputFolder, withIntermediateDirectories: true)
        let spill = try SpillFolder(in: pending.path, budget: budget)
        var join = try Join(
            left: observed,
            right: {
                var scan = try ParquetScan(paths: [rightPath])
                scan.prefetch = false
                return scan
            }, spec: spec.join, budget: budget, spill: spill)
        var options = ParquetWriterOptions()
        options.rowGroupRows = Self.mergeSliceRows
        let partName = "part-00000.parquet"
        // Encoding, compressing and hashing the output overlap with joining the next batch.
        let writer = try BackgroundBatchWriter(
            path: pending.outputFolder + "/" + partName, schema: join.schema, options: options)
        let file: (summary: ParquetWriteSummary, sha256: String)
        do {
            while let batch = try join.next() {
                try writer.write(batch)
                summary.rowsOut += batch.rowCount
            }
            file = try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        var known: [String: StatCacheEntry] = [:]
        if let stat = try FileStat.of(pending.outputFolder + "/" + partName, followLinks: false) {
            known[partName] = StatCacheEntry(
                path: partName, device: stat.device, inode: stat.inode, size: stat.size,
                mtimeNanoseconds: stat.mtimeNanoseconds, sha256: file.sha256)
        }
        summary.rowsIn = leftRows + join.rightRows
        summary.filesOut = 1
        summary.bytesOut = file.summary.bytes
        summary.spillFiles = budget.spillFiles
        summary.spillBytes = budget.spilledBytes
        summary.seconds = Date().timeIntervalSince(started)
        summary.notices = [Self.mergeNotice(spec, join: join, leftRows: leftRows)]
        try summary.write(to: pending)
        if showOutput { Console.shared.line("[\(stage.name)] " + summary.text) }
        let usage = Self.processUsage()
        let child = ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
        return (child, known)
    }

    /// How the join ran and how many left rows found a partner, for the run's events.
    static func mergeNotice(_ spec: MergeStageSpec, join: Join, leftRows: Int) -> String {
        let how =
            join.strategy == .sorted
            ? "both inputs were sorted (the right input, \(join.rightRows) rows, does not fit half of 'memory:')"
            : "the right input (\(join.rightRows) rows) was held in memory"
        switch spec.how {
        case .asof, .nearest, .left:
            return "\(how); \(join.pairedRows) of \(leftRows) left rows found a partner"
                + (spec.how == .left ? "" : " within the tolerance")
        case .inner, .outer:
            return "\(how); \(join.pairedRows) pairs"
        }
    }
}
