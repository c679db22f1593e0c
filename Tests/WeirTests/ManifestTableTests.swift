import Testing
import WeirColumns

@testable import Weir

@Suite struct ManifestTableTests {
    func row(_ path: String, status: ManifestRow.Status = .staged, fields: [String: Value]) -> ManifestRow {
        ManifestRow(
            runID: "r-" + path, sourcePath: path, sourceSize: 10, sourceHash: "ab", status: status,
            reason: status == .rejected ? "bad" : nil, rows: status == .staged ? 3 : 0,
            dataPath: status == .staged ? "proc=IV/run_id=r/part-000.parquet" : nil, fields: fields,
            weirVersion: "0.1.0", session: "s1", ingestedAt: 1_760_000_000_000_000
        )
    }

    @Test func roundTripsRowsThroughABatch() throws {
        let rows = [
            row("a.csv", fields: ["chip": .int(67), "proc": .string("IV"), "vds_v": .double(0.1)]),
            row("b.csv", status: .rejected, fields: ["chip": .int(3)]),
            row("c.csv", fields: ["proc": .string("ITS"), "vds_v": .int(1), "date": .date(20_000)]),
        ]
        let batch = ManifestTable.batch(rows)
        #expect(batch.schema.fields.map(\.name).suffix(4) == ["chip", "date", "proc", "vds_v"])
        #expect(batch.column(named: "vds_v")?.field.type == .float64)
        #expect(batch.column(named: "reason")?.nullCount == 2)
        let back = try ManifestTable.rows(batch)
        #expect(back.count == 3)
        #expect(back[0] == rows[0])
        #expect(back[1] == rows[1])
        #expect(back[2].fields["vds_v"] == .double(1))
        #expect(back[2].fields["date"] == .date(20_000))
    }

    @Test func conflictingTypesBecomeStrings() {
        let column = ManifestTable.fieldColumn("x", [.int(1), .string("a"), .null])
        #expect(column.field.type == .string)
        #expect(column.value(at: 0) == .string("1"))
        #expect(column.value(at: 2) == .null)
    }

    @Test func refusesBatchesThatAreNotManifests() {
        let batch = RecordBatch(columns: [Column(field: Field("run_id", .string), storage: .bytes(ByteArrays(["x"])))])
        let wrongType = RecordBatch(columns: [Column(field: Field("run_id", .int64), storage: .int64([1]))])
        #expect {
            _ = try ManifestTable.rows(wrongType)
        } throws: { error in
            (error as? ManifestFormatError)?.description
                == "The manifest is not a Weir manifest: its 'run_id' column is int64, not string. Re-create it with 'weir run --force <stage>'."
        }
        #expect {
            _ = try ManifestTable.rows(batch)
        } throws: { error in
            (error as? ManifestFormatError)?.description
                == "The manifest is not a Weir manifest: it has no 'source_path' column. Re-create it with 'weir run --force <stage>'."
        }
    }
}
