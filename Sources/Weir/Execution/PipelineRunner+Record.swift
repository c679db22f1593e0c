import Foundation

extension PipelineRunner {
    /// Records that a stage's command is starting.
    func recordStart(_ job: StageJob, plan: StagePlan) {
        let reasons = (try? plan.reasons.json.canonicalString()) ?? "[]"
        if !runs.isCommitted(job.fingerprint.runID) {
            let record = RunRecord(
                id: job.fingerprint.runID, stage: job.stage.name, fingerprintJSON: job.fingerprint.canonicalJSON,
                session: session, status: .running, reasonsJSON: reasons, startedAt: Date())
            writer.write { try $0.recordRun(record) }
        }
        event(
            .info, stage: job.stage.name, kind: "stage-started",
            "Running '\(job.stage.name)': " + plan.reasons.map(\.text).joined(separator: "; "),
            fields: ["run": .string(job.fingerprint.runID), "reasons": plan.reasons.json])
    }

    /// Links, records and reports a finished job.
    func finish(_ completion: (stage: String, plan: StagePlan, result: StageJob.Result)) -> (
        StageResult, StatusPlanner.Upstream?
    ) {
        let name = completion.stage
        let plan = completion.plan
        let stage = pipeline.stage(named: name)!
        let runID = plan.fingerprint?.runID ?? ""
        switch completion.result {
        case .committed(let record, let outcome, let child):
            do {
                try OutputLink(project: project, path: stage.out).point(to: record.runID, stage: name)
            } catch {
                return failed(name, plan: plan, status: 1, message: error.description, child: child)
            }
            let reasons = (try? plan.reasons.json.canonicalString()) ?? "[]"
            let row = RunRecord(
                id: record.runID, stage: name, fingerprintJSON: plan.fingerprint?.canonicalJSON ?? "{}",
                session: session, status: .succeeded, reasonsJSON: reasons, startedAt: record.startedAt,
                finishedAt: record.finishedAt, exitCode: 0, outputHash: record.outputHash,
                outputBytes: record.outputBytes, outputFiles: Int64(record.outputFiles),
                wallSeconds: child.wallSeconds, cpuSeconds: child.cpuSeconds,
                peakMemoryBytes: child.peakMemoryBytes, slurmJob: child.slurmJob)
            writer.write { try $0.recordRun(row) }
            recordMetrics(stage: name, run: record.runID, child: child, record: record)
            if !stage.metrics.isEmpty { recordUserMetrics(stage: name, run: record.runID) }
            if stage.kind == .ingest { recordIngestSummary(stage: name, run: record.runID) }
            if stage.kind == .export || stage.kind == .quality || stage.kind == .resample || stage.kind == .merge {
                recordTransformSummary(stage: name, run: record.runID)
            }
            let note = outcome == .alreadyPresent ? " (identical to the committed run)" : ""
            event(
                .info, stage: name, kind: "stage-succeeded",
                "'\(name)' succeeded in \(Self.seconds(child.wallSeconds))\(note).",
                fields: ["run": .string(record.runID), "output_hash": .string(record.outputHash)])
            let result = StageResult(
                stage: name, plan: plan,
                outcome: .ran(run: record.runID, outputHash: record.outputHash, identical: outcome == .alreadyPresent),
                wallSeconds: child.wallSeconds)
            return (result, .known(runID: record.runID, outputHash: record.outputHash))
        case .commandFailed(let child):
            if let end = child.slurmEnd {
                let message =
                    "Stage '\(name)' failed: Slurm ended its job \(child.slurmJob ?? "?") as \(end). Its output so far is kept in '.weir/failed/\(name)/'; \(SlurmJobInfo.advice(forEnd: end))."
                return failed(name, plan: plan, status: child.status, message: message, child: child, runID: runID)
            }
            let how = child.signal.map { "was killed by signal \($0)" } ?? "exited with status \(child.status)"
            let message =
                "Stage '\(name)' failed: its command \(how). Its output is shown above and kept in '.weir/failed/\(name)/'; fix the command and run again."
            return failed(name, plan: plan, status: child.status, message: message, child: child, runID: runID)
        case .error(let message):
            return failed(name, plan: plan, status: 1, message: message, child: nil, runID: runID)
        }
    }

    private func failed(
        _ name: String, plan: StagePlan, status: Int32, message: String, child: ChildResult?, runID: String = ""
    ) -> (StageResult, StatusPlanner.Upstream?) {
        if !runID.isEmpty, !runs.isCommitted(runID) {
            let row = RunRecord(
                id: runID, stage: name, fingerprintJSON: plan.fingerprint?.canonicalJSON ?? "{}", session: session,
                status: .failed, reasonsJSON: (try? plan.reasons.json.canonicalString()) ?? "[]",
                startedAt: Date(timeIntervalSinceNow: -(child?.wallSeconds ?? 0)), finishedAt: Date(),
                exitCode: status, wallSeconds: child?.wallSeconds, cpuSeconds: child?.cpuSeconds,
                peakMemoryBytes: child?.peakMemoryBytes, slurmJob: child?.slurmJob)
            writer.write { try $0.recordRun(row) }
        }
        event(.error, stage: name, kind: "stage-failed", message, fields: ["status": .int(Int64(status))])
        let result = StageResult(
            stage: name, plan: plan, outcome: .failed(status: status, message: message), wallSeconds: child?.wallSeconds
        )
        return (result, nil)
    }

    /// Makes sure the store knows a run that is linked without running (committed by an earlier,
    /// interrupted session or by the check-and-load cache).
    func recordReuse(stage: String, run: String, plan: StagePlan) throws {
        if try store.run(run)?.id != run, let record = try? runs.record(run) {
            try store.recordRun(
                RunRecord(
                    id: run, stage: stage, fingerprintJSON: plan.fingerprint?.canonicalJSON ?? "{}", session: session,
                    status: .succeeded, reasonsJSON: "[]", startedAt: record.startedAt, finishedAt: record.finishedAt,
                    exitCode: 0, outputHash: record.outputHash, outputBytes: record.outputBytes,
                    outputFiles: Int64(record.outputFiles), wallSeconds: record.wallSeconds,
                    cpuSeconds: record.cpuSeconds, peakMemoryBytes: record.peakMemoryBytes))
        }
        let kind = plan.state == .upToDate ? "stage-up-to-date" : "stage-reused"
        let message =
            plan.state == .upToDate
            ? "'\(stage)' is up to date."
            : "'\(stage)' reuses run \(run.prefix(12)): " + plan.reasons.map(\.text).joined(separator: "; ")
        event(.info, stage: stage, kind: kind, message, fields: ["run": .string(run)])
    }

    /// Records an ingest batch's audit: counts as an event and as metrics.
    private func recordIngestSummary(stage: String, run: String) {
        let path = runs.folder(run) + "/_logs/ingest-summary.json"
        guard let data = FileManager.default.contents(atPath: path),
            let summary = try? JSONDecoder().decode(IngestSummary.self, from: data)
        else { return }
        let counts: [(String, Double, String)] = [
            ("files_discovered", Double(summary.discovered), "files"), ("files_skipped", Double(summary.skipped), "files"),
            ("files_staged", Double(summary.staged), "files"), ("files_rejected", Double(summary.rejected), "files"),
            ("rows_staged", Double(summary.rows), "rows"), ("rows_rejected", Double(summary.rejectedRows), "rows"),
            ("bytes_read", Double(summary.bytesRead), "bytes"),
        ]
        let session = self.session
        writer.write { store in
            for (name, value, unit) in counts {
                try store.recordMetric(MetricRecord(session: session, stage: stage, run: run, name: name, value: value, unit: unit))
            }
        }
        event(
            summary.rejected > 0 ? .warning : .info, stage: stage, kind: "ingest-batch", "'\(stage)': " + summary.text,
            fields: [
                "discovered": .int(Int64(summary.discovered)), "skipped": .int(Int64(summary.skipped)),
                "staged": .int(Int64(summary.staged)), "rejected": .int(Int64(summary.rejected)),
                "rows": .int(summary.rows), "rejected_rows": .int(summary.rejectedRows),
                "snapshot": summary.snapshot.map { .int(Int64($0)) } ?? .null, "seconds": .double(summary.seconds),
            ])
    }

    /// Records a transform's rows and spills as metrics, and its warnings as events.
    private func recordTransformSummary(stage: String, run: String) {
        let path = runs.folder(run) + "/_logs/transform-summary.json"
        guard let data = FileManager.default.contents(atPath: path),
            let summary = try? JSONDecoder().decode(TransformSummary.self, from: data)
        else { return }
        let values: [(String, Double, String)] = [
            ("rows_in", Double(summary.rowsIn), "rows"), ("rows_out", Double(summary.rowsOut), "rows"),
            ("batches_in", Double(summary.batchesIn), "batches"), ("bytes_out", Double(summary.bytesOut), "bytes"),
            ("spill_bytes", Double(summary.spillBytes), "bytes"),
        ]
        let session = self.session
        writer.write { store in
            for (name, value, unit) in values {
                try store.recordMetric(MetricRecord(session: session, stage: stage, run: run, name: name, value: value, unit: unit))
            }
        }
        for warning in summary.warnings {
            event(.warning, stage: stage, kind: "quality-warning", "'\(stage)': " + warning, fields: ["run": .string(run)])
        }
        // A resample's notice says it passed its input through; a merge's, how it joined.
        let noticeKind = summary.kind == "resample" ? "resample-passthrough" : "\(summary.kind)-summary"
        for notice in summary.notices ?? [] {
            event(.info, stage: stage, kind: noticeKind, "'\(stage)': " + notice, fields: ["run": .string(run)])
        }
    }

    /// The numbers of a command stage's `metrics:` files, flattened by the run into its logs.
    private func recordUserMetrics(stage: String, run: String) {
        let path = runs.folder(run) + "/_logs/user-metrics.json"
        guard let data = FileManager.default.contents(atPath: path),
            let values = try? JSONDecoder().decode([String: Double].self, from: data)
        else { return }
        let session = self.session
        writer.write { store in
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                try store.recordMetric(MetricRecord(session: session, stage: stage, run: run, name: name, value: value, unit: ""))
            }
        }
    }

    private func recordMetrics(stage: String, run: String, child: ChildResult, record: SuccessRecord) {
        let values: [(String, Double, String)] =
            [
                ("wall_time", child.wallSeconds, "s"),
                ("cpu_time", child.cpuSeconds, "s"),
                ("output_bytes", Double(record.outputBytes), "bytes"),
                ("output_files", Double(record.outputFiles), "files"),
            ] + (child.peakMemoryBytes.map { [("peak_memory", Double($0), "bytes")] } ?? [])
        let session = self.session
        writer.write { store in
            for (name, value, unit) in values {
                try store.recordMetric(
                    MetricRecord(session: session, stage: stage, run: run, name: name, value: value, unit: unit))
            }
        }
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2fs", value) : String(format: "%.1fs", value)
    }
}
