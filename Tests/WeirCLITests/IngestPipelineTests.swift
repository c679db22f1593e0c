import Foundation
import Testing
import Weir
import WeirTestSupport

/// `kind: ingest` stages through the built binary: configuration errors, runs, reasons, idempotency,
/// downstream cutoff, and what the peers read.
@Suite struct IngestPipelineTests {
    static let yaml = LabIngestYAML.text(
        more: """
              count:
                cmd: ls ${deps.stage}/*/*/*/part-000.parquet | wc -l > ${out}/parts.txt
                deps: {stage: stage:stage}
                out: build/count

            """)

    func project(files: Int = 24, bad: Double = 0.1, store: StateStoreKind) throws -> PipelineFixture {
        let project = try PipelineFixture(["weir.yaml": Self.yaml], store: store)
        let sample = try project.weir("sample-data", "raw", "--files", "\(files)", "--rows", "20", "--bad", "\(bad)")
        #expect(sample.status == 0, "\(sample.stderr)")
        return project
    }

    func reasons(_ status: JSONValue, _ stage: String) -> [String] {
        guard case .array(let stages) = status else { return [] }
        let entry = stages.first { $0["stage"]?.stringValue == stage }
        guard case .array(let reasons)? = entry?["reasons"] else { return [] }
        return reasons.compactMap { $0["kind"]?.stringValue }
    }

    func state(_ status: JSONValue, _ stage: String) -> String? {
        guard case .array(let stages) = status else { return nil }
        return stages.first { $0["stage"]?.stringValue == stage }?["state"]?.stringValue
    }

    @Test(arguments: StateStoreKind.allCases) func runsOnceThenNothingThenOnlyTheChangedFile(store: StateStoreKind)
        throws
    {
        let project = try project(store: store)
        let before = try project.status()
        #expect(state(before, "stage") == "will-run")
        #expect(reasons(before, "stage") == ["new-stage"])
        try project.run()
        #expect(state(try project.status(), "stage") == "up-to-date")
        #expect(state(try project.status(), "count") == "up-to-date")
        let staged = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet").filter {
            $0.status == .staged
        }
        #expect(
            try project.read("build/count/parts.txt").trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(staged.count)")

        let target = staged[0].sourcePath
        let text = try project.read("raw/" + target)
        try project.write("raw/" + target, text + text.split(separator: "\n").last! + "\n")
        let changed = try project.status()
        #expect(state(changed, "stage") == "will-run")
        #expect(reasons(changed, "stage") == ["input-changed"])
        #expect(reasons(changed, "count") == ["upstream-changed"])
        try project.run()
        let events = try project.weir("events", "--stage", "stage", "--json")
        guard case .array(let list) = try JSONValue.parse(events.stdout) else {
            Issue.record("events --json is not an array: \(events.stdout)")
            return
        }
        let batches = list.filter { $0["kind"]?.stringValue == "ingest-batch" }
        #expect(batches.count == 2)
        let last = try #require(batches.max { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) })
        #expect(last["fields"]?["staged"]?.intValue == 1)
        #expect(last["fields"]?["skipped"]?.intValue == 23)
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        #expect(rows.count == 24)
        #expect(rows.first { $0.sourcePath == target }!.rows == staged[0].rows + 1)
        let verify = try project.weir("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    /// A run starts from hard links to the previous run's files and trusts that run's hashes for
    /// them, except for a file modified after that run was committed: it is read again.
    @Test(arguments: StateStoreKind.allCases) func aPartModifiedAfterItsRunIsHashedAgainByTheNextRun(
        store: StateStoreKind
    ) throws {
        let project = try project(files: 6, bad: 0, store: store)
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        let tampered = try #require(rows.first?.dataPath)
        usleep(20_000)
        let handle = try #require(FileHandle(forWritingAtPath: project.root + "/data/stage/" + tampered))
        handle.seekToEndOfFile()
        handle.write(Data("tampered".utf8))
        try handle.close()
        let changed = try #require(rows.last?.sourcePath)
        try project.write("raw/" + changed, try project.read("raw/" + changed) + "\n")
        try project.run()
        let run = try #require(project.linkedRun("data/stage"))
        let record = try JSONValue.parse(try project.read(".weir/runs/\(run)/_SUCCESS"))
        guard case .array(let files)? = record["files"] else {
            Issue.record("no files in the record")
            return
        }
        let entry = try #require(files.first { $0["path"]?.stringValue == tampered })
        let sum = try ProcessRunner.run("/usr/bin/sha256sum", [project.root + "/.weir/runs/\(run)/out/" + tampered])
        #expect(entry["sha256"]?.stringValue == String(sum.stdout.prefix(64)))
        let newParts = files.filter { $0["path"]?.stringValue?.hasSuffix("part-000.parquet") == true }
        #expect(newParts.count == 6)
    }

    @Test(arguments: StateStoreKind.allCases) func anOptionChangeRestagesEverythingAndOldVersionsStayReadable(
        store: StateStoreKind
    ) throws {
        let project = try project(files: 6, bad: 0, store: store)
        try project.run()
        let firstRun = try #require(project.linkedRun("data/stage"))
        try project.edit("weir.yaml", replacing: "partition_by: [proc, date]", with: "partition_by: [proc]")
        let status = try project.status()
        #expect(reasons(status, "stage") == ["command-changed"])
        try project.run()
        let parts = try FileManager.default.subpathsOfDirectory(atPath: project.root + "/data/stage/").filter {
            $0.hasSuffix("part-000.parquet")
        }
        #expect(parts.count == 6)
        #expect(parts.allSatisfy { $0.hasPrefix("proc=") && $0.split(separator: "/")[1].hasPrefix("run_id=") })
        // The first version's snapshot still holds its own files (hard links), so checking it out works.
        let checkout = try project.weir("checkout", "v1")
        #expect(checkout.status == 0, "\(checkout.stderr)")
        #expect(project.linkedRun("data/stage") == firstRun)
        let old = try FileManager.default.subpathsOfDirectory(atPath: project.root + "/data/stage/").filter {
            $0.hasSuffix("part-000.parquet")
        }
        #expect(old.count == 6)
        #expect(old.allSatisfy { $0.split(separator: "/")[1].hasPrefix("date=") })
        #expect(try project.weir("verify").status == 0)
    }

    @Test(arguments: [
        (
            "    pattern: \"{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv\"\n", "",
            "weir.yaml:2:3: Stage 'stage' is missing the required key 'pattern'. Add it, for example 'pattern: \"{date:date}/{name}_{idx:int}.csv\"'."
        ),
        (
            "{idx:int}.csv", "{idx:number}.csv",
            "The 'pattern' of stage 'stage' is invalid. The pattern '{date:date}/{group}{chip:int}_{proc}_{idx:number}.csv' is invalid: the field 'idx' has the unknown type 'number'."
        ),
        (
            "America/Santiago", "America/Santiag",
            "The 'timezone' of stage 'stage' is invalid. The time zone 'America/Santiag' is unknown."
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    filters: {chipp: 1..5}\n",
            "The filter 'chipp' of stage 'stage' is invalid. The pattern has no field 'chipp'. Did you mean 'chip'?"
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    filters: {chip: 9..5}\n",
            "is an empty range: its lower bound is above its upper bound. Swap the bounds."
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    schema: {i_a: doubel}\n",
            "The type 'doubel' of column 'i_a' is unknown."
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    patern: x\n",
            "Unknown key 'patern' in stage 'stage'. Did you mean 'pattern'?"
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    on_bad_rows: skip\n",
            "Use 'fail' (a bad row rejects its whole file) or 'reject' (bad rows go to the rejects table)."
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    csv: {encoding: ebcdic}\n",
            "weir.yaml:9:21: The 'csv.encoding' of stage 'stage' is invalid. Use 'utf-8' (the default) or 'latin1'"
        ),
        (
            "    partition_by: [proc, date]\n", "    partition_by: [proc, date]\n    csv: {decimal: \"'\"}\n",
            "The 'csv.decimal' of stage 'stage' is invalid. Use '.' (the default) or ','"
        ),
        (
            "    header_metadata: true\n", "    header_metadata: sometimes\n",
            "weir.yaml:6:22: The 'header_metadata' of stage 'stage' must be true, optional or false, not the text 'sometimes'."
        ),
    ])
    func configurationErrorsSayWhereAndHowToFix(old: String, new: String, message: String) throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml.replacingOccurrences(of: old, with: new)])
        let result = try project.weir("status")
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(arguments: StateStoreKind.allCases) func duckdbAndPolarsReadExactlyTheManifestRowsThroughTheOutputLink(
        store: StateStoreKind
    ) throws {
        let project = try project(files: 30, bad: 0.15, store: store)
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        let expected = rows.filter { $0.status == .staged }.reduce(0) { $0 + $1.rows }
        let script = """
            import os, sys, duckdb, polars as pl
            root = sys.argv[1]
            n = duckdb.sql(f"select count(*) from read_parquet('{root}/*/*/*/*.parquet', hive_partitioning=true, union_by_name=true)").fetchall()[0][0]
            procs = sorted(d for d in os.listdir(root) if d.startswith("proc="))
            m = pl.concat([pl.scan_parquet(f"{root}/{p}/*/*/*.parquet", hive_partitioning=True) for p in procs], how="diagonal").select(pl.len()).collect().item()
            print(n, m)
            """
        let output = try TestEnvironment.python(script, [project.root + "/data/stage"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(expected) \(expected)")
    }

    @Test(arguments: StateStoreKind.allCases) func killNineDuringABatchLeavesNoDuplicateAndNoOrphan(
        store: StateStoreKind
    ) throws {
        let project = try project(files: 120, bad: 0.05, store: store)
        var random = SplitMix64(seed: 0x1A6)
        for _ in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
            process.arguments = ["run", "--force", "stage"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(50_000 + random.next() % 900_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if let run = project.linkedRun("data/stage") {
                #expect(FileManager.default.fileExists(atPath: project.root + "/.weir/runs/\(run)/_SUCCESS"))
            }
        }
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        #expect(rows.count == 120)
        #expect(Set(rows.map(\.sourcePath)).count == 120)
        let listed = Set(rows.compactMap(\.dataPath))
        let parts = try FileManager.default.subpathsOfDirectory(atPath: project.root + "/data/stage/")
            .filter { $0.hasSuffix("part-000.parquet") }
        #expect(Set(parts) == listed)
        // Every run folder left is a committed one: the killed batches' folders are gone.
        let runs = try FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs")
        #expect(!runs.isEmpty)
        for run in runs {
            #expect(FileManager.default.fileExists(atPath: project.root + "/.weir/runs/\(run)/_SUCCESS"), "\(run)")
        }
        #expect(try project.weir("verify").status == 0)
    }
}
