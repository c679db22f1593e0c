import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct DatasetCommandTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture(files: 20, badFraction: 0.2)
    }

    @Test func lsListsThePartitions() throws {
        let partitions = try fixture.dataset.partitions()
        let text = try fixture.weir(["dataset", "ls", "data/stage"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("partition"))
        #expect(lines[0].hasSuffix("files  rows  source_bytes"))
        #expect(lines.count == partitions.count + 3)
        #expect(lines[2].hasPrefix(partitions[0].path + " "))
        let files = partitions.reduce(0) { $0 + $1.files }
        let rows = partitions.reduce(Int64(0)) { $0 + $1.rows }
        #expect(lines.last == "(\(partitions.count) partitions, \(files) files, \(rows) rows)")

        let json = try fixture.weir(["dataset", "ls", "data/stage", "--json"])
        #expect(json.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == partitions.count)
        #expect(decoded?.first?["path"] as? String == partitions[0].path)
        #expect(decoded?.first?["files"] as? Int == partitions[0].files)
        #expect(decoded?.first?["rows"] as? Int == Int(partitions[0].rows))
    }

    @Test func showDescribesTheDataAndTheManifest() throws {
        let summary = try fixture.dataset.summary()
        let text = try fixture.weir(["dataset", "show", "data/stage"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("dataset: data/stage\nsnapshot: 1 (1 kept)\n"))
        #expect(text.stdout.contains("files: \(summary.staged) staged, \(summary.rejected) rejected\n"))
        #expect(text.stdout.contains("rows: \(summary.rows) (0 rejected rows)\n"))
        #expect(text.stdout.contains("(session s1)\n"))
        #expect(text.stdout.contains("\n  vsd_v   double\n"))
        #expect(text.stdout.contains("\n  date    date    (partition)\n"))
        #expect(text.stdout.contains("\n  run_id  string  (partition)\nschema (additive):\n"))
        // Without a schema_key every kind of file shares one schema: the union of their columns.
        #expect(
            text.stdout.contains("\n  all files, version 1:\n    t_s    double\n    i_a    double\n"), "\(text.stdout)")
        #expect(text.stdout.contains(": created\n"))

        let json = try fixture.weir(["dataset", "show", "data/stage", "--json"])
        #expect(json.status == 0)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(decoded["staged"] as? Int == summary.staged)
        #expect(decoded["rejected"] as? Int == summary.rejected)
        #expect(decoded["snapshot"] as? Int == 1)
        #expect(decoded["last_session"] as? String == "s1")
        let columns = try #require(decoded["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == summary.schema.fields.map(\.name))
        #expect(columns.last?["partition"] as? Bool == true)
        #expect(columns.first?["partition"] as? Bool == false)
        let schema = try #require(decoded["schema"] as? [String: Any])
        #expect(schema["evolution"] as? String == "additive")
        #expect((schema["kinds"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func versionsTraceEverySnapshot() throws {
        try fixture.directory.write("raw/2025-09-02/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1.5,2.5\n")
        try fixture.ingest(session: "s2")
        let text = try fixture.weir(["dataset", "versions", "data/stage"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("snapshot  time"))
        #expect(lines[0].hasSuffix("staged  rejected  rows  added  changed  removed"))
        #expect(lines[2].contains(" s1 "))
        #expect(lines[3].contains(" s2 "))
        #expect(lines[3].hasSuffix("      1        0        0"))
        #expect(lines[4] == "(2 rows)")

        let json = try fixture.weir(["dataset", "versions", "data/stage", "--json"])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(decoded.map { $0["snapshot"] as? Int } == [1, 2])
        #expect(decoded.map { $0["added"] as? Int } == [20, 1])
        #expect(decoded.map { $0["session"] as? String } == ["s1", "s2"])
        #expect((decoded[1]["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func verifyPassesAndFails() throws {
        let ok = try fixture.weir(["dataset", "verify", "data/stage", "--sources", "raw"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let staged = try fixture.dataset.manifestRows().filter { $0.status == .staged }
        #expect(ok.stdout == "checked \(staged.count) part files and 20 source files: ok\n")

        try FileManager.default.removeItem(atPath: fixture.stage + "/" + staged[0].dataPath!)
        try FileManager.default.createDirectory(
            atPath: fixture.stage + "/proc=IV/date=2025-09-01/run_id=feedfacefeedface",
            withIntermediateDirectories: true)
        let failed = try fixture.weir(["dataset", "verify", "data/stage"])
        #expect(failed.status == 1)
        #expect(
            failed.stdout.contains(
                "missing-part: The part '\(staged[0].dataPath!)' of '\(staged[0].sourcePath)' is missing."))
        #expect(
            failed.stdout.contains("orphan: The folder 'proc=IV/date=2025-09-01/run_id=feedfacefeedface' is not listed")
        )
        #expect(failed.stdout.hasSuffix("checked \(staged.count) part files: 2 problems\n"))
        #expect(
            failed.stderr
                == "error: The dataset 'data/stage' has 2 problems. Fix them as each message says, then run 'weir dataset verify' again.\n"
        )

        let json = try fixture.weir(["dataset", "verify", "data/stage", "--json"])
        #expect(json.status == 1)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(decoded["ok"] as? Bool == false)
        let problems = try #require(decoded["problems"] as? [[String: Any]])
        #expect(problems.map { $0["kind"] as? String } == ["missing-part", "orphan"])
    }

    @Test func aFileIsNotADataset() throws {
        let part = try #require(try fixture.dataset.manifestRows().first { $0.dataPath != nil }?.dataPath)
        let result = try fixture.weir(["dataset", "show", "data/stage/" + part])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: 'data/stage/\(part)' is a file, not a dataset folder (the output of an ingest stage). "
                + "Pass the dataset folder, or read the file with 'weir query data/stage/\(part)'.\n")
    }

    @Test func aFolderThatIsNotADatasetIsNamed() throws {
        for command in ["ls", "show", "versions", "verify"] {
            let result = try fixture.weir(["dataset", command, "raw"])
            #expect(result.status == 2)
            #expect(
                result.stderr
                    == "error: 'raw' is not a Weir dataset: it has no _manifest/manifest.parquet. "
                    + "Run the ingest stage first, or pass a Parquet file or a folder of Parquet files.\n")
        }
    }
}
