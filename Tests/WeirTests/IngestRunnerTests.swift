import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

@Suite struct IngestRunnerTests {
    func configuration(_ root: TemporaryDirectory, rejectRows: Bool = false) throws -> IngestConfiguration {
        var configuration = IngestConfiguration(
            source: root.path + "/raw", output: root.path + "/stage",
            pattern: try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv")
        )
        configuration.partitionBy = ["proc", "date"]
        configuration.timezone = try LocalTimeZone("America/Santiago")
        configuration.include = [Glob("*.csv")]
        configuration.rejectRows = rejectRows
        configuration.configurationDigest = "test"
        return configuration
    }

    func run(_ configuration: IngestConfiguration, cache: [String: (stat: FileStat, sha256: String)] = [:]) throws
        -> IngestRunner.Result
    {
        var context = IngestRunner.Context(session: "s1", weirVersion: "0.1.0")
        context.statCache = cache
        return try IngestRunner(configuration: configuration).run(context)
    }

    @Test func stagesGoodFilesRejectsBadOnesAndIsIdempotent() throws {
        let root = try TemporaryDirectory()
        let written = try LabDataGenerator(files: 40, rows: 30, badFraction: 0.3).write(to: root.path + "/raw")
        let configuration = try configuration(root)
        let first = try run(configuration)
        let good = written.filter { $0.defect == nil }
        #expect(
            first.summary.discovered == 40 - written.filter { $0.defect == .badName }.count
                + written.filter { $0.defect == .badName }.count)
        #expect(first.summary.staged + first.summary.rejected == 40)
        #expect(first.summary.staged >= good.count)
        #expect(first.summary.snapshot == 1)
        let rows = try ManifestStore(layout: DatasetLayout(root: root.path + "/stage")).current()
        #expect(rows.count == 40)
        for file in written {
            let row = try #require(rows.first { $0.sourcePath == file.relativePath })
            switch file.defect {
            case nil:
                #expect(row.status == .staged)
                #expect(row.rows == Int64(file.rows))
                let part = root.path + "/stage/" + (row.dataPath ?? "")
                #expect(FileManager.default.fileExists(atPath: part))
                #expect(row.dataPath?.hasPrefix("proc=" + (row.fields["proc"]?.text ?? "?") + "/date=") == true)
                #expect(row.fields["chip_number"] != nil)
                #expect(row.fields["start_time_local_date"] != nil)
                let reader = try ParquetFileReader(path: part)
                #expect(reader.rowCount == file.rows)
            case .badName:
                #expect(row.status == .rejected)
                #expect(row.reason?.hasPrefix("The name does not match the pattern") == true)
            case .empty, .ragged, .text, .quote:
                #expect(row.status == .rejected)
                #expect(row.reason != nil)
            case .noHeader:
                // Without the metadata block the file still parses: its first line is the header.
                #expect(row.status == .staged)
            }
        }
        let runFolders = try FileManager.default.subpathsOfDirectory(atPath: root.path + "/stage")
            .filter { ($0 as NSString).lastPathComponent.hasPrefix("run_id=") && !$0.hasPrefix("_") }
        #expect(runFolders.count == rows.filter { $0.status == .staged }.count)
        let second = try run(configuration, cache: first.hashed)
        #expect(second.summary.staged == 0)
        #expect(second.summary.rejected == 0)
        #expect(second.summary.hashed == 0)
        #expect(second.summary.snapshot == nil)
        #expect(second.summary.skipped == 40)
    }

    @Test func aChangedFileIsRestagedAndSupersedesItsRow() throws {
        let root = try TemporaryDirectory()
        let written = try LabDataGenerator(files: 6, rows: 10).write(to: root.path + "/raw")
        let configuration = try configuration(root)
        let first = try run(configuration)
        let target = written[2].relativePath
        let before = try ManifestStore(layout: DatasetLayout(root: root.path + "/stage")).current().first {
            $0.sourcePath == target
        }!
        let path = root.path + "/raw/" + target
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "1.0,2.0" + (text.contains("vl_v") ? ",3.0" : "") + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let second = try run(configuration, cache: first.hashed)
        #expect(second.summary.staged == 1)
        #expect(second.summary.skipped == 5)
        #expect(second.summary.snapshot == 2)
        let rows = try ManifestStore(layout: DatasetLayout(root: root.path + "/stage")).current()
        #expect(rows.count == 6)
        let after = rows.first { $0.sourcePath == target }!
        #expect(after.rows == before.rows + 1)
        #expect(after.runID != before.runID)
        #expect(!FileManager.default.fileExists(atPath: root.path + "/stage/" + before.dataPath!))
        #expect(ManifestStore(layout: DatasetLayout(root: root.path + "/stage")).snapshots() == [1, 2])
        #expect(
            try ManifestStore.read(DatasetLayout(root: root.path + "/stage").snapshotPath(1)).first {
                $0.sourcePath == target
            }?.runID == before.runID)
    }

    @Test func leftoversOfAKilledBatchAreRemoved() throws {
        let root = try TemporaryDirectory()
        try LabDataGenerator(files: 3, rows: 5).write(to: root.path + "/raw")
        let configuration = try configuration(root)
        _ = try run(configuration)
        let orphan = root.path + "/stage/proc=IV/date=2025-09-01/run_id=deadbeefdeadbeef"
        try FileManager.default.createDirectory(atPath: orphan, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: orphan + "/part-000.parquet"))
        try Data().write(to: URL(fileURLWithPath: DatasetLayout(root: root.path + "/stage").inProgressMarker))
        try LabDataGenerator(files: 4, rows: 5).write(to: root.path + "/raw")
        let next = try run(configuration)
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(next.summary.staged == 1)
        #expect(!FileManager.default.fileExists(atPath: DatasetLayout(root: root.path + "/stage").inProgressMarker))
    }

    @Test func badRowsGoToTheRejectsTableInRejectRowsMode() throws {
        let root = try TemporaryDirectory()
        try root.write(
            "raw/2025-09-01/Bare7_IV_1.csv", "# Chip number: 7\nvsd_v,i_a\n1.0,2.0\n3.0,oops\n5.0,6.0,7.0\n8.0,9.0\n")
        var configuration = try configuration(root, rejectRows: true)
        configuration.schema = ["vsd_v": .float64, "i_a": .float64]
        let result = try run(configuration)
        #expect(result.summary.staged == 1)
        #expect(result.summary.rows == 2)
        #expect(result.summary.rejectedRows == 2)
        let row = result.rows[0]
        let rejects = try ParquetFileReader(path: root.path + "/stage/" + DatasetLayout.rejectsPath(runID: row.runID))
        let batch = try rejects.readRowGroup(0)
        #expect(batch.rowCount == 2)
        #expect(batch.column(named: "line")?.value(at: 0) == .int(4))
        #expect(batch.column(named: "text")?.value(at: 1) == .string("5.0,6.0,7.0"))
    }

    @Test func deletedSourcesAreKeptOrDroppedAsConfigured() throws {
        let root = try TemporaryDirectory()
        let written = try LabDataGenerator(files: 3, rows: 5).write(to: root.path + "/raw")
        var configuration = try configuration(root)
        _ = try run(configuration)
        try FileManager.default.removeItem(atPath: root.path + "/raw/" + written[0].relativePath)
        let kept = try run(configuration)
        #expect(kept.summary.deleted == 1)
        #expect(kept.rows.count == 3)
        configuration.onDeleted = .drop
        let dropped = try run(configuration)
        #expect(dropped.rows.count == 2)
        #expect(try ManifestStore(layout: DatasetLayout(root: root.path + "/stage")).current().count == 2)
    }

    @Test func peersReadExactlyTheRowsTheManifestLists() throws {
        let root = try TemporaryDirectory()
        try LabDataGenerator(files: 12, rows: 20, badFraction: 0.2).write(to: root.path + "/raw")
        let result = try run(try configuration(root))
        let expected = result.rows.filter { $0.status == .staged }.reduce(0) { $0 + $1.rows }
        let script = """
            import sys, duckdb, polars as pl
            root = sys.argv[1]
            n = duckdb.sql(f"select count(*) from read_parquet('{root}/*/*/*/*.parquet', hive_partitioning=true, union_by_name=true)").fetchall()[0][0]
            import os
            procs = sorted(d for d in os.listdir(root) if d.startswith("proc="))
            frames = [pl.scan_parquet(f"{root}/{p}/*/*/*.parquet", hive_partitioning=True) for p in procs]
            m = pl.concat(frames, how="diagonal").select(pl.len()).collect().item()
            runs = duckdb.sql(f"select count(distinct run_id) from read_parquet('{root}/*/*/*/*.parquet', hive_partitioning=true, union_by_name=true)").fetchall()[0][0]
            print(n, m, runs)
            """
        let output = try TestEnvironment.python(script, [root.path + "/stage"])
        #expect(output.status == 0, "\(output.stderr)")
        let staged = result.rows.filter { $0.status == .staged }.count
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(expected) \(expected) \(staged)")
    }

    /// A file past `largeFileBytes` is parsed and encoded on every core: same rows, same values,
    /// and the part hash the run records is the hash of the file written.
    @Test func aLargeFileIsStagedOnEveryCoreWithTheSameResult() throws {
        let root = try TemporaryDirectory()
        var text = "# Procedure: IV\n# Chip number: 7\n# Start time: 2025-09-01 10:00:00\nvsd_v,i_a,note\n"
        for row in 0..<60_000 { text += "\(Double(row) * 0.001),\(Double(row % 977) * 1.5e-9),n\(row % 13)\n" }
        try root.write("raw/2025-09-01/Chip7_IV_1.csv", text)
        var outputs: [[[Value]]] = []
        for large in [true, false] {
            var configuration = try configuration(root)
            configuration.output = root.path + "/stage-\(large)"
            configuration.largeFileBytes = large ? 1 << 20 : .max
            configuration.csv.chunkBytes = 1 << 18
            configuration.rowGroupRows = 25_000
            let result = try run(configuration)
            #expect(result.summary.staged == 1)
            let (path, part) = try #require(result.parts.first)
            #expect(part.sha256 == (try Digest.file(configuration.output + "/" + path, path: path).sha256))
            let reader = try ParquetFileReader(path: configuration.output + "/" + path)
            #expect(reader.rowGroupCount == 3)
            var rows: [[Value]] = []
            for index in 0..<reader.rowGroupCount { rows += try reader.readRowGroup(index).rowValues }
            outputs.append(rows)
        }
        #expect(outputs[0].count == 60_000)
        #expect(outputs[0] == outputs[1])
        #expect(
            outputs[0][59_999] == [.double(59.999), .double(Double(59_999 % 977) * 1.5e-9), .string("n\(59_999 % 13)")])
    }

    /// A file that changes between planning and staging (an instrument still writing it) is
    /// rejected, and its part removed, instead of being recorded with the hash of other content.
    @Test func aFileThatChangesWhileBeingStagedIsRejected() throws {
        let root = try TemporaryDirectory()
        let relative = "2025-09-01/Chip7_IV_1.csv"
        let text = "# Procedure: IV\n# Start time: 2025-09-01 10:00:00\nvsd_v,i_a\n1,2\n"
        let url = try root.write("raw/" + relative, text)
        let configuration = try configuration(root)
        let planned = try #require(try FileStat.of(url.path, followLinks: true))
        let work = IngestPlan.Work(
            relativePath: relative, fields: [:], stat: planned, sha256: Digest.sha256Hex(Array(text.utf8)),
            previousRunID: nil)
        let stager = FileStager(
            configuration: configuration, layout: DatasetLayout(root: configuration.output), session: "s",
            weirVersion: "0")
        #expect(stager.stage(work, now: 0).row.status == .staged)
        try (text + "3,4\n").write(to: url, atomically: false, encoding: .utf8)
        let outcome = stager.stage(work, now: 0)
        #expect(outcome.row.status == .rejected)
        #expect(outcome.row.reason?.contains("it changed while it was being staged") == true, "\(outcome.row)")
        let parts = try FileManager.default.subpathsOfDirectory(atPath: configuration.output)
            .filter { $0.hasSuffix(".parquet") }
        #expect(parts.isEmpty, "\(parts)")
    }

    /// A failure of the machine (here a folder that cannot be created; a full disk alike) stops the
    /// batch without recording the file as rejected, so the next batch tries it again.
    @Test func aMachineFailureStopsTheBatchInsteadOfRejectingTheFile() throws {
        let root = try TemporaryDirectory()
        try root.write("raw/2025-09-01/Chip7_IV_1.csv", "# Procedure: IV\nvsd_v,i_a\n1,2\n")
        let configuration = try configuration(root)
        // A file where the partition folder must go.
        try root.write("stage/proc=IV", "in the way")
        #expect {
            try run(configuration)
        } throws: { error in
            "\(error)".hasPrefix("While staging '2025-09-01/Chip7_IV_1.csv': The folder '")
                && "\(error)".hasSuffix("Nothing of this batch was committed; run again once that is fixed.")
        }
        #expect(try ManifestStore(layout: DatasetLayout(root: configuration.output)).current().isEmpty)
        try FileManager.default.removeItem(atPath: root.path + "/stage/proc=IV")
        let retried = try run(configuration)
        #expect(retried.summary.staged == 1)
    }
}
