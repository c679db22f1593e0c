import Foundation
import WeirColumns
import WeirCompute
import WeirParquet

extension StageJob {
    /// Checks the input against the stage's rules, writes `quality.json` into the output folder
    /// (and the logs, so that a failed run keeps its report), and passes the input through: its
    /// files are hard-linked into the output folder, which therefore reads as the same rows.
    ///
    /// - Returns: the child result, with status 1 when a rule of severity `fail` failed, and the
    ///   message naming the rule, the column, the count and a sample.
    func runQuality(into pending: PendingRun) throws -> (ChildResult, failure: String?) {
        guard let spec = stage.quality else { throw TransformRunError("the stage has no quality options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        let inputPath = try transformInput()
        var summary = TransformSummary(kind: "quality")
        let scan = ObservedStream(try ParquetScan(paths: [inputPath])) { batch in
            try cancellation?.check()
            summary.rowsIn += batch.rowCount
            summary.batchesIn += 1
        }
        try spec.check(scan.schema, stage: stage.name)
        let budget = MemoryBudget(limit: spec.memory)
        let spill = try SpillFolder(in: pending.path, budget: budget)
        let checker = QualityChecker(rules: spec.rules.map(\.rule), groupBy: spec.groupBy.map(\.name))
        let (outcomes, columns) = try checker.run(
            scan, reopen: { try ParquetScan(paths: [inputPath], columns: $0) }, budget: budget, spill: spill)
        let report = QualityReport(spec: spec, outcomes: outcomes, columns: columns)
        let bytes = try report.json()
        try FileManager.default.createDirectory(atPath: pending.outputFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(bytes, to: pending.logsFolder + "/quality.json")
        try Self.linkTree(inputPath, into: pending.outputFolder)
        try FileSync.writeDurably(bytes, to: pending.outputFolder + "/quality.json")
        summary.warnings = report.failures(severity: .warn)
        summary.rowsOut = summary.rowsIn
        summary.spillFiles = budget.spillFiles
        summary.spillBytes = budget.spilledBytes
        summary.seconds = Date().timeIntervalSince(started)
        try summary.write(to: pending)
        if showOutput {
            Console.shared.line("[\(stage.name)] quality \(report.status.rawValue) · " + summary.text)
            for warning in summary.warnings { Console.shared.line("[\(stage.name)] warning: " + warning) }
        }
        let failures = report.failures(severity: .fail)
        let usage = Self.processUsage()
        let child = ChildResult(
            status: failures.isEmpty ? 0 : 1, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
        guard !failures.isEmpty else { return (child, nil) }
        return (
            child,
            "Stage '\(stage.name)' failed its quality rules: " + failures.joined(separator: " ")
                + " The report is in '.weir/failed/\(stage.name)/quality.json' ('weir quality \(stage.name)')."
        )
    }

    /// Hard-links every file under `source` (a file or a folder) into `target`, keeping the
    /// relative paths; copies where links are not possible (another file system).
    static func linkTree(_ source: String, into target: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else {
            throw TransformRunError("The input '\(source)' does not exist.")
        }
        let manager = FileManager.default
        func place(_ from: String, _ to: String) throws {
            if link(from, to) != 0 {
                try manager.copyItem(atPath: from, toPath: to)
            }
        }
        if !isFolder.boolValue {
            try place(source, target + "/" + (source as NSString).lastPathComponent)
            return
        }
        let resolved =
            (try? manager.destinationOfSymbolicLink(atPath: source)).map { destination in
                destination.hasPrefix("/")
                    ? destination : (source as NSString).deletingLastPathComponent + "/" + destination
            } ?? source
        guard let walker = manager.enumerator(atPath: resolved) else { return }
        while let relative = walker.nextObject() as? String {
            let from = resolved + "/" + relative
            var folder: ObjCBool = false
            guard manager.fileExists(atPath: from, isDirectory: &folder) else { continue }
            if folder.boolValue {
                try manager.createDirectory(atPath: target + "/" + relative, withIntermediateDirectories: true)
            } else if relative != "quality.json" {
                try place(from, target + "/" + relative)
            }
        }
    }
}
