import Foundation
import Testing
import Weir
import WeirTestSupport

/// `kill -9` of `weir run` at random moments never leaves a partial output, a failing `weir verify`,
/// or a project the next `weir run` cannot finish.
@Suite struct PipelineCrashTests {
    /// gen writes i·n into four files, double doubles each, sum adds them (20·n); side is independent.
    static let yaml = """
        stages:
          gen:
            cmd: for i in 1 2 3 4; do echo $((i * WEIR_PARAM_N)) > ${out}/part$i.txt; sleep 0.01; done
            params: {n: 1}
            out: build/gen
          double:
            cmd: for f in ${deps.gen}/*.txt; do echo $(($(cat $f) * 2)) > ${out}/$(basename $f); sleep 0.01; done
            deps: {gen: stage:gen}
            out: build/double
          sum:
            cmd: cat ${deps.d}/*.txt | awk '{s += $1} END {print s}' > ${out}/sum.txt; sleep 0.02
            deps: {d: stage:double}
            out: build/sum
          side:
            cmd: for i in 1 2 3; do echo side > ${out}/s$i.txt; sleep 0.01; done
            params: {n: 1}
            out: build/side

        """

    static let expectedFiles = ["gen": 4, "double": 4, "sum": 1, "side": 3]

    @Test(arguments: StateStoreKind.allCases) func killNineAtRandomMomentsNeverBreaksTheProject(store: StateStoreKind)
        throws
    {
        let project = try PipelineFixture(["weir.yaml": Self.yaml], store: store)
        var random = SplitMix64(seed: 0x5EED_0004)
        var fullRun = try timed { try project.run() }
        var kills = 0
        var recoveries = 0
        var n = 1

        // Each round changes the param, so every stage but 'side' must run again; the kill lands at a
        // random moment within the time such a run takes, measured without a kill every tenth round.
        // A run that finishes before its kill is not counted; rounds go on until 50 runs were killed.
        for round in 1...160 where kills < 50 {
            n += 1
            try project.edit("weir.yaml", replacing: "params: {n: \(n - 1)}", with: "params: {n: \(n)}")
            if round % 10 == 1 {
                fullRun = try timed { try project.run() }
                #expect(try project.read("build/sum/sum.txt") == "\(20 * n)\n")
                continue
            }
            let delay = Double(random.next() % 1000) / 1000 * fullRun
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
            process.arguments = ["run"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()

            try checkNoPartialOutput(project, round: n)
            let verify = try project.weir("verify")
            #expect(verify.status == 0, "verify after round \(n): \(verify.stdout) \(verify.stderr)")
            #expect(try project.weir("status").status == 0)

            let finish = try project.weir("run")
            #expect(finish.status == 0, "run after round \(n): \(finish.stderr)")
            if finish.stderr.contains("warning: Recovered the lock of 'weir run'") { recoveries += 1 }
            #expect(try project.read("build/sum/sum.txt") == "\(20 * n)\n", "sum after round \(n)")
            #expect(try project.read("build/gen/part4.txt") == "\(4 * n)\n")
        }
        #expect(kills == 50)
        #expect(recoveries >= 1)
        #expect(try project.weir("verify", "--all").status == 0)
    }

    /// Seconds `body` took.
    func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    /// Every output link points at a committed run holding all of the stage's files, and every
    /// folder under `.weir/runs` is either committed or a temporary folder readers ignore.
    func checkNoPartialOutput(_ project: PipelineFixture, round iteration: Int) throws {
        for (stage, count) in Self.expectedFiles {
            guard let run = project.linkedRun("build/\(stage)") else { continue }
            #expect(
                project.exists(".weir/runs/\(run)/_SUCCESS"), "kill \(iteration): \(stage) links an uncommitted run")
            let files = try FileManager.default.contentsOfDirectory(atPath: project.root + "/build/\(stage)")
            #expect(files.count == count, "kill \(iteration): \(stage) shows \(files.count) files")
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs")
        where !name.hasPrefix(".tmp-") {
            #expect(
                project.exists(".weir/runs/\(name)/_SUCCESS"), "kill \(iteration): run folder \(name) has no record")
        }
    }
}
