import Foundation

extension StateStore {
    static let runColumns = """
        id, stage, fingerprint, session, status, reasons, started_at, finished_at, exit_code, output_hash, \
        output_bytes, output_files, wall_seconds, cpu_seconds, peak_memory_bytes, slurm_job
        """

    /// The shortest run id prefix that ``run(_:)`` accepts.
    public static let minimumRunPrefixLength = 4

    /// Inserts `run`, or replaces the stored run with the same id.
    public func recordRun(_ run: RunRecord) throws {
        let arguments: StateArguments = [
            run.id, run.stage, run.fingerprintJSON, run.session, run.status.rawValue, run.reasonsJSON,
            StateTime.format(run.startedAt), run.finishedAt.map(StateTime.format), run.exitCode.map { Int64($0) },
            run.outputHash, run.outputBytes, run.outputFiles, run.wallSeconds, run.cpuSeconds, run.peakMemoryBytes,
            run.slurmJob,
        ]
        try write("record run '\(run.id)'") { db in
            try db.execute(
                """
                INSERT INTO runs (\(Self.runColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    stage = excluded.stage, fingerprint = excluded.fingerprint, session = excluded.session,
                    status = excluded.status, reasons = excluded.reasons, started_at = excluded.started_at,
                    finished_at = excluded.finished_at, exit_code = excluded.exit_code,
                    output_hash = excluded.output_hash, output_bytes = excluded.output_bytes,
                    output_files = excluded.output_files, wall_seconds = excluded.wall_seconds,
                    cpu_seconds = excluded.cpu_seconds, peak_memory_bytes = excluded.peak_memory_bytes,
                    slurm_job = excluded.slurm_job
                """, arguments)
        }
    }

    /// The run whose id is `idOrPrefix`, or the only run whose id starts with it.
    ///
    /// - Parameter idOrPrefix: A full run id, or at least ``minimumRunPrefixLength`` hexadecimal characters of one.
    /// - Returns: nil when no run matches.
    /// - Throws: ``InvalidIdentifierError`` for a short or non-hexadecimal prefix, ``AmbiguousIdentifierError``
    ///   when the prefix matches several runs.
    public func run(_ idOrPrefix: String) throws -> RunRecord? {
        let key = idOrPrefix.lowercased()
        guard key.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw InvalidIdentifierError(
                kind: "run id", identifier: idOrPrefix,
                reason: "a run id is made of hexadecimal digits (0-9, a-f); see 'weir versions' and 'weir show VERSION'"
            )
        }
        guard key.utf8.count >= Self.minimumRunPrefixLength else {
            throw InvalidIdentifierError(
                kind: "run id", identifier: idOrPrefix,
                reason: "give at least \(Self.minimumRunPrefixLength) hexadecimal characters of the run id")
        }
        return try lookUp(
            idOrPrefix, key: key, what: "run", table: "runs", columns: Self.runColumns, decode: Self.decodeRun,
            id: \.id, describe: { "\($0.id)  stage '\($0.stage)'  started \(StateTime.display($0.startedAt))" })
    }

    /// Runs, newest first, of one stage or of all.
    public func runs(stage: String?, limit: Int?) throws -> [RunRecord] {
        let filter = stage == nil ? "" : " WHERE stage = ?"
        var arguments: StateArguments = []
        if let stage { arguments += [stage] }
        arguments += [limit.map { Int64(max($0, 0)) } ?? unlimitedRows]
        let sql = "SELECT \(Self.runColumns) FROM runs\(filter) ORDER BY started_at DESC, id LIMIT ?"
        let fetchArguments = arguments
        return try read("read the runs") { db in
            try fetch(db, table: "runs", sql: sql, arguments: fetchArguments, Self.decodeRun)
        }
    }

    static func decodeRun(_ row: StateRow) throws -> RunRecord {
        RunRecord(
            id: try row.text(0), stage: try row.text(1), fingerprintJSON: try row.text(2), session: try row.text(3),
            status: try row.enumeration(4, "status"), reasonsJSON: try row.text(5),
            startedAt: try row.time(6, "started_at"), finishedAt: try row.optionalTime(7, "finished_at"),
            exitCode: try row.optionalInt32(8, "exit_code"), outputHash: try row.optionalText(9),
            outputBytes: try row.optionalInteger(10), outputFiles: try row.optionalInteger(11),
            wallSeconds: try row.optionalReal(12), cpuSeconds: try row.optionalReal(13),
            peakMemoryBytes: try row.optionalInteger(14), slurmJob: try row.optionalText(15))
    }
}

extension StateStore {
    /// The runs with exactly these ids, by id; ids without a recorded run are left out.
    public func runs(withIDs ids: some Collection<String>) throws -> [String: RunRecord] {
        let unique = Array(Set(ids)).sorted()
        if unique.isEmpty { return [:] }
        return try read("read runs by id") { db in
            var result: [String: RunRecord] = [:]
            var start = 0
            while start < unique.count {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                start += chunk.count
                let placeholders = chunk.map { _ in "?" }.joined(separator: ", ")
                let runs = try fetch(
                    db, table: "runs", sql: "SELECT \(Self.runColumns) FROM runs WHERE id IN (\(placeholders))",
                    arguments: StateArguments(chunk), Self.decodeRun)
                for run in runs { result[run.id] = run }
            }
            return result
        }
    }
}
