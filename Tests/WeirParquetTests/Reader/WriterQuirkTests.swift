import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@Suite struct WriterQuirkTests {
    private static func file(in directory: TemporaryDirectory) throws -> [UInt8] {
        let files = try InteropFiles.generate(
            #"""
            table = pa.table({'n': pa.array([1, 2, 2, 1], pa.int32()), 's': pa.array(['a', 'b', 'a', 'a'])})
            emit('dictionary', lambda p: pq.write_table(table, p, compression='none', row_group_size=2))
            """#, in: directory)
        return try [UInt8](Data(contentsOf: try #require(files.first)))
    }

    /// parquet-mr before 1.2.9 left the dictionary page header out of the chunk size (PARQUET-816).
    @Test func oldParquetMRChunkSizesAreWidenedForTheDictionaryHeader() throws {
        let directory = try TemporaryDirectory("weir-quirks")
        let original = try Self.file(in: directory)
        func shortened(createdBy: String) throws -> [UInt8] {
            try FooterSurgery.rewrite(original) { metadata in
                metadata.createdBy = createdBy
                for group in metadata.rowGroups.indices {
                    for column in metadata.rowGroups[group].columns.indices {
                        metadata.rowGroups[group].columns[column].metaData!.totalCompressedSize -= 20
                    }
                }
            }
        }
        let old = try ParquetFileReader(bytes: try shortened(createdBy: "parquet-mr version 1.2.8 (build abc)"))
        #expect(InteropFiles.jsonl(try old.readRowGroup(1)) == "{\"n\":2,\"s\":\"a\"}\n{\"n\":1,\"s\":\"a\"}\n")
        let bare = try ParquetFileReader(bytes: try shortened(createdBy: "parquet-mr"))
        #expect(try bare.readRowGroup(0).rowCount == 2)

        let fixed = try ParquetFileReader(bytes: try shortened(createdBy: "parquet-mr version 1.10.0"))
        let error = try #require(throws: ParquetError.self) { try fixed.readRowGroup(0) }
        #expect(error.kind == .corrupt)
        #expect(error.location?.hasPrefix("row group 0, column 'n', page header at byte ") == true, "\(error)")
    }

    @Test func emptyRowGroupsIgnoreTheirChunkOffsets() throws {
        let directory = try TemporaryDirectory("weir-quirks")
        let original = try Self.file(in: directory)
        let bytes = try FooterSurgery.rewrite(original) { metadata in
            metadata.rowGroups[0].numRows = 0
            for column in metadata.rowGroups[0].columns.indices {
                metadata.rowGroups[0].columns[column].metaData!.dataPageOffset = 0
                metadata.rowGroups[0].columns[column].metaData!.dictionaryPageOffset = nil
            }
        }
        let reader = try ParquetFileReader(bytes: bytes)
        let batch = try reader.readRowGroup(0)
        #expect(batch.rowCount == 0)
        #expect(batch.schema.fields.map(\.name) == ["n", "s"])
        #expect(try reader.readRowGroup(1).rowCount == 2)
    }
}
