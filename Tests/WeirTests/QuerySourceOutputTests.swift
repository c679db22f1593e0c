import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

@Suite struct QueryOutputTests {
    /// Three rows covering nulls, quotes, commas, line breaks, an empty string, a long cell and
    /// the temporal types.
    static let batch = RecordBatch(columns: [
        Column(field: Field("id", .int64), storage: .int64([1, 22, 333])),
        Column(
            field: Field("name", .string),
            storage: .bytes(ByteArrays(["plain", "say \"hi\", twice", "line\nbreak"]))),
        Column(
            field: Field("note", .string), storage: .bytes(ByteArrays(["", "", String(repeating: "x", count: 50)])),
            validity: [true, false, true]),
        Column(field: Field("day", .date), storage: .int32([0, 20_000, -1])),
        Column(
            field: Field("at", .timestamp(unit: .microseconds, utc: true)), storage: .int64([0, 1_500_000, 0]),
            validity: [true, true, false]),
        Column(field: Field("x", .float64), storage: .double([0.5, -2, .nan])),
    ])

    @Test func tablesAlignTruncateAndCountRows() throws {
        let text = String(decoding: try QueryOutput.bytes(Self.batch, format: .table), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0]
                == " id  name             note                                      day         at                              x"
        )
        #expect(lines[1].hasPrefix("---  ---------------  ----------------------------------------  ----------  "))
        #expect(
            lines[2]
                == "  1  plain                                                      1970-01-01  1970-01-01T00:00:00.000000Z   0.5"
        )
        #expect(
            lines[3]
                == " 22  say \"hi\", twice  null                                      2024-10-04  1970-01-01T00:00:01.500000Z  -2.0"
        )
        #expect(lines[4].contains("line\\nbreak      " + String(repeating: "x", count: 39) + "…  1969-12-31  null"))
        #expect(lines[4].hasSuffix("NaN"))
        #expect(lines[5] == "(3 rows)")
        let empty = String(decoding: try QueryOutput.bytes(Self.batch.gather([]), format: .table), as: UTF8.self)
        #expect(empty.hasSuffix("(0 rows)\n"))
        #expect(empty == "id  name  note  day  at  x\n--  ----  ----  ---  --  -\n(0 rows)\n")
    }

    @Test func csvQuotesOnlyWhereNeededAndTellsNullFromEmpty() throws {
        let text = String(decoding: try QueryOutput.bytes(Self.batch, format: .csv), as: UTF8.self)
        #expect(
            text == """
                id,name,note,day,at,x
                1,plain,"",1970-01-01,1970-01-01T00:00:00.000000Z,0.5
                22,"say ""hi"", twice",,2024-10-04,1970-01-01T00:00:01.500000Z,-2.0
                333,"line
                break",\(String(repeating: "x", count: 50)),1969-12-31,,NaN

                """)
    }

    @Test func jsonLinesHaveOneObjectPerRow() throws {
        let text = String(decoding: try QueryOutput.bytes(Self.batch, format: .jsonl), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines[0]
                == #"{"id":1,"name":"plain","note":"","day":"1970-01-01","at":"1970-01-01T00:00:00.000000Z","x":0.5}"#)
        #expect(
            lines[1]
                == #"{"id":22,"name":"say \"hi\", twice","note":null,"day":"2024-10-04","at":"1970-01-01T00:00:01.500000Z","x":-2.0}"#
        )
        #expect(lines[2].hasPrefix(#"{"id":333,"name":"line\nbreak","#))
        #expect(lines[2].hasSuffix(#""at":null,"x":"NaN"}"#))
    }

    @Test func jsonIsOneArrayOfTheSameObjects() throws {
        let lines = String(decoding: try QueryOutput.bytes(Self.batch, format: .jsonl), as: UTF8.self)
        let array = String(decoding: try QueryOutput.bytes(Self.batch, format: .json), as: UTF8.self)
        #expect(array == "[\n" + lines.split(separator: "\n").joined(separator: ",\n") + "\n]\n")
        let decoded = try JSONSerialization.jsonObject(with: Data(array.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 3)
        #expect(decoded?[1]["note"] is NSNull)
        #expect(String(decoding: try QueryOutput.bytes(Self.batch.gather([]), format: .json), as: UTF8.self) == "[]\n")
        #expect(try QueryOutput.bytes(Self.batch.gather([]), format: .jsonl).isEmpty)
    }

    @Test func parquetGoesToAFileAndReadsBack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/out.parquet"
        try QueryOutput.write(Self.batch, format: .parquet, to: path)
        let reader = try ParquetFileReader(path: path)
        let read = try reader.readRowGroup(0)
        #expect(read.schema.fields.map(\.name) == Self.batch.schema.fields.map(\.name))
        for (index, column) in read.columns.enumerated() {
            #expect(column.field.type == Self.batch.columns[index].field.type)
            for row in 0..<3 {
                let expected = Self.batch.columns[index].value(at: row)
                if case .double(let value) = expected, value.isNaN { continue }
                #expect(column.value(at: row) == expected)
            }
        }
        #expect(throws: QueryOutputError.needsFile) { try QueryOutput.bytes(Self.batch, format: .parquet) }
        #expect(
            QueryOutputError.needsFile.description
                == "The format 'parquet' writes a file, not standard output. Please add '--out <file>'.")
    }

    @Test(arguments: [QueryOutputFormat.table, .csv, .jsonl, .json, .parquet])
    func aWriterFedInBatchesWritesWhatTheWholeBatchGives(format: QueryOutputFormat) throws {
        let directory = try TemporaryDirectory()
        let whole = directory.path + "/whole." + format.rawValue
        let pieces = directory.path + "/pieces." + format.rawValue
        try QueryOutput.write(Self.batch, format: format, to: whole)
        let writer = try QueryOutputWriter(format: format, path: pieces)
        try writer.begin(Self.batch.schema)
        for row in 0..<Self.batch.rowCount { try writer.write(Self.batch.gather([row])) }
        try writer.write(Self.batch.gather([]))
        #expect(!FileManager.default.fileExists(atPath: pieces))
        try writer.finish()
        if format == .parquet {
            let read = try ParquetFileReader(path: pieces)
            #expect(read.rowCount == 3)
            #expect(read.schema == (try ParquetFileReader(path: whole)).schema)
        } else {
            #expect(try Data(contentsOf: URL(fileURLWithPath: pieces)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        }
        // An empty result still has its header, brackets or schema.
        let empty = directory.path + "/empty." + format.rawValue
        let emptyWriter = try QueryOutputWriter(format: format, path: empty)
        try emptyWriter.begin(Self.batch.schema)
        try emptyWriter.finish()
        if format != .parquet {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: empty))
                    == Data(try QueryOutput.bytes(Self.batch.gather([]), format: format)))
        } else {
            #expect(try ParquetFileReader(path: empty).rowCount == 0)
        }
        // An abandoned writer leaves nothing.
        let abandoned = directory.path + "/abandoned." + format.rawValue
        let aborted = try QueryOutputWriter(format: format, path: abandoned)
        try aborted.begin(Self.batch.schema)
        try aborted.write(Self.batch)
        aborted.abort()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "empty." + format.rawValue, "pieces." + format.rawValue, "whole." + format.rawValue,
            ])
    }

    @Test func textFormatsGoToFilesWholeOrNotAtAll() throws {
        let directory = try TemporaryDirectory()
        try QueryOutput.write(Self.batch, format: .jsonl, to: directory.path + "/out.jsonl")
        #expect(
            try Data(contentsOf: directory.file("out.jsonl"))
                == Data(try QueryOutput.bytes(Self.batch, format: .jsonl)))
        #expect(throws: QueryOutputError.self) {
            try QueryOutput.write(Self.batch, format: .csv, to: directory.path + "/no/such/folder/out.csv")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/no"))
    }
}
