import Dispatch
import Foundation
import WeirColumns
import WeirParquet

/// Runs one ingest batch: discover, plan against the manifest and the stat cache, stage new and
/// changed files in parallel, commit the next manifest snapshot, then remove what it superseded.
///
/// Crash safety: part files are written under fresh `run_id=` folders by temporary name and
/// rename, and only become part of the dataset when the manifest snapshot that lists them is
/// committed. A marker file records that a batch is under way; the next batch that finds it
/// removes part folders no manifest row lists (the leftovers of a killed batch) before it starts.
public struct IngestRunner: Sendable {
    public let configuration: IngestConfiguration
    public let layout: DatasetLayout

    public init(configuration: IngestConfiguration) {
        self.configuration = configuration
        self.layout = DatasetLayout(root: configuration.output)
    }

    /// Hooks for the caller: progress and a stat cache to consult and update.
    public struct Context: Sendable {
        public var session: String
        public var weirVersion: String
        /// Known content hashes by path relative to the source folder.
        package var statCache: [String: (stat: FileStat, sha256: String)]
        /// Called after each staged file with (done, total).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Stage every file again, changed or not (`weir run --force` of the stage).
        public var restageAll = false
        /// The pipeline run of the stage, recorded with the schema changes it makes.
        public var run: String?
        /// Stages the batch's files somewhere else (the tasks of a Slurm job array) instead of on
        /// this machine's threads; outcomes come back in the order of the work.
        var distribute: (@Sendable ([IngestPlan.Work], FileStager, Int64) throws -> [FileStager.Outcome])?

        public init(session: String, weirVersion: String, progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.session = session
            self.weirVersion = weirVersion
            self.statCache = [:]
            self.progress = progress
        }
    }

    /// The result of a batch, with the stat cache entries to remember.
    public struct Result: Sendable {
        public var summary: IngestSummary
        public var rows: [ManifestRow]
        package var hashed: [String: (stat: FileStat, sha256: String)]
        /// The parts this batch wrote, by path relative to the dataset, with their content hashes.
        package var parts: [String: (stat: FileStat, sha256: String)] = [:]
    }

    public func run(_ context: Context) throws -> Result {
        let started = Date()
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: layout.manifestDirectory, withIntermediateDirectories: true)
        let store = ManifestStore(layout: layout)
        let currentRows = try store.current()
        if fileManager.fileExists(atPath: layout.inProgressMarker) {
            try removeOrphans(keeping: currentRows)
        }
        let discovery = try SourceDiscovery(
            root: configuration.source, pattern: configuration.pattern, filters: configuration.filters,
            include: configuration.include, exclude: configuration.exclude
        ).discover()
        var current: [String: ManifestRow] = [:]
        for row in currentRows { current[row.sourcePath] = row }
        let source = configuration.source
        let digest = configuration.configurationDigest
        let plan = try IngestPlan.make(
            discovery: discovery, manifest: current, statCache: context.statCache,
            runID: { path, sha256 in FileStager.runID(configuration: digest, path: path, sha256: sha256) },
            restageAll: context.restageAll
        ) { relative in
            try Digest.file(source + "/" + relative, path: source + "/" + relative).sha256
        }
        PhaseTrace.mark("batch: discovered+planned")
        var summary = IngestSummary()
        summary.discovered = discovery.matches.count + discovery.rejections.count
        summary.filteredOut = discovery.filteredOut
        summary.skipped = plan.unchanged.count
        summary.hashed = plan.hashed.count
        summary.deleted = plan.deleted.count
        let droppedDeleted = configuration.onDeleted == .drop && !plan.deleted.isEmpty
        let firstBatch = !fileManager.fileExists(atPath: layout.manifestPath)
        guard !plan.toStage.isEmpty || !plan.rejectedNames.isEmpty || droppedDeleted || firstBatch else {
            summary.seconds = Date().timeIntervalSince(started)
            return Result(summary: summary, rows: currentRows, hashed: plan.hashed)
        }

        try FileSync.writeDurably(Array("batch \(context.session)\n".utf8), to: layout.inProgressMarker)
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        var schemas = try SchemaBatch(
            layout: layout, configuration: configuration, manifest: currentRows, context: context)
        var stager = FileStager(
            configuration: configuration, layout: layout, session: context.session, weirVersion: context.weirVersion)
        stager.known = schemas.known
        var outcomes =
            try context.distribute?(plan.toStage, stager, now)
            ?? stageAll(plan.toStage, stager: stager, context: context, now: now)
        try Self.checkStop(outcomes)
        PhaseTrace.mark("batch: staged all")
        schemas.settle(outcomes)
        // Files whose columns the batch settled otherwise are read again as the dataset's types.
        let again = outcomes.indices.filter { schemas.mustRestage(outcomes[$0]) }
        if !again.isEmpty {
            stager.known = schemas.final
            stager.settled = true
            for index in again {
                if let part = outcomes[index].part { unlink(layout.root + "/" + part.path) }
            }
            var quiet = context
            quiet.progress = nil
            let redone = stageAll(again.map { plan.toStage[$0] }, stager: stager, context: quiet, now: now)
            try Self.checkStop(redone)
            for (index, outcome) in zip(again, redone) { outcomes[index] = outcome }
            PhaseTrace.mark("batch: restaged \(again.count)")
        }
        for index in outcomes.indices {
            outcomes[index].row.schemaVersion = schemas.version(of: outcomes[index].kind)
        }
        var next = current
        var superseded: [ManifestRow] = []
        var parts: [String: (stat: FileStat, sha256: String)] = [:]
        for outcome in outcomes {
            if let part = outcome.part { parts[part.path] = (part.stat, part.sha256) }
            if let previous = current[outcome.row.sourcePath] {
                if previous.runID != outcome.row.runID {
                    superseded.append(previous)
                } else {
                    // Staged again under the same run id (a forced run): what the new outcome no
                    // longer has must go now, since no later step will see it as superseded.
                    clearLeftovers(of: previous, now: outcome)
                }
            }
            next[outcome.row.sourcePath] = outcome.row
            summary.bytesRead += outcome.bytesRead
            if outcome.row.status == .staged {
                summary.staged += 1
                summary.rows += outcome.row.rows
                summary.rejectedRows += outcome.row.rejectedRows
                if !outcome.rejectedRows.isEmpty {
                    try writeRejects(outcome.rejectedRows, row: outcome.row)
                }
            } else {
                summary.rejected += 1
            }
        }
        for name in plan.rejectedNames {
            if let previous = current[name.relativePath] { superseded.append(previous) }
            next[name.relativePath] = ManifestRow(
                runID: FileStager.runID(
                    configuration: configuration.configurationDigest, path: name.relativePath, sha256: name.sha256),
                sourcePath: name.relativePath, sourceSize: name.stat.size, sourceHash: name.sha256, status: .rejected,
                reason: name.reason, rows: 0, dataPath: nil, fields: [:], schemaVersion: configuration.schemaVersion,
                weirVersion: context.weirVersion, session: context.session, ingestedAt: now
            )
            summary.rejected += 1
        }
        if configuration.onDeleted == .drop {
            for path in plan.deleted {
                if let previous = next.removeValue(forKey: path) { superseded.append(previous) }
            }
        }
        PhaseTrace.mark("batch: rows built")
        try FileSync.syncFileSystem(containing: layout.root)
        PhaseTrace.mark("batch: syncfs")
        let rows = Array(next.values)
        try schemas.commit(snapshot: store.nextSnapshotNumber())
        summary.snapshot = try store.commit(rows, metadata: ["weir.session": context.session])
        summary.schemaChanges = schemas.changeCount
        PhaseTrace.mark("batch: manifest committed")
        // Only now that the snapshot no longer lists them may the superseded parts go.
        let kept = Set(rows.map(\.runID))
        for row in superseded where !kept.contains(row.runID) { removeRun(row) }
        try? fileManager.removeItem(atPath: layout.inProgressMarker)
        summary.seconds = Date().timeIntervalSince(started)
        return Result(summary: summary, rows: rows, hashed: plan.hashed, parts: parts)
    }

    private static func checkStop(_ outcomes: [FileStager.Outcome]) throws {
        if let stop = outcomes.lazy.compactMap(\.stop).first {
            throw IngestEnvironmentError(
                message: stop + " Nothing of this batch was committed; run again once that is fixed.")
        }
    }

    /// Stages files on `jobs` threads; results come back in plan order.
    func stageAll(_ work: [IngestPlan.Work], stager: FileStager, context: Context, now: Int64)
        -> [FileStager.Outcome]
    {
        let results = OutcomeSlots(count: work.count)
        let workers = max(1, min(configuration.jobs, work.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claim() {
                results.store(stager.stage(work[index], now: now), at: index)
                context.progress?(results.finished, work.count)
            }
        }
        return results.outcomes()
    }

    private func writeRejects(_ rejected: [FileStager.RejectedRow], row: ManifestRow) throws {
        let relative = DatasetLayout.rejectsPath(runID: row.runID)
        let absolute = layout.root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: String(absolute[..<absolute.lastIndex(of: "/")!]), withIntermediateDirectories: true)
        let batch = RecordBatch(columns: [
            Column(
                field: Field("source_path", .string, nullable: false),
                storage: .bytes(ByteArrays(rejected.map { _ in row.sourcePath }))),
            Column(field: Field("line", .int64, nullable: false), storage: .int64(rejected.map { Int64($0.line) })),
            Column(
                field: Field("column", .int64), storage: .int64(rejected.map { Int64($0.column ?? 0) }),
                validity: rejected.contains { $0.column == nil } ? rejected.map { $0.column != nil } : nil),
            Column(
                field: Field("byte_offset", .int64), storage: .int64(rejected.map { Int64($0.byteOffset ?? 0) }),
                validity: rejected.contains { $0.byteOffset == nil } ? rejected.map { $0.byteOffset != nil } : nil),
            Column(
                field: Field("reason", .string, nullable: false), storage: .bytes(ByteArrays(rejected.map(\.reason)))),
            Column(field: Field("text", .string, nullable: false), storage: .bytes(ByteArrays(rejected.map(\.text)))),
        ])
        try ParquetWriter.write(batch, to: absolute)
    }

    /// After a file was staged again under the same run id: removes its old part if it is now
    /// rejected, and its old rejected rows if it has none now.
    private func clearLeftovers(of previous: ManifestRow, now outcome: FileStager.Outcome) {
        if outcome.row.status == .rejected, previous.status == .staged { removeRun(previous) }
        if outcome.row.status == .staged, outcome.rejectedRows.isEmpty, previous.rejectedRows > 0 {
            try? FileManager.default.removeItem(atPath: layout.root + "/_rejects/run_id=" + previous.runID)
        }
    }

    private func removeRun(_ row: ManifestRow) {
        if let dataPath = row.dataPath {
            let part = layout.root + "/" + dataPath
            try? FileManager.default.removeItem(atPath: String(part[..<part.lastIndex(of: "/")!]))
        }
        try? FileManager.default.removeItem(atPath: layout.root + "/_rejects/run_id=" + row.runID)
    }

    /// Removes `run_id=` folders (data and rejects) that the manifest does not list.
    func removeOrphans(keeping rows: [ManifestRow]) throws {
        let listed = Set(rows.map(\.runID))
        let fileManager = FileManager.default
        guard let walker = fileManager.enumerator(atPath: layout.root) else { return }
        var orphans: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if relative.hasPrefix("_manifest") { walker.skipDescendants(); continue }
            if name.hasPrefix("run_id=") {
                walker.skipDescendants()
                if !listed.contains(String(name.dropFirst(7))) { orphans.append(relative) }
            }
        }
        for orphan in orphans { try fileManager.removeItem(atPath: layout.root + "/" + orphan) }
    }
}

/// Per-index result slots filled by several threads.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [FileStager.Outcome?]
    private var nextIndex = 0
    /// Set once an outcome says the batch must stop: no more files are claimed.
    private var stopped = false
    private(set) var finished = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < slots.count, !stopped else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ outcome: FileStager.Outcome, at index: Int) {
        lock.lock()
        slots[index] = outcome
        if outcome.stop != nil { stopped = true }
        finished += 1
        lock.unlock()
    }

    func outcomes() -> [FileStager.Outcome] { slots.compactMap { $0 } }
}
