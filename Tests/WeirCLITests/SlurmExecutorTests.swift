import Foundation
import Testing
import Weir
import WeirTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Command stages on the local Slurm cluster (`scripts/setup-slurm`): the same outputs and
/// fingerprints as a local run, the job id with the run, logs, Slurm's own ends, leftovers.
@Suite(.serialized) struct SlurmExecutorTests {
    static func yaml(executor: String, slurm: String = "{partition: debug, cpus: 1, mem: 100M, time: \"00:05:00\"}")
        -> String
    {
        """
        executor: \(executor)
        slurm: \(slurm)
        stages:
          clean:
            cmd: >-
              printf '%s\\n' ${params.factor} "$WEIR_PARAM_FACTOR" > ${out}/args.txt &&
              cp "$WEIR_PARAMS" ${out}/params.json && cat ${deps.raw}/*.txt > ${out}/all.txt &&
              echo "cleaned with $WEIR_STAGE" && echo 'a warning' >&2
            deps: {raw: data/raw}
            params: {factor: 2}
            out: build/clean
          count:
            cmd: wc -l < ${deps.clean}/all.txt > ${out}/count.txt
            deps: {clean: stage:clean}
            executor: local
            out: build/count
        """
    }

    static func project(executor: String, store: StateStoreKind = .sqlite) throws -> PipelineFixture {
        let project = try PipelineFixture(
            ["weir.yaml": yaml(executor: executor), "data/raw/a.txt": "one\ntwo\n", "data/raw/b.txt": "three\n"],
            store: store)
        project.environment.merge(try SlurmTestCluster.environment()) { $1 }
        return project
    }

    @Test(arguments: StateStoreKind.allCases) func aCommandStageOnSlurmGivesTheOutputsAndFingerprintsOfALocalRun(
        store: StateStoreKind
    ) throws {
        let slurm = try Self.project(executor: "slurm", store: store)
        let local = try Self.project(executor: "local", store: store)
        let ran = try slurm.weir("run")
        #expect(ran.status == 0, "\(ran.stdout)\n\(ran.stderr)")
        #expect(ran.stdout.contains("[clean] submitted Slurm job "))
        #expect(ran.stdout.contains("[clean] cleaned with clean\n"))
        #expect(ran.stderr.contains("[clean] a warning\n"))
        #expect(try local.weir("run").status == 0)

        for out in ["build/clean", "build/count"] {
            let run = try #require(slurm.linkedRun(out))
            #expect(run == local.linkedRun(out), "run ids (fingerprints) differ for \(out)")
            let show = try JSONValue.parse(try slurm.weir("show", run, "--json").stdout)
            let localShow = try JSONValue.parse(try local.weir("show", run, "--json").stdout)
            #expect(show["output_hash"] == localShow["output_hash"])
            #expect(localShow["slurm_job"] == .null)
            if out == "build/clean" {
                let job = try #require(show["slurm_job"]?.stringValue)
                #expect(!job.isEmpty && job.allSatisfy(\.isNumber))
                #expect(try slurm.weir("show", run).stdout.contains("Slurm job:    \(job)\n"))
                #expect(try SlurmTestCluster.state(of: job) == "COMPLETED")
            } else {
                #expect(show["slurm_job"] == .null)
            }
        }
        let run = try #require(slurm.linkedRun("build/clean"))
        #expect(try slurm.read(".weir/runs/\(run)/_logs/stdout.log") == "cleaned with clean\n")
        #expect(try slurm.read(".weir/runs/\(run)/_logs/stderr.log") == "a warning\n")
        #expect(try slurm.read("build/clean/args.txt") == "2\n2\n")
        #expect(try slurm.read("build/count/count.txt").trimmingCharacters(in: .whitespaces) == "3\n")
        #expect(try slurm.weir("verify").status == 0)
        // Nothing to do the second time, on either executor.
        let again = try slurm.weir("status", "--json")
        #expect(again.stdout.contains("\"up-to-date\"") && !again.stdout.contains("will-run"))
    }

    @Test func weirRunExecutorLocalRunsASlurmProjectOnThisMachine() throws {
        let project = try Self.project(executor: "slurm")
        let result = try project.weir("run", "--executor", "local")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Slurm job"))
        let run = try #require(project.linkedRun("build/clean"))
        let show = try JSONValue.parse(try project.weir("show", run, "--json").stdout)
        #expect(show["slurm_job"] == .null)
    }

    @Test func aJobKilledByItsTimeLimitFailsItsStageWithSlurmsReason() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            executor: slurm
            stages:
              slow:
                cmd: echo started && sleep 600 && echo never > ${out}/x
                slurm: {time: "1"}
                out: build/slow
            """
        ])
        project.environment.merge(try SlurmTestCluster.environment()) { $1 }
        let result = try project.weir("run")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Slurm ended its job "), "\(result.stderr)")
        #expect(result.stderr.contains("as TIMEOUT (reason 'TimeLimit')"), "\(result.stderr)")
        #expect(result.stderr.contains("raise 'time' in the stage's 'slurm' options and run again"))
        #expect(try project.read(".weir/failed/slow/stdout.log") == "started\n")
        #expect(!project.exists("build/slow"))
    }

    @Test func sbatchMissingOrFailingIsAClearError() throws {
        let missing = try Self.project(executor: "slurm")
        let noSlurm = try missing.weir("run", environment: ["PATH": "/nonexistent"])
        #expect(noSlurm.status == 1)
        #expect(
            noSlurm.stderr.contains(
                "The Slurm command 'sbatch' was not found on PATH. Install Slurm's client commands"),
            "\(noSlurm.stderr)")

        let failing = try PipelineFixture([
            "weir.yaml": """
            stages:
              one:
                cmd: echo hi > ${out}/x
                executor: slurm
                slurm: {partition: nosuchpartition}
                out: build/one
            """
        ])
        failing.environment.merge(try SlurmTestCluster.environment()) { $1 }
        let result = try failing.weir("run")
        #expect(result.status == 1)
        #expect(result.stderr.contains("The Slurm command 'sbatch' failed (exit status 1): "), "\(result.stderr)")
        #expect(result.stderr.contains("nvalid partition"), "\(result.stderr)")
    }

    @Test func killingWeirRunThenRunningAgainCancelsTheJobItLeftAndSubmitsOneNewJob() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            executor: slurm
            stages:
              wait:
                cmd: sleep "$(cat delay.txt)" && echo done > ${out}/x
                out: build/wait
            """,
            "delay.txt": "600\n",
        ])
        let environment = try SlurmTestCluster.environment()
        project.environment.merge(environment) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the job to run, found by the id its run recorded.
        var first = ""
        for _ in 0..<200 {
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs")) ?? []
            if let folder = runs.first(where: { $0.hasPrefix(".tmp-") }),
                let text = try? String(
                    contentsOfFile: project.root + "/.weir/runs/\(folder)/_slurm/job-id", encoding: .utf8)
            {
                first = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !first.isEmpty, try SlurmTestCluster.state(of: first) == "RUNNING" { break }
            }
            usleep(100_000)
        }
        #expect(!first.isEmpty)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try SlurmTestCluster.state(of: first) == "RUNNING")

        try project.write("delay.txt", "1\n")
        let again = try project.weir("run")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("weir: cancelled Slurm job(s) \(first) left by an interrupted run."))
        #expect(try SlurmTestCluster.state(of: first) == "CANCELLED")
        let run = try #require(project.linkedRun("build/wait"))
        let show = try JSONValue.parse(try project.weir("show", run, "--json").stdout)
        let second = try #require(show["slurm_job"]?.stringValue)
        #expect(second != first)
        #expect(try project.read("build/wait/x") == "done\n")
        // No job of the project is left in the queue.
        let key = try #require(
            try SlurmTestCluster.command("scontrol", ["show", "job", "--oneliner", second]).stdout
                .split(separator: " ").first { $0.hasPrefix("JobName=") }.map { String($0.dropFirst(8)) })
        let prefix = String(key.dropLast("wait".count))
        #expect(
            try SlurmTestCluster.jobs(named: prefix).filter { $0.state == "RUNNING" || $0.state == "PENDING" }.isEmpty)
    }

    @Test func ctrlCCancelsTheRunningJobAndRecordsTheRunAsInterrupted() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            executor: slurm
            stages:
              wait:
                cmd: echo waiting && sleep 600
                out: build/wait
            """
        ])
        let environment = try SlurmTestCluster.environment()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let prefix = SlurmSubmission.jobNamePrefix(ProjectLocation(root: project.root))
        var job = ""
        for _ in 0..<300 where job.isEmpty {
            job = try SlurmTestCluster.jobs(named: prefix).first { $0.state == "RUNNING" }?.id ?? ""
            if job.isEmpty { usleep(50_000) }
        }
        #expect(!job.isEmpty)
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(text)")
        #expect(text.contains("weir: interrupted"), "\(text)")
        #expect(try SlurmTestCluster.state(of: job) == "CANCELLED")
        #expect(!project.exists("build/wait"))
        #expect(try project.read(".weir/failed/wait/stdout.log") == "waiting\n")
    }
}
