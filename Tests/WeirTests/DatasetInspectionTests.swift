import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

@Suite struct DatasetInspectionTests {
    @Test func partitionsComeFromTheManifest() throws {
        let fixture = try QuerySourceFixture(files: 20, badFraction: 0.2)
        let staged = try fixture.stagedRows()
        let partitions = try fixture.dataset.partitions()
        #expect(partitions.reduce(0) { $0 + $1.files } == staged.count)
        #expect(partitions.reduce(Int64(0)) { $0 + $1.rows } == staged.reduce(0) { $0 + $1.rows })
        #expect(partitions.map(\.path) == partitions.map(\.path).sorted())
        for partition in partitions {
            #expect(partition.path.hasPrefix("proc="))
            #expect(partition.path.contains("/date=2025-"))
            let inside = staged.filter { $0.dataPath!.hasPrefix(partition.path + "/run_id=") }
            #expect(inside.count == partition.files)
            #expect(inside.reduce(0) { $0 + $1.sourceSize } == partition.sourceBytes)
        }
    }

    @Test func showSummarisesTheDataAndTheManifest() throws {
        let fixture = try QuerySourceFixture(files: 16, badFraction: 0.25)
        let rows = try fixture.dataset.manifestRows()
        let summary = try fixture.dataset.summary()
        #expect(summary.staged == rows.filter { $0.status == .staged }.count)
        #expect(summary.rejected == rows.filter { $0.status == .rejected }.count)
        #expect(summary.staged + summary.rejected == 16)
        #expect(summary.rows == rows.reduce(0) { $0 + $1.rows })
        #expect(summary.sourceBytes == rows.reduce(0) { $0 + $1.sourceSize })
        #expect(summary.dataBytes > 0)
        #expect(summary.snapshot == 1)
        #expect(summary.snapshots == 1)
        #expect(summary.lastSession == "s1")
        #expect(summary.lastIngestedAt == rows.map(\.ingestedAt).max())
        #expect(summary.hiveColumns == ["proc", "date", "run_id"])
        let names = summary.schema.fields.map(\.name)
        #expect(Array(names.suffix(3)) == ["proc", "date", "run_id"])
        #expect(Set(names).isSuperset(of: ["vsd_v", "vg_v", "t_s", "i_a", "vl_v"]))
        // The same columns a query without a selection returns.
        #expect(try Query().run(on: .data(try fixture.dataset)).batch.schema.fields.map(\.name) == names)
    }

    @Test func versionsListEverySnapshotWithItsChanges() throws {
        let fixture = try QuerySourceFixture(files: 6, badFraction: 0)
        let changed = fixture.written[1]
        let path = fixture.raw + "/" + changed.relativePath
        try
            (try String(contentsOfFile: path, encoding: .utf8)
            + (changed.relativePath.contains("_ITS_") ? "1,2,3\n" : "1,2\n"))
            .write(toFile: path, atomically: true, encoding: .utf8)
        try fixture.directory.write("raw/2025-09-02/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1,2\n3,4\n")
        try fixture.ingest(session: "s2")
        var dropping = fixture.configuration
        dropping.onDeleted = .drop
        try FileManager.default.removeItem(atPath: fixture.raw + "/" + fixture.written[0].relativePath)
        _ = try IngestRunner(configuration: dropping).run(IngestRunner.Context(session: "s3", weirVersion: "0.1.0"))

        let versions = try fixture.dataset.versions()
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions.map(\.session) == ["s1", "s2", "s3"])
        #expect(versions[0].added == 6 && versions[0].changed == 0 && versions[0].removed == 0)
        #expect(versions[1].added == 1 && versions[1].changed == 1 && versions[1].removed == 0)
        #expect(versions[2].added == 0 && versions[2].changed == 0 && versions[2].removed == 1)
        #expect(versions.map(\.staged) == [6, 7, 6])
        #expect(versions[1].rows == versions[0].rows + 3)
        #expect(versions[1].time! >= versions[0].time!)
    }

    @Test func aHealthyDatasetVerifies() throws {
        let fixture = try QuerySourceFixture(files: 10, badFraction: 0.2)
        let verification = try fixture.dataset.verify(sources: fixture.raw)
        #expect(verification.problems == [])
        #expect(verification.parts == (try fixture.stagedRows()).count)
        #expect(verification.sources == 10)
    }

    @Test func verifyReportsEveryProblem() throws {
        let fixture = try QuerySourceFixture(files: 8, badFraction: 0)
        let staged = try fixture.stagedRows()
        let fileManager = FileManager.default
        // A missing part.
        try fileManager.removeItem(atPath: fixture.stage + "/" + staged[0].dataPath!)
        // A part with other rows than the manifest says.
        let wrong = fixture.stage + "/" + staged[1].dataPath!
        try fileManager.removeItem(atPath: wrong)
        let writer = try ParquetWriter(path: wrong, schema: Schema([Field("i_a", .float64)]))
        try writer.write(RecordBatch(columns: [Column(field: Field("i_a", .float64), storage: .double([1]))]))
        try writer.close()
        // An unreadable part.
        try Data("not parquet".utf8).write(to: URL(fileURLWithPath: fixture.stage + "/" + staged[3].dataPath!))
        // An orphan data folder and an orphan rejects folder.
        try fileManager.createDirectory(
            atPath: fixture.stage + "/proc=IV/date=2025-09-01/run_id=feedfacefeedface",
            withIntermediateDirectories: true)
        try fileManager.createDirectory(
            atPath: fixture.stage + "/_rejects/run_id=0000aaaa", withIntermediateDirectories: true)
        // A changed and a missing source.
        try fixture.directory.write("raw/" + staged[4].sourcePath, "changed\n")
        try fileManager.removeItem(atPath: fixture.raw + "/" + staged[5].sourcePath)

        let verification = try fixture.dataset.verify(sources: fixture.raw)
        let kinds = verification.problems.map(\.kind)
        #expect(kinds.filter { $0 == .missingPart }.count == 1)
        #expect(kinds.filter { $0 == .rowCountMismatch }.count == 1)
        #expect(kinds.filter { $0 == .unreadablePart }.count == 1)
        #expect(kinds.filter { $0 == .orphan }.count == 2)
        #expect(kinds.filter { $0 == .changedSource }.count == 1)
        #expect(kinds.filter { $0 == .missingSource }.count == 1)
        let missing = try #require(verification.problems.first { $0.kind == .missingPart })
        #expect(
            missing.message
                == "The part '\(staged[0].dataPath!)' of '\(staged[0].sourcePath)' is missing. "
                + "Re-stage it with 'weir run --force <stage>'.")
        let orphan = try #require(verification.problems.first { $0.kind == .orphan })
        #expect(orphan.path == "_rejects/run_id=0000aaaa")
        #expect(orphan.message.hasPrefix("The folder '_rejects/run_id=0000aaaa' is not listed in the manifest"))
        let mismatch = try #require(verification.problems.first { $0.kind == .rowCountMismatch })
        #expect(mismatch.message.contains("holds 1 row where the manifest says \(staged[1].rows)"))
        #expect(
            verification.problems.first { $0.kind == .changedSource }?.message.contains(
                "has changed since it was staged") == true)
    }

    @Test func verifyComparesTheManifestWithItsNewestSnapshot() throws {
        let fixture = try QuerySourceFixture(files: 4, badFraction: 0)
        try fixture.directory.write("raw/2025-09-02/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1,2\n")
        try fixture.ingest(session: "s2")
        #expect(try fixture.dataset.verify().problems == [])
        let layout = try fixture.dataset.layout
        // The same files, one row edited by hand.
        var rows = try fixture.dataset.manifestRows()
        rows[0].session = "edited"
        try FileManager.default.removeItem(atPath: layout.manifestPath)
        let batch = ManifestTable.batch(rows)
        let writer = try ParquetWriter(path: layout.manifestPath, schema: batch.schema)
        try writer.write(batch)
        try writer.close()
        let problems = try fixture.dataset.verify().problems
        #expect(problems.map(\.kind) == [.manifestMismatch])
        #expect(
            problems.first?.message.hasPrefix(
                "The current manifest differs from the newest snapshot '_manifest/history/000002.parquet' (5 rows against 5)."
            )
                == true)
        // An older snapshot as the current manifest also leaves the newer parts unlisted.
        try FileManager.default.removeItem(atPath: layout.manifestPath)
        try FileManager.default.copyItem(atPath: layout.snapshotPath(1), toPath: layout.manifestPath)
        #expect(try fixture.dataset.verify().problems.map(\.kind) == [.orphan, .manifestMismatch])
        try FileManager.default.removeItem(atPath: layout.manifestPath)
        try FileManager.default.copyItem(atPath: layout.snapshotPath(2), toPath: layout.manifestPath)
        try FileManager.default.removeItem(atPath: layout.historyDirectory)
        #expect(try fixture.dataset.verify().problems.map(\.kind) == [.manifestMismatch])
    }
}
