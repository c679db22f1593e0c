import Foundation
import Testing
import WeirTestSupport

@Suite struct HistoryRunTests {
    @Test func showRunReportsEverything() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["show", "3333"])
        #expect(result.status == 0)
        let id = HistoryFixture.id("3333")
        #expect(
            result.stdout == """
                Run \(id)
                Stage:        clean
                Status:       succeeded (exit code 0)
                Session:      \(fixture.sessions[1].id)
                Started:      2026-11-18 11:16:40 UTC
                Finished:     2026-11-18 11:16:42 UTC
                Wall time:    2.00 s    CPU time: 1.50 s    Peak memory: 10.0 MiB
                Output:       1 file, 4.8 MiB, hash \(String(repeating: "e", count: 64))
                Versions:     v2

                Reasons:
                  param 'factor' changed: 2 → 3

                Metrics:
                  NAME      VALUE
                  rows  1200 rows

                Output files (from .weir/runs/\(id)/_SUCCESS):
                  PATH          SIZE  SHA-256
                  clean.csv  4.8 MiB  \(String(repeating: "c", count: 64))

                Fingerprint:
                  {
                    "cmd": "sh clean.sh",
                    "inputs": {
                      "data/raw": "aa"
                    },
                    "kind": "command",
                    "params": {
                      "factor": 3
                    }
                  }

                """)
    }

    @Test func showRunWithoutSuccessRecordOrMetrics() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["show", HistoryFixture.id("4444")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Reasons:\n  upstream stage 'clean' changed\n"))
        #expect(result.stdout.contains("Metrics:\n  NAME    VALUE\n  rows  80 rows\n"))
        #expect(!result.stdout.contains("Output files"))
        let unused = try fixture.weir(["show", "abcd1"])
        #expect(unused.stdout.contains("Versions:     none\n"))
        #expect(!unused.stdout.contains("Metrics:"))
    }

    @Test func showRunJSONShape() throws {
        let fixture = try HistoryFixture()
        let run = try #require(try fixture.json(["show", "3333", "--json"]) as? [String: Any])
        #expect(
            Set(run.keys) == [
                "kind", "id", "stage", "status", "session", "started_at", "finished_at", "exit_code", "output_hash",
                "output_bytes", "output_files", "wall_seconds", "cpu_seconds", "peak_memory_bytes", "slurm_job", "reasons",
                "fingerprint", "metrics", "versions", "success", "quality",
            ])
        #expect(run["kind"] as? String == "run" && run["id"] as? String == HistoryFixture.id("3333"))
        #expect(run["started_at"] as? String == "2026-11-18T11:16:40.000Z")
        #expect(run["exit_code"] as? Int == 0 && run["output_bytes"] as? Int == 5_000_000)
        #expect(run["versions"] as? [Int] == [2])
        let reasons = try #require(run["reasons"] as? [[String: Any]])
        #expect(reasons.first?["kind"] as? String == "param-changed" && reasons.first?["new"] as? Int == 3)
        let fingerprint = try #require(run["fingerprint"] as? [String: Any])
        #expect((fingerprint["params"] as? [String: Int]) == ["factor": 3])
        let metrics = try #require(run["metrics"] as? [[String: Any]])
        #expect(metrics.first?["name"] as? String == "rows" && metrics.first?["value"] as? Int == 1200)
        let success = try #require(run["success"] as? [String: Any])
        #expect(success["run"] as? String == HistoryFixture.id("3333"))

        let other = try #require(try fixture.json(["show", "4444", "--json"]) as? [String: Any])
        #expect(other["success"] is NSNull)
    }

    @Test func ambiguousAndUnknownIdentifiersListWhatTheyCouldMean() throws {
        let fixture = try HistoryFixture()
        let ambiguous = try fixture.weir(["show", "abcd"])
        #expect(ambiguous.status == 1)
        #expect(
            ambiguous.stderr == """
                error: The run id prefix 'abcd' is ambiguous; it matches:
                  \(HistoryFixture.id("abcd1"))  stage 'scratch'  started 2026-11-18 11:27:40 UTC
                  \(HistoryFixture.id("abcd2"))  stage 'scratch'  started 2026-11-18 11:28:40 UTC
                Give more characters of the id.

                """)
        let versionOrRun = try fixture.weir(["show", "0001"])
        #expect(versionOrRun.status == 1)
        #expect(
            versionOrRun.stderr == """
                error: The identifier '0001' is ambiguous; it matches:
                  v1  (version)
                  \(HistoryFixture.id("0001"))  (run of stage 'report')
                Write 'v1' for the version, or more characters of the run id.

                """)
        #expect(try fixture.weir(["show", "00010"]).stdout.hasPrefix("Run \(HistoryFixture.id("0001"))\n"))

        let cases: [(String, String)] = [
            ("v9", "There is no version 'v9'. The versions are v1 to v3; see 'weir versions'."),
            ("12", "There is no version '12'. The versions are v1 to v3; see 'weir versions'."),
            (
                "ffff",
                "There is no version or run 'ffff'. See 'weir versions' for the versions and 'weir show VERSION' "
                    + "for the runs of a version."
            ),
            (
                "xyz",
                "The version or run 'xyz' is not valid: write a version as 'v3', '3' or 'head', or a run as its id "
                    + "or at least 4 of its first hexadecimal characters."
            ),
        ]
        for (identifier, message) in cases {
            let result = try fixture.weir(["show", identifier])
            #expect(result.status == 1)
            #expect(result.stderr == "error: \(message)\n")
            #expect(result.stdout.isEmpty)
        }
    }
}
