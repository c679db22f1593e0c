import ArgumentParser
import Foundation
import WeirColumns
import WeirParquet

/// `weir parquet inspect`: the schema, row groups, column chunks and metadata of a Parquet file.
struct ParquetInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the schema, row groups, column chunks and metadata of a Parquet file.",
        discussion: """
            The schema lists the leaf columns, each with the type Weir reads its values as. A file with \
            nested columns (lists, structs, maps) also gets its top-level fields with their nested types \
            (such as list<int64> or struct<x: double, y: string>) and the tree of its schema's groups.
            """
    )

    @Argument(help: "The Parquet file to inspect.")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup var reading: ParquetReadingOptions

    func run() throws {
        let reader = try ParquetFileReader.open(forCommand: file, reading)
        let output = OutputBuffer()
        output.write(json ? InspectReport(reader: reader).json() : InspectReport(reader: reader).text())
        output.flush()
    }
}

/// What `inspect` reports, as text or JSON.
struct InspectReport {
    let reader: ParquetFileReader

    private var metadata: FileMetaData { reader.metadata }

    static func logical(_ type: LogicalType?) -> String? {
        guard let type else { return nil }
        switch type {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case .decimal(let scale, let precision): return "DECIMAL(\(precision),\(scale))"
        case .date: return "DATE"
        case .time(let utc, let unit): return "TIME(\(unit),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let unit): return "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
        case .integer(let bits, let signed): return "INT(\(bits),\(signed ? "signed" : "unsigned"))"
        case .unknown: return "UNKNOWN"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .variant: return "VARIANT"
        case .geometry: return "GEOMETRY"
        case .geography: return "GEOGRAPHY"
        case .vector: return "VECTOR"
        case .unrecognized(let id): return "UNRECOGNIZED(\(id))"
        }
    }

    private func weirType(_ column: ParquetColumnDescriptor) -> String {
        switch column.mapping {
        case .success(let field): field.type.name
        case .failure: "unsupported"
        }
    }

    /// Whether the file has a nested column or a top-level one Weir cannot read.
    private var hasNesting: Bool {
        reader.columns.contains { $0.nesting != nil } || !reader.unreadableColumns.isEmpty
    }

    /// The top-level fields with their Weir types, in file order, readable or not.
    private var fields: [(name: String, type: String?, error: ParquetError?)] {
        let schema = reader.schema
        var names: [String] = []
        for column in reader.columns where names.last != column.path[0] { names.append(column.path[0]) }
        return names.map { name in
            if let field = schema.fields.first(where: { $0.name == name }) { return (name, field.type.name, nil) }
            return (name, nil, reader.unreadableColumns.first { $0.name == name }?.error)
        }
    }

    /// The schema's elements as an indented tree: `repetition type name (annotation)`.
    private func schemaTree() -> [String] {
        var lines: [String] = []
        var remaining: [Int] = []
        for element in metadata.schema {
            let depth = remaining.count
            var text = element.repetitionType.map { "\($0)".lowercased() + " " } ?? ""
            if element.numChildren != nil {
                text += "group"
            } else {
                text += element.type.map { "\($0)" } ?? "?"
                if let length = element.typeLength, element.type == .fixedLenByteArray { text += "(\(length))" }
            }
            text += " " + element.name
            if let logical = Self.logical(element.logicalType) {
                text += " (\(logical))"
            } else if let converted = element.convertedType {
                text += " (\(converted))"
            }
            lines.append(String(repeating: "  ", count: depth + 1) + text)
            if !remaining.isEmpty { remaining[remaining.count - 1] -= 1 }
            if let children = element.numChildren, children > 0 { remaining.append(Int(children)) }
            while let last = remaining.last, last <= 0 { remaining.removeLast() }
        }
        return lines
    }

    // MARK: Text

    func text() -> String {
        var lines: [String] = []
        lines.append("File: \(reader.path ?? "")")
        lines.append("Created by: \(metadata.createdBy ?? "unknown")")
        lines.append("Format version: \(metadata.version)")
        lines.append("Rows: \(metadata.numRows)")
        lines.append("Row groups: \(metadata.rowGroups.count)")
        lines.append("")
        if hasNesting {
            let fields = fields
            lines.append("Fields (\(fields.count)):")
            lines += Self.align(fields.map { [$0.name, $0.type ?? "unsupported: \($0.error?.message ?? "")"] })
                .map { "  " + $0 }
            lines.append("")
            lines.append("Schema tree:")
            lines += schemaTree()
            lines.append("")
        }
        lines.append("Schema (\(reader.columns.count) columns):")
        var table = [["column", "physical", "logical", "converted", "repetition", "weir type"]]
        for column in reader.columns {
            let element = column.element
            var physical = element.type.map { "\($0)" } ?? "-"
            if let length = element.typeLength, element.type == .fixedLenByteArray { physical += "(\(length))" }
            table.append([
                column.name, physical, Self.logical(element.logicalType) ?? "-",
                element.convertedType.map { "\($0)" } ?? "-", element.repetitionType.map { "\($0)" } ?? "-",
                weirType(column),
            ])
        }
        lines += Self.align(table).map { "  " + $0 }
        for (index, group) in metadata.rowGroups.enumerated() {
            lines.append("")
            let compressed = group.totalCompressedSize.map { ", \($0) bytes compressed" } ?? ""
            lines.append("Row group \(index): \(group.numRows) rows, \(group.totalByteSize) bytes\(compressed)")
            var chunks = [["column", "codec", "encodings", "compressed", "uncompressed", "nulls", "min", "max"]]
            for column in reader.columns {
                let chunk = group.columns[column.leafIndex]
                let meta = chunk.metaData
                let statistics = reader.statistics(rowGroup: index, column: column)
                chunks.append([
                    column.name, meta.map { "\($0.codec)" } ?? "-",
                    meta?.encodings.map { "\($0)" }.joined(separator: ",") ?? "-",
                    meta.map { "\($0.totalCompressedSize)" } ?? "-", meta.map { "\($0.totalUncompressedSize)" } ?? "-",
                    statistics?.nullCount.map(String.init) ?? "-", Self.shortText(statistics?.min),
                    Self.shortText(statistics?.max),
                ])
            }
            lines += Self.align(chunks).map { "  " + $0 }
        }
        let keyValues = metadata.keyValueMetadata ?? []
        if !keyValues.isEmpty {
            lines.append("")
            lines.append("Key-value metadata:")
            for entry in keyValues {
                let value = entry.value ?? ""
                let shown = value.count > 100 ? String(value.prefix(100)) + "… (\(value.utf8.count) bytes)" : value
                lines.append("  \(entry.key) = \(shown)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func shortText(_ value: Value?) -> String {
        guard let value, let text = value.text else { return "-" }
        let oneLine = text.replacingOccurrences(of: "\n", with: "\\n")
        return oneLine.count > 40 ? String(oneLine.prefix(39)) + "…" : oneLine
    }

    private static func align(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = first.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }

    // MARK: JSON

    func json() -> String {
        var object = JSONObject()
        object.add("path", reader.path.map(JSONText.quote) ?? "null")
        object.add("created_by", metadata.createdBy.map(JSONText.quote) ?? "null")
        object.add("version", String(metadata.version))
        object.add("num_rows", String(metadata.numRows))
        object.add("schema", "[" + reader.columns.map(columnJSON).joined(separator: ",") + "]")
        let fields = fields.map { field in
            var entry = JSONObject()
            entry.add("name", JSONText.quote(field.name))
            entry.add("weir_type", field.type.map(JSONText.quote) ?? "null")
            entry.add("unsupported", field.error.map { JSONText.quote($0.message) } ?? "null")
            return entry.text
        }
        object.add("fields", "[" + fields.joined(separator: ",") + "]")
        var groups: [String] = []
        for (index, group) in metadata.rowGroups.enumerated() {
            var entry = JSONObject()
            entry.add("num_rows", String(group.numRows))
            entry.add("total_byte_size", String(group.totalByteSize))
            entry.add("total_compressed_size", group.totalCompressedSize.map(String.init) ?? "null")
            let chunks = reader.columns.map { chunkJSON($0, group: group, index: index) }
            entry.add("columns", "[" + chunks.joined(separator: ",") + "]")
            groups.append(entry.text)
        }
        object.add("row_groups", "[" + groups.joined(separator: ",") + "]")
        var keyValues = JSONObject()
        for entry in metadata.keyValueMetadata ?? [] {
            keyValues.add(entry.key, entry.value.map(JSONText.quote) ?? "null")
        }
        object.add("key_value_metadata", keyValues.text)
        return object.text + "\n"
    }

    private func columnJSON(_ column: ParquetColumnDescriptor) -> String {
        let element = column.element
        var object = JSONObject()
        object.add("path", JSONText.quote(column.name))
        object.add("physical_type", element.type.map { JSONText.quote("\($0)") } ?? "null")
        object.add("type_length", element.typeLength.map(String.init) ?? "null")
        object.add("logical_type", Self.logical(element.logicalType).map(JSONText.quote) ?? "null")
        object.add("converted_type", element.convertedType.map { JSONText.quote("\($0)") } ?? "null")
        object.add("repetition", element.repetitionType.map { JSONText.quote("\($0)") } ?? "null")
        object.add("precision", element.precision.map(String.init) ?? "null")
        object.add("scale", element.scale.map(String.init) ?? "null")
        object.add("nesting", column.nesting.map(JSONText.quote) ?? "null")
        switch column.mapping {
        case .success(let field):
            object.add("weir_type", JSONText.quote(field.type.name))
            object.add("unsupported", "null")
        case .failure(let error):
            object.add("weir_type", "null")
            object.add("unsupported", JSONText.quote(error.message))
        }
        return object.text
    }

    private func chunkJSON(_ column: ParquetColumnDescriptor, group: RowGroup, index: Int) -> String {
        var object = JSONObject()
        object.add("path", JSONText.quote(column.name))
        guard let meta = group.columns[column.leafIndex].metaData else { return object.text }
        object.add("codec", JSONText.quote("\(meta.codec)"))
        object.add("encodings", "[" + meta.encodings.map { JSONText.quote("\($0)") }.joined(separator: ",") + "]")
        object.add("num_values", String(meta.numValues))
        object.add("total_compressed_size", String(meta.totalCompressedSize))
        object.add("total_uncompressed_size", String(meta.totalUncompressedSize))
        if let statistics = reader.statistics(rowGroup: index, column: column) {
            var stats = JSONObject()
            stats.add("null_count", statistics.nullCount.map(String.init) ?? "null")
            stats.add("distinct_count", statistics.distinctCount.map(String.init) ?? "null")
            stats.add("min", statistics.min?.json ?? "null")
            stats.add("max", statistics.max?.json ?? "null")
            object.add("statistics", stats.text)
        } else {
            object.add("statistics", "null")
        }
        return object.text
    }
}

/// A JSON object built from already-encoded member values.
struct JSONObject {
    private var members: [String] = []

    mutating func add(_ key: String, _ encodedValue: String) {
        members.append(JSONText.quote(key) + ":" + encodedValue)
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}
