import Foundation
import Testing
import WeirColumns
import WeirCompression
import WeirTestSupport

@testable import WeirParquet

/// Files Weir writes, read back by pyarrow, DuckDB and polars.
@Suite struct ParquetWriterInteropTests {
    struct Variant: CustomStringConvertible, Sendable {
        var codec: CompressionCodec
        /// `nil` for no dictionary, else the dictionary page limit.
        var dictionaryLimit: Int?
        var description: String {
            "\(codec.rawValue)-" + (dictionaryLimit.map { $0 < 100 ? "fallback" : "dictionary" } ?? "plain")
        }
    }

    static let variants: [Variant] =
        [CompressionCodec.uncompressed, .snappy, .gzip, .zstd].flatMap { codec in
            [nil, 1 << 20, 24].map { Variant(codec: codec, dictionaryLimit: $0) }
        } + [CompressionCodec.lz4Raw, .brotli, .lz4].map { Variant(codec: $0, dictionaryLimit: 1 << 20) }

    /// Rows per row group: the table's 15 rows make two row groups, the first across both batches.
    static let rowGroupRows = 10

    @Test func peersReadEveryTypeNullabilityCodecAndEncoding() throws {
        let directory = try TemporaryDirectory()
        let columns = WriterTestTable.columns()
        let batch = WriterTestTable.batch(columns)
        var paths: [String] = []
        for variant in Self.variants {
            var options = ParquetWriterOptions()
            options.codec = variant.codec
            options.dictionary = variant.dictionaryLimit != nil
            options.dictionaryPageSizeLimit = variant.dictionaryLimit ?? 0
            options.dataPageSize = 40
            options.rowGroupRows = Self.rowGroupRows
            let path = directory.file("\(variant).parquet").path
            let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
            try writer.write(Self.slice(batch, 0..<7))
            try writer.write(Self.slice(batch, 7..<WriterTestTable.rowCount))
            let summary = try writer.close()
            #expect(summary.rows == WriterTestTable.rowCount && summary.rowGroups == 2)
            paths.append(path)
        }

        let result = try TestEnvironment.python(WriterPeerScript.source, paths)
        try #require(result.status == 0, "peer script failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == paths.count)
        for (line, variant) in zip(lines, Self.variants) {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            try checkValues(report, columns, variant)
            try checkStatistics(report, columns, variant)
        }
    }

    private func checkValues(_ report: [String: Any], _ columns: [WriterTestColumn], _ variant: Variant) throws {
        let readers = try #require(report["readers"] as? [String: [String: Any]])
        for reader in ["pyarrow", "duckdb", "polars"] {
            let values = try #require(readers[reader]?["values"] as? [String: [Any]], "\(reader) values")
            let types = try #require(readers[reader]?["types"] as? [String: String])
            for column in columns {
                let name = column.field.name
                let actual = try #require(values[name], "\(variant) \(reader) lacks column \(name)")
                #expect(actual.count == column.values.count, "\(variant) \(reader) \(name) row count")
                for (row, expected) in column.values.enumerated() where row < actual.count {
                    let text = actual[row] as? String
                    if expected.isNull {
                        #expect(actual[row] is NSNull, "\(variant) \(reader) \(name) row \(row): expected null")
                    } else {
                        #expect(
                            WriterExpectations.matches(expected, text),
                            "\(variant) \(reader) \(name) row \(row): \(String(describing: text)) ≠ \(expected)")
                    }
                }
                if reader == "pyarrow" {
                    #expect(types[name] == WriterExpectations.pyarrowType(column.field.type), "\(variant) \(name) type")
                }
            }
        }
    }

    private func checkStatistics(_ report: [String: Any], _ columns: [WriterTestColumn], _ variant: Variant) throws {
        let stats = try #require(report["pyarrow_stats"] as? [String: Any])
        #expect(stats["created_by"] as? String == ParquetWriterOptions.defaultCreatedBy)
        let groups = try #require(stats["row_groups"] as? [[String: Any]])
        try #require(groups.count == 2)
        let ranges = [0..<Self.rowGroupRows, Self.rowGroupRows..<WriterTestTable.rowCount]
        let duckdb = try #require(report["duckdb_stats"] as? [[String: Any]])
        for (group, rows) in zip(groups, ranges) {
            #expect(group["rows"] as? Int == rows.count)
            let chunks = try #require(group["columns"] as? [String: Any])
            for column in columns {
                let name = column.field.name
                let where_ = "\(variant) row group \(rows) column \(name)"
                let chunk = try #require(chunks[name] as? [String: Any], "\(where_): no statistics")
                let values = Array(column.values[rows])
                let nulls = values.filter(\.isNull).count
                #expect(chunk["null_count"] as? Int == nulls, "\(where_): null count")
                let bounds = WriterExpectations.bounds(values)
                #expect(chunk["has_min_max"] as? Bool == (bounds != nil), "\(where_): has_min_max")
                if let bounds {
                    #expect(
                        WriterExpectations.statisticText(bounds.min) == chunk["min"] as? String
                            || WriterExpectations.matches(bounds.min, chunk["min"] as? String),
                        "\(where_): min \(String(describing: chunk["min"])) ≠ \(bounds.min)")
                    #expect(
                        WriterExpectations.statisticText(bounds.max) == chunk["max"] as? String
                            || WriterExpectations.matches(bounds.max, chunk["max"] as? String),
                        "\(where_): max \(String(describing: chunk["max"])) ≠ \(bounds.max)")
                }
                let seen = duckdb.first {
                    $0["row_group"] as? Int == (rows.lowerBound == 0 ? 0 : 1) && $0["column"] as? String == name
                }
                let entry = try #require(seen, "\(where_): DuckDB lacks the chunk")
                #expect(entry["null_count"] as? Int == nulls, "\(where_): DuckDB null count")
                // DuckDB shows no float bounds when one is infinite, for pyarrow's files as well.
                let shown = bounds.map { Self.isFinite($0.min) && Self.isFinite($0.max) } ?? false
                #expect(entry["has_min"] as? Bool == shown, "\(where_): DuckDB min")
                #expect(entry["has_max"] as? Bool == shown, "\(where_): DuckDB max")
            }
        }
    }

    private static func isFinite(_ value: Value) -> Bool {
        switch value {
        case .float(let v): v.isFinite
        case .double(let v): v.isFinite
        default: true
        }
    }

    static func slice(_ batch: RecordBatch, _ rows: Range<Int>) -> RecordBatch {
        RecordBatch(
            schema: batch.schema,
            columns: batch.columns.map { column in
                let values = rows.map { column.value(at: $0) }
                let source = WriterTestColumn(
                    field: column.field, storage: column.storage.kind,
                    width: { if case .fixedBytes(let width, _) = column.storage { width } else { 0 } }(),
                    values: values)
                var sliced = source.column()
                if column.validity != nil && sliced.validity == nil {
                    sliced.validity = Array(repeating: true, count: rows.count)
                }
                return sliced
            })
    }
}
