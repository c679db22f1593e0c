import Foundation
import Testing
import WeirTestSupport

@Suite struct ParquetInspectTests {
    @Test func describesSchemaRowGroupsAndStatistics() throws {
        let directory = try TemporaryDirectory("weir-cli-inspect")
        try ParquetCLIFixtures.write(in: directory)
        let result = try TestEnvironment.weir(["parquet", "inspect", "small.parquet"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("File: small.parquet"))
        #expect(lines.contains { $0.hasPrefix("Created by: parquet-cpp-arrow version ") })
        #expect(lines.contains("Rows: 5"))
        #expect(lines.contains("Row groups: 3"))
        #expect(lines.contains("Schema (7 columns):"))
        #expect(
            lines.contains {
                $0.split(separator: " ", omittingEmptySubsequences: true) == [
                    "at", "INT64", "TIMESTAMP(MILLIS,UTC)", "TIMESTAMP_MILLIS", "OPTIONAL", "timestamp[ms,", "UTC]",
                ]
            })
        #expect(
            lines.contains {
                $0.split(separator: " ", omittingEmptySubsequences: true) == [
                    "price", "INT32", "DECIMAL(9,2)", "DECIMAL", "OPTIONAL", "decimal(9,2)",
                ]
            })
        #expect(lines.contains { $0.hasPrefix("Row group 2: 1 rows") })
        // Row group 0 holds ids 1 and 2: statistics are decoded through each column's type.
        let group = try #require(lines.firstIndex { $0.hasPrefix("Row group 0:") })
        let at = try #require(lines[group...].first { $0.hasPrefix("  at ") })
        #expect(at.split(separator: " ").suffix(3) == ["0", "1970-01-01T00:00:00.000Z", "1970-01-01T00:00:01.500Z"])
        let price = try #require(lines[group...].first { $0.hasPrefix("  price ") })
        #expect(price.split(separator: " ").suffix(3) == ["0", "-0.05", "1.50"])
        #expect(lines.contains { $0.hasPrefix("  ARROW:schema = ") })
    }

    @Test func printsJSON() throws {
        let directory = try TemporaryDirectory("weir-cli-inspect")
        try ParquetCLIFixtures.write(in: directory)
        let result = try TestEnvironment.weir(["parquet", "inspect", "nested.parquet", "--json"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["num_rows"] as? Int == 2)
        let schema = try #require(object["schema"] as? [[String: Any]])
        #expect(schema.map { $0["path"] as? String } == ["id", "tags.list.element"])
        #expect(schema[0]["weir_type"] as? String == "int64")
        #expect(schema[1]["weir_type"] as? String == "string")
        #expect(schema[1]["nesting"] as? String == "LIST")
        let fields = try #require(object["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["id", "tags"])
        #expect(fields.map { $0["weir_type"] as? String } == ["int64", "list<string>"])
        let groups = try #require(object["row_groups"] as? [[String: Any]])
        let columns = try #require(groups.first?["columns"] as? [[String: Any]])
        #expect(columns.first?["codec"] as? String == "SNAPPY")
        let statistics = try #require(columns.first?["statistics"] as? [String: Any])
        #expect(statistics["min"] as? Int == 1)
        #expect(statistics["max"] as? Int == 2)
        #expect(statistics["null_count"] as? Int == 0)
        #expect((object["key_value_metadata"] as? [String: Any])?["ARROW:schema"] is String)
    }

    @Test func reportsAFileThatIsNotParquet() throws {
        let directory = try TemporaryDirectory("weir-cli-inspect")
        try directory.write("notes.txt", "hello")
        let result = try TestEnvironment.weir(["parquet", "inspect", "notes.txt"], in: directory.path)
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: 'notes.txt' is not a Parquet file: it does not end with the magic bytes 'PAR1'.\n")
    }
}
