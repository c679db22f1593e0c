import Foundation
import Testing
import Weir
import WeirTestSupport

/// `weir query --order-by` through the binary: the external sort, `--memory` and the top-N of `--limit`.
@Suite struct QuerySortCommandTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture(files: 30, rows: 40, rowGroupRows: 25)
    }

    @Test func aSortLargerThanMemorySpillsAndGivesTheInMemoryResult() throws {
        let spill = try TemporaryDirectory("weir-query-tmp")
        let arguments = [
            "query", "data/stage", "--order-by", "i_a desc,run_id,vsd_v", "--seq-by", "proc",
            "--select", "seq,proc,run_id,i_a,vsd_v", "--format", "jsonl",
        ]
        let small = try TestEnvironment.weir(
            arguments + ["--memory", "8KiB"], in: fixture.root, environment: ["TMPDIR": spill.path])
        #expect(small.status == 0, "\(small.stderr)")

        // The in-memory sort of the same rows, in the order they are read.
        let whole = try Query().run(on: .data(try fixture.dataset)).batch
        let query = Query(
            orderBy: [.parse("i_a desc"), .parse("run_id"), .parse("vsd_v")], seqBy: ["proc"],
            select: ["seq", "proc", "run_id", "i_a", "vsd_v"])
        let expected = try query.run(on: whole)
        #expect(expected.rowCount > 500)
        #expect(small.stdout == String(decoding: try QueryOutput.bytes(expected, format: .jsonl), as: UTF8.self))

        // The default budget holds it all; the small one spilled, and its files are gone.
        let explainSmall = try TestEnvironment.weir(
            arguments + ["--memory", "8KiB", "--explain"], in: fixture.root, environment: ["TMPDIR": spill.path])
        #expect(explainSmall.status == 0, "\(explainSmall.stderr)")
        #expect(explainSmall.stdout.contains("sort: external, peak "))
        #expect(explainSmall.stdout.contains("-byte budget, spilled "))
        let explainDefault = try fixture.weir(arguments + ["--explain"])
        #expect(explainDefault.stdout.contains("of a 1073741824-byte budget, nothing spilled"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path).isEmpty)
    }

    @Test func aLimitKeepsTheFirstRowsOnly() throws {
        let arguments = [
            "query", "data/stage", "--order-by", "i_a,run_id,vsd_v", "--select", "run_id,i_a,vsd_v", "--limit", "7",
            "--format", "csv",
        ]
        let result = try fixture.weir(arguments + ["--memory", "16KiB"])
        #expect(result.status == 0, "\(result.stderr)")
        let whole = try Query().run(on: .data(try fixture.dataset)).batch
        let expected = try Query(
            orderBy: [.parse("i_a"), .parse("run_id"), .parse("vsd_v")], select: ["run_id", "i_a", "vsd_v"], limit: 7
        ).run(on: whole)
        #expect(result.stdout == String(decoding: try QueryOutput.bytes(expected, format: .csv), as: UTF8.self))
        let explain = try fixture.weir(arguments + ["--explain"])
        #expect(explain.stdout.contains("sort: top 7, peak "))
        #expect(explain.stdout.contains("rows: \(whole.rowCount) read, \(whole.rowCount) matched, 7 returned"))
    }

    @Test func aMemoryThatIsNotASizeIsAUsageError() throws {
        for bad in ["7x", "0", "-5MiB", "MiB"] {
            let result = try fixture.weir(["query", "data/stage", "--order-by", "i_a", "--memory=\(bad)"])
            #expect(result.status == 2)
            #expect(
                result.stderr.contains(
                    "The value '\(bad)' is invalid for '--memory <size>'. Please provide a whole number with KiB, "
                        + "MiB or GiB, such as '512MiB'."))
        }
        let help = try fixture.weir(["query", "--help"])
        #expect(help.stdout.contains("--memory <size>"))
    }
}
