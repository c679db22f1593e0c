import Foundation
import Testing
import Weir
import WeirTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Ingest stages on a Slurm job array (`shards: N`): one manifest snapshot identical to a local run's,
/// a task killed mid-way retried once, nothing staged twice or lost.
@Suite(.serialized) struct SlurmShardTests {
    /// A project with the lab sample data; `extra` lines go into the ingest stage.
    static func project(extra: String, files: Int = 24, rows: Int = 20) throws -> PipelineFixture {
        let project = try PipelineFixture(["weir.yaml": LabIngestYAML.text(extra: extra)])
        project.environment.merge(try SlurmTestCluster.environment()) { $1 }
        let sample = try project.weir(
            "sample-data", "raw", "--files", "\(files)", "--rows", "\(rows)", "--bad", "0.1", "--seed", "7")
        #expect(sample.status == 0, "\(sample.stderr)")
        return project
    }

    /// The manifest's rows without what differs between any two runs (session, time), sorted.
    static func manifest(_ project: PipelineFixture) throws -> [ManifestRow] {
        try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet").map { row in
            var row = row
            row.session = ""
            row.ingestedAt = 0
            return row
        }.sorted { $0.sourcePath < $1.sourcePath }
    }

    /// Every file of the dataset (manifest files aside) with its content hash.
    static func parts(_ project: PipelineFixture) throws -> [String: String] {
        let root = project.root + "/data/stage/"
        var parts: [String: String] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        while let path = walker.nextObject() as? String {
            guard !path.hasPrefix("_manifest"), !path.hasPrefix("_schema"),
                let data = FileManager.default.contents(atPath: root + path), !data.isEmpty
            else { continue }
            parts[path] = Digest.sha256Hex(Array(data))
        }
        return parts
    }

    @Test(arguments: [1, 2, 4]) func shardsCommitTheManifestAndPartsOfALocalRun(shards: Int) throws {
        let sharded = try Self.project(extra: "executor: slurm\n    shards: \(shards)")
        let local = try Self.project(extra: "")
        let result = try sharded.weir("run")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("submitted Slurm job array"))
        #expect(try local.weir("run").status == 0)

        #expect(try Self.manifest(sharded) == Self.manifest(local))
        #expect(try Self.parts(sharded) == Self.parts(local))
        let run = try #require(sharded.linkedRun("data/stage"))
        #expect(run == local.linkedRun("data/stage"), "fingerprints differ")
        // (The runs' output hashes differ as any two batches' do: the manifest records each batch's
        // session and time. Everything else is compared above.)
        let show = try JSONValue.parse(try sharded.weir("show", run, "--json").stdout)
        #expect(show["slurm_job"]?.stringValue?.allSatisfy(\.isNumber) == true)
        for task in 0..<shards {
            #expect(sharded.exists(".weir/runs/\(run)/_logs/shards/task-\(task).stdout.log"))
        }
        #expect(try sharded.weir("verify").status == 0)

        // A changed file is all the next batch stages, on Slurm as locally.
        let staged = try ManifestStore.read(sharded.root + "/data/stage/_manifest/manifest.parquet").filter {
            $0.status == .staged
        }
        let target = "raw/" + staged[0].sourcePath
        for project in [sharded, local] {
            let text = try project.read(target)
            try project.write(target, text + text.split(separator: "\n").last! + "\n")
            let again = try project.weir("run")
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("staged 1 ·"), "\(again.stdout)")
        }
        #expect(try Self.manifest(sharded) == Self.manifest(local))
        #expect(try Self.parts(sharded) == Self.parts(local))
    }

    @Test func aTaskKilledMidWayIsRetriedOnceAndNothingIsStagedTwiceOrLost() throws {
        // Files large enough that a task is still staging when it is cancelled.
        let sharded = try Self.project(extra: "executor: slurm\n    shards: 2", files: 12, rows: 40000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: sharded.root)
        process.environment = ProcessInfo.processInfo.environment.merging(sharded.environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Cancel task 1 of the first array as soon as it runs.
        var cancelled = ""
        let prefix = SlurmSubmission.jobNamePrefix(ProjectLocation(root: sharded.root))
        for _ in 0..<600 where cancelled.isEmpty {
            for job in try SlurmTestCluster.jobs(named: prefix) where job.id.hasSuffix("_1") && job.state == "RUNNING" {
                #expect(try SlurmTestCluster.command("scancel", [job.id]).status == 0)
                cancelled = job.id
            }
            usleep(50_000)
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!cancelled.isEmpty)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("task 1 of job "), "\(text)")
        #expect(text.contains("retrying it once"), "\(text)")
        #expect(text.contains("retrying 1 task(s) as Slurm job array"), "\(text)")

        let run = try #require(sharded.linkedRun("data/stage"))
        let show = try JSONValue.parse(try sharded.weir("show", run, "--json").stdout)
        #expect(show["slurm_job"]?.stringValue?.split(separator: ",").count == 2)
        #expect(try sharded.weir("verify").status == 0)

        let local = try Self.project(extra: "", files: 12, rows: 40000)
        #expect(try local.weir("run").status == 0)
        let rows = try ManifestStore.read(sharded.root + "/data/stage/_manifest/manifest.parquet")
        #expect(Set(rows.map(\.sourcePath)).count == rows.count)
        #expect(try Self.manifest(sharded) == Self.manifest(local))
        #expect(try Self.parts(sharded) == Self.parts(local))
    }

    @Test func aTaskThatFailsTwiceFailsTheStageNamingItAndKeepsTheTasksLogs() throws {
        // The tasks start two seconds after submission (`--begin`); meanwhile weir.yaml changes the
        // stage's options, which every task refuses, the first time and on the retry.
        let project = try Self.project(
            extra: "executor: slurm\n    shards: 2\n    slurm: {args: [\"--begin=now+2\"]}", files: 8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let prefix = SlurmSubmission.jobNamePrefix(ProjectLocation(root: project.root))
        var submitted = false
        for _ in 0..<200 where !submitted {
            submitted = !(try SlurmTestCluster.jobs(named: prefix)).isEmpty
            if !submitted { usleep(20_000) }
        }
        #expect(submitted)
        try project.edit("weir.yaml", replacing: "timezone: America/Santiago", with: "timezone: UTC")
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(
            text.contains(
                "Stage 'stage' could not stage its files: its Slurm job array did not finish after one retry: task 0 exited with status 1; task 1 exited with status 1."
            ), "\(text)")
        let log = try project.read(".weir/failed/stage/shards/task-0.stderr.log")
        #expect(
            log.contains("The options of stage 'stage' in weir.yaml changed while the run was under way."), "\(log)")
        #expect(!project.exists("data/stage"))
    }

    @Test func theHiddenTaskCommandSaysWhatIsWrongWithItsPlan() throws {
        let folder = try TemporaryDirectory()
        let missing = try TestEnvironment.weir(["_ingest-shard", "--plan", folder.path + "/none.json", "--task", "0"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr == "error: The shard plan '\(folder.path)/none.json' cannot be read. Run 'weir run' again.\n"
        )
        _ = try folder.write("bad.json", "{}")
        let bad = try TestEnvironment.weir(["_ingest-shard", "--plan", folder.path + "/bad.json", "--task", "0"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.hasPrefix("error: The shard plan '\(folder.path)/bad.json' is not readable: "), "\(bad.stderr)")
        let help = try TestEnvironment.weir(["--help"])
        #expect(!help.stdout.contains("_ingest-shard"))
    }
}
