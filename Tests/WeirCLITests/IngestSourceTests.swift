import Foundation
import Testing
import Weir
import WeirTestSupport

/// Awkward raw folders through the binary: links, files without their metadata block, required
/// fields, stray words, and a source with nothing in it.
@Suite struct IngestSourceTests {
    static func yaml(source: String = "raw", extra: String = "") -> String {
        LabIngestYAML.text(source: source, extra: extra)
    }

    static func file(_ chip: Int, start: String = "2025-09-01 10:00:00", rows: [String]? = nil) -> String {
        let data = rows ?? (0..<5).map { "\(Double($0) * 0.5),\(Double($0) * 1.5e-7)" }
        return "# Procedure: IV\n# Chip number: \(chip)\n# Start time: \(start)\nvsd_v,i_a\n"
            + data.joined(separator: "\n") + "\n"
    }

    func manifest(_ project: PipelineFixture) throws -> [String: ManifestRow] {
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0) })
    }

    @Test func linksAreFollowedToFilesAndReportedOtherwise() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(source: "incoming"),
            "store/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "elsewhere/Chip2_IV_2.csv": Self.file(2),
            "elsewhere/folder/Chip3_IV_3.csv": Self.file(3),
        ])
        // The source itself is a link, and so are some files and a folder inside it.
        try FileManager.default.createSymbolicLink(atPath: project.root + "/incoming", withDestinationPath: "store")
        let day = project.root + "/store/2025-09-01/"
        try FileManager.default.createSymbolicLink(
            atPath: day + "Chip2_IV_2.csv", withDestinationPath: project.root + "/elsewhere/Chip2_IV_2.csv")
        try FileManager.default.createSymbolicLink(atPath: day + "Gone4_IV_4.csv", withDestinationPath: "missing.csv")
        try FileManager.default.createSymbolicLink(
            atPath: day + "Folder5_IV_5.csv", withDestinationPath: project.root + "/elsewhere/folder")
        try project.run()
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.status == .staged)
        #expect(rows["2025-09-01/Chip2_IV_2.csv"]?.status == .staged)
        #expect(rows["2025-09-01/Chip2_IV_2.csv"]?.rows == 5)
        #expect(
            rows["2025-09-01/Gone4_IV_4.csv"]?.reason
                == "It is a symbolic link to 'missing.csv', which does not exist. Restore the target or remove the link."
        )
        #expect(rows["2025-09-01/Folder5_IV_5.csv"]?.reason?.hasPrefix("It is a symbolic link to the folder") == true)
        #expect(rows.count == 4)

        // The linked file's content is part of the input: changing it re-stages that file only.
        try project.write("elsewhere/Chip2_IV_2.csv", Self.file(2, rows: ["1,2", "3,4", "5,6"]))
        let status = try project.status()
        guard case .array(let stages) = status, case .array(let reasons)? = stages.first?["reasons"] else {
            Issue.record("no status: \(status)")
            return
        }
        #expect(reasons.first?["kind"]?.stringValue == "input-changed")
        try project.run()
        #expect(try manifest(project)["2025-09-01/Chip2_IV_2.csv"]?.rows == 3)
        #expect(try project.weir("verify").status == 0)
    }

    @Test func aFileWithoutItsMetadataBlockIsRejectedUnlessItIsOptional() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Bare2_IV_2.csv": "vsd_v,i_a\n1,2\n",
        ])
        try project.run()
        #expect(
            try manifest(project)["2025-09-01/Bare2_IV_2.csv"]?.reason
                == "The file cannot be staged: it has no '# Key: value' metadata lines, which 'header_metadata: true' "
                + "expects. Add them, or set 'header_metadata: optional' if some files have none.")
        try project.edit("weir.yaml", replacing: "header_metadata: true", with: "header_metadata: optional")
        try project.run()
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Bare2_IV_2.csv"]?.status == .staged)
        #expect(rows["2025-09-01/Bare2_IV_2.csv"]?.fields["chip_number"] == nil)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.status == .staged)
    }

    @Test func aFileMissingARequiredFieldIsRejected() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(extra: "required: [start_time, chip]"),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Late2_IV_2.csv": "# Procedure: IV\n# Start time: none\nvsd_v,i_a\n1,2\n",
        ])
        try project.run()
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.status == .staged)
        let reason = try #require(rows["2025-09-01/Late2_IV_2.csv"]?.reason)
        #expect(
            reason.hasPrefix("The file cannot be staged: it has no value for the required field 'start_time'"),
            "\(reason)")
    }

    @Test func aStrayWordRejectsItsFileOrOnlyItsRow() throws {
        var data = (0..<1_200).map { "\(Double($0) * 0.01),\(Double($0) * 1.5e-9)" }
        data[900] = "9.0,oops"
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: data),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2),
        ])
        try project.run()
        let reason = try #require(try manifest(project)["2025-09-01/Chip1_IV_1.csv"]?.reason)
        #expect(
            reason.contains("line 905, column 2 ('i_a')") && reason.contains("The value 'oops' does not fit"),
            "\(reason)")

        try project.edit(
            "weir.yaml", replacing: "header_metadata: true", with: "header_metadata: true\n    on_bad_rows: reject")
        try project.run()
        let row = try #require(try manifest(project)["2025-09-01/Chip1_IV_1.csv"])
        #expect(row.status == .staged)
        #expect(row.rows == 1_199)
        #expect(row.rejectedRows == 1)
        let rejects = try project.weir(
            "query", "data/stage/_rejects/run_id=\(row.runID)/rejects.parquet", "--select", "line,text", "--format",
            "csv")
        #expect(rejects.stdout == "line,text\n905,\"9.0,oops\"\n", "\(rejects.stderr)")
        // The whole rejects table, through its folder, with the run id of its Hive folder.
        let all = try project.weir(
            "query", "data/stage/_rejects", "--select", "run_id,source_path,line", "--format", "csv")
        #expect(all.stdout == "run_id,source_path,line\n\(row.runID),2025-09-01/Chip1_IV_1.csv,905\n", "\(all.stderr)")
    }

    /// `weir verify` checks an ingest run's files against its record and its dataset against its
    /// manifest.
    @Test func verifyChecksTheDatasetOfAnIngestRun() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2),
        ])
        try project.run()
        #expect(try project.weir("verify").status == 0)
        let part = try #require(try manifest(project)["2025-09-01/Chip2_IV_2.csv"]?.dataPath)
        try project.write("data/stage/" + part, "not parquet")
        let verify = try project.weir("verify")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("'\(part)' has 11 bytes"), "\(verify.stdout)")
        #expect(verify.stdout.contains("Dataset: "), "\(verify.stdout)")
    }

    /// The types of a part's columns, from `weir parquet inspect --json`.
    func columnTypes(_ project: PipelineFixture, _ part: String) throws -> [String: String] {
        let inspect = try project.weir("parquet", "inspect", "--json", "data/stage/" + part)
        guard case .array(let columns)? = try JSONValue.parse(inspect.stdout)["schema"] else { return [:] }
        var types: [String: String] = [:]
        for column in columns {
            if let path = column["path"]?.stringValue { types[path] = column["weir_type"]?.stringValue }
        }
        return types
    }

    /// `schemas` chosen by a metadata field (`procedure`): each file gets its kind's types, and a
    /// kind without an entry is inferred.
    @Test func aSchemaPerKindOfFileChosenByAMetadataField() throws {
        let its = "# Procedure: ITS\n# Chip number: 3\n# Start time: 2025-09-01 11:00:00\nt_s,i_a\n0,1\n1,2\n"
        let ivg = "# Procedure: IVg\n# Chip number: 4\n# Start time: 2025-09-01 12:00:00\nvg_v,i_a\n0,1\n1,2\n"
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(
                extra:
                    "schema_key: procedure\n    schemas:\n      IV: {vsd_v: double, i_a: string}\n      ITS: {t_s: float, i_a: double}"
            ),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Chip3_ITS_3.csv": its,
            "raw/2025-09-01/Chip4_IVg_4.csv": ivg,
        ])
        try project.run()
        let rows = try manifest(project)
        #expect(rows.values.allSatisfy { $0.status == .staged }, "\(rows.values.map(\.reason))")
        let iv = try columnTypes(project, try #require(rows["2025-09-01/Chip1_IV_1.csv"]?.dataPath))
        #expect(iv == ["vsd_v": "double", "i_a": "string"])
        let itsTypes = try columnTypes(project, try #require(rows["2025-09-01/Chip3_ITS_3.csv"]?.dataPath))
        #expect(itsTypes == ["t_s": "float", "i_a": "double"])
        let ivgTypes = try columnTypes(project, try #require(rows["2025-09-01/Chip4_IVg_4.csv"]?.dataPath))
        #expect(ivgTypes == ["vg_v": "int64", "i_a": "int64"])
    }

    /// Parquet sources (seed 001's market data): a file Weir cannot read whole is rejected, never
    /// staged with columns missing; one with a nested column is staged whole.
    @Test func parquetSourcesThatCannotBeStagedWholeAreRejected() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            stages:
              market:
                kind: ingest
                source: raw
                pattern: "{symbol}_{timeframe}_{year:int}_{month:int}.parquet"
                filters: {year: 2014..2016}
                partition_by: [symbol, year]
                out: data/market

            """
        ])
        let script = """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            raw = sys.argv[1]
            flat = pa.table({"ts": pa.array([1, 2, 3], pa.timestamp("us")), "px": [1.0, 2.0, 3.0]})
            pq.write_table(flat, f"{raw}/EURUSD_1m_2015_01.parquet")
            pq.write_table(flat, f"{raw}/EURUSD_1m_2013_01.parquet")
            pq.write_table(pa.table({"px": [1.0], "ticks": pa.array([[1, 2]])}), f"{raw}/NEST_1m_2015_02.parquet")
            data = open(f"{raw}/EURUSD_1m_2015_01.parquet", "rb").read()
            open(f"{raw}/CUT_1m_2015_03.parquet", "wb").write(data[:100])
            """
        try FileManager.default.createDirectory(atPath: project.root + "/raw", withIntermediateDirectories: true)
        let made = try TestEnvironment.python(script, [project.root + "/raw"])
        #expect(made.status == 0, "\(made.stderr)")
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/market/_manifest/manifest.parquet")
        let byPath = Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0) })
        #expect(rows.count == 3)
        #expect(byPath["EURUSD_1m_2015_01.parquet"]?.rows == 3)
        // A nested column is staged as it is (IngestNestedTests has the details).
        #expect(byPath["NEST_1m_2015_02.parquet"]?.status == .staged)
        #expect(byPath["NEST_1m_2015_02.parquet"]?.rows == 1)
        #expect(byPath["CUT_1m_2015_03.parquet"]?.reason?.contains("is not a Parquet file") == true)
    }

    /// `weir run --force STAGE` stages every file again (after a Weir upgrade, say), keeping the
    /// manifest's history, and leaves nothing of the old parts that the new outcome does not have.
    @Test func aForcedRunStagesEveryFileAgain() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(extra: "on_bad_rows: reject"),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, rows: ["1,2", "3,4,5", "5,6"]),
        ])
        try project.run()
        let before = try manifest(project)
        #expect(before["2025-09-01/Chip2_IV_2.csv"]?.rejectedRows == 1)
        try project.run("--force", "stage")
        let events = try project.weir("events", "--stage", "stage", "--json")
        guard case .array(let list) = try JSONValue.parse(events.stdout) else {
            Issue.record("no events: \(events.stdout)")
            return
        }
        let batches = list.filter { $0["kind"]?.stringValue == "ingest-batch" }
            .sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }
        #expect(batches.map { $0["fields"]?["staged"]?.intValue } == [2, 2])
        let after = try manifest(project)
        #expect(after.mapValues(\.runID) == before.mapValues(\.runID))
        let versions = try JSONValue.parse(try project.weir("dataset", "versions", "data/stage", "--json").stdout)
        guard case .array(let snapshots) = versions else {
            Issue.record("no versions: \(versions)")
            return
        }
        #expect(snapshots.map { $0["snapshot"]?.intValue } == [1, 2])
        #expect(try project.weir("verify").status == 0)
        #expect(try project.weir("dataset", "verify", "data/stage").status == 0)
    }

    /// A data column named like a partition key would be hidden by the folder's value in every
    /// reader with Hive partitioning: the file is rejected instead.
    @Test func aColumnNamedLikeAPartitionKeyRejectsItsFile() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1),
            "raw/2025-09-01/Chip2_IV_2.csv": "# Procedure: IV\n# Start time: 2025-09-01 10:00:00\nproc,i_a\nIVg,1\n",
        ])
        try project.run()
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.status == .staged)
        #expect(
            rows["2025-09-01/Chip2_IV_2.csv"]?.reason
                == "The file cannot be staged: its column 'proc' has the name of a partition folder level, whose value "
                + "readers would show instead of the column's. Rename the column in the file, or partition by another field."
        )
    }

    @Test func weirTracePrintsThePhasesOfARun() throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml(), "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1)])
        let traced = try project.weir("run", environment: ["WEIR_TRACE": "1"])
        #expect(traced.status == 0)
        let phases = traced.stderr.split(separator: "\n").filter { $0.hasPrefix("[trace ") }
            .map { $0.split(separator: "] ", maxSplits: 1).last.map(String.init) ?? "" }
        for phase in [
            "execute start", "inputs hashed", "batch: staged all", "batch: manifest committed", "commit: committed",
        ] {
            #expect(phases.contains(phase), "\(traced.stderr)")
        }
        let quiet = try project.weir("run", "--force", "stage", environment: ["WEIR_TRACE": "0"])
        #expect(!quiet.stderr.contains("[trace "))
    }

    @Test func aDecimalCommaSourceIsStagedAsDoubles() throws {
        let eu = "# Procedure: IV\n# Start time: 2025-09-01 10:00:00\nvsd_v;i_a\n0,5;1,5e-07\n1,0;-2,5e-07\n"
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(extra: "csv: {delimiter: \";\", decimal: \",\"}"),
            "raw/2025-09-01/Chip1_IV_1.csv": eu,
        ])
        try project.run()
        let query = try project.weir("query", "data/stage", "--select", "vsd_v,i_a", "--format", "csv")
        #expect(query.stdout == "vsd_v,i_a\n0.5,1.5e-07\n1.0,-2.5e-07\n", "\(query.stderr)")
        try project.edit("weir.yaml", replacing: "delimiter: \";\", ", with: "")
        let refused = try project.weir("status")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("With a decimal comma the delimiter cannot be ','"), "\(refused.stderr)")
    }

    @Test func aLatin1SourceIsStagedAsUTF8() throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml(extra: "csv: {encoding: latin1}")])
        let bytes: [UInt8] =
            Array("# Procedure: IV\n# Start time: 2025-09-01 10:00:00\n# Operator: Jos".utf8) + [0xE9]
            + Array("\nvsd_v,i_".utf8) + [0xB5] + Array("A\n1,2\n".utf8)
        try FileManager.default.createDirectory(
            atPath: project.root + "/raw/2025-09-01", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: project.root + "/raw/2025-09-01/Chip1_IV_1.csv"))
        try project.run()
        let row = try #require(try manifest(project)["2025-09-01/Chip1_IV_1.csv"])
        #expect(row.status == .staged, "\(row.reason ?? "")")
        #expect(row.fields["operator"] == .string("José"))
        let query = try project.weir("query", "data/stage", "--select", "vsd_v,i_µA", "--format", "csv")
        #expect(query.stdout == "vsd_v,i_µA\n1,2\n", "\(query.stderr)")
    }

    @Test func anEmptySourceGivesAnEmptyDataset() throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml(), "raw/.keep": ""])
        try project.run()
        #expect(try manifest(project).isEmpty)
        let query = try project.weir("query", "data/stage", "--format", "csv")
        #expect(query.status == 0, "\(query.stderr)")
    }
}
