import WeirColumns

/// Converts manifest rows to and from a columnar batch (the form stored as Parquet).
///
/// The fixed columns come first, in a stable order; the typed fields follow, sorted by name.
/// A field's column type is the narrowest that holds every row's value: integers and doubles
/// widen to double, anything else that disagrees becomes a string.
public enum ManifestTable {
    public static let fixedFields: [Field] = [
        Field("run_id", .string, nullable: false),
        Field("source_path", .string, nullable: false),
        Field("source_size", .int64, nullable: false),
        Field("source_sha256", .string, nullable: false),
        Field("status", .string, nullable: false),
        Field("reason", .string),
        Field("rows", .int64, nullable: false),
        Field("rejected_rows", .int64, nullable: false),
        Field("data_path", .string),
        Field("schema_version", .int32, nullable: false),
        Field("weir_version", .string, nullable: false),
        Field("session", .string, nullable: false),
        Field("ingested_at", .timestamp(unit: .microseconds, utc: true), nullable: false),
    ]

    /// The batch holding `rows` in order.
    public static func batch(_ rows: [ManifestRow]) -> RecordBatch {
        var columns: [Column] = [
            strings("run_id", rows.map(\.runID)),
            strings("source_path", rows.map(\.sourcePath)),
            Column(field: fixedFields[2], storage: .int64(rows.map(\.sourceSize))),
            strings("source_sha256", rows.map(\.sourceHash)),
            strings("status", rows.map(\.status.rawValue)),
            optionalStrings("reason", rows.map(\.reason)),
            Column(field: fixedFields[6], storage: .int64(rows.map(\.rows))),
            Column(field: fixedFields[7], storage: .int64(rows.map(\.rejectedRows))),
            optionalStrings("data_path", rows.map(\.dataPath)),
            Column(field: fixedFields[9], storage: .int32(rows.map(\.schemaVersion))),
            strings("weir_version", rows.map(\.weirVersion)),
            strings("session", rows.map(\.session)),
            Column(field: fixedFields[12], storage: .int64(rows.map(\.ingestedAt))),
        ]
        let names = Set(rows.flatMap(\.fields.keys)).subtracting(fixedFields.map(\.name)).sorted()
        for name in names {
            columns.append(fieldColumn(name, rows.map { $0.fields[name] ?? .null }))
        }
        return RecordBatch(columns: columns)
    }

    /// The rows of a manifest batch.
    ///
    /// - Throws: ``ManifestFormatError`` when a fixed column is missing or has another type.
    public static func rows(_ batch: RecordBatch) throws(ManifestFormatError) -> [ManifestRow] {
        var fixed: [String: Column] = [:]
        for field in fixedFields {
            guard let column = batch.column(named: field.name) else {
                throw ManifestFormatError(message: "it has no '\(field.name)' column")
            }
            guard column.field.type == field.type else {
                throw ManifestFormatError(
                    message: "its '\(field.name)' column is \(column.field.type.name), not \(field.type.name)"
                )
            }
            fixed[field.name] = column
        }
        let fixedNames = Set(fixedFields.map(\.name))
        let extra = batch.columns.filter { !fixedNames.contains($0.field.name) }
        var rows: [ManifestRow] = []
        rows.reserveCapacity(batch.rowCount)
        func text(_ name: String, _ row: Int) -> String? {
            if case .string(let value) = fixed[name]!.value(at: row) { return value }
            return nil
        }
        func integer(_ name: String, _ row: Int) -> Int64 {
            switch fixed[name]!.value(at: row) {
            case .int(let value): return value
            case .timestamp(let value, _, _): return value
            default: return 0
            }
        }
        for row in 0..<batch.rowCount {
            guard let status = ManifestRow.Status(rawValue: text("status", row) ?? "") else {
                throw ManifestFormatError(message: "row \(row + 1) has the unknown status '\(text("status", row) ?? "")'")
            }
            var fields: [String: Value] = [:]
            for column in extra {
                let value = column.value(at: row)
                if !value.isNull { fields[column.field.name] = value }
            }
            rows.append(
                ManifestRow(
                    runID: text("run_id", row) ?? "", sourcePath: text("source_path", row) ?? "",
                    sourceSize: integer("source_size", row), sourceHash: text("source_sha256", row) ?? "",
                    status: status, reason: text("reason", row), rows: integer("rows", row),
                    rejectedRows: integer("rejected_rows", row), dataPath: text("data_path", row), fields: fields,
                    schemaVersion: Int32(integer("schema_version", row)), weirVersion: text("weir_version", row) ?? "",
                    session: text("session", row) ?? "", ingestedAt: integer("ingested_at", row)
                )
            )
        }
        return rows
    }

    static func strings(_ name: String, _ values: [String]) -> Column {
        Column(field: Field(name, .string, nullable: false), storage: .bytes(ByteArrays(values)))
    }

    static func optionalStrings(_ name: String, _ values: [String?]) -> Column {
        Column(
            field: Field(name, .string),
            storage: .bytes(ByteArrays(values.map { $0 ?? "" })),
            validity: values.contains(nil) ? values.map { $0 != nil } : nil
        )
    }

    /// A nullable column of the narrowest type holding all `values`.
    static func fieldColumn(_ name: String, _ values: [Value]) -> Column {
        let validity = values.contains(.null) ? values.map { !$0.isNull } : nil
        switch unifiedKind(values) {
        case .bool:
            return Column(field: Field(name, .boolean), storage: .boolean(values.map { if case .bool(let v) = $0 { v } else { false } }), validity: validity)
        case .int:
            return Column(field: Field(name, .int64), storage: .int64(values.map { if case .int(let v) = $0 { v } else { 0 } }), validity: validity)
        case .double:
            let doubles = values.map { value -> Double in
                switch value {
                case .int(let v): Double(v)
                case .double(let v): v
                case .float(let v): Double(v)
                default: 0
                }
            }
            return Column(field: Field(name, .float64), storage: .double(doubles), validity: validity)
        case .date:
            return Column(field: Field(name, .date), storage: .int32(values.map { if case .date(let v) = $0 { v } else { 0 } }), validity: validity)
        case .timestamp(let unit, let utc):
            return Column(
                field: Field(name, .timestamp(unit: unit, utc: utc)),
                storage: .int64(values.map { if case .timestamp(let v, _, _) = $0 { v } else { 0 } }), validity: validity)
        case .string:
            return Column(field: Field(name, .string), storage: .bytes(ByteArrays(values.map { $0.text ?? "" })), validity: validity)
        }
    }

    enum Kind: Equatable {
        case bool, int, double, date, string
        case timestamp(TimeUnit, Bool)
    }

    static func unifiedKind(_ values: [Value]) -> Kind {
        var kind: Kind?
        for value in values {
            let next: Kind
            switch value {
            case .null: continue
            case .bool: next = .bool
            case .int: next = .int
            case .uint, .decimal, .bytes, .string, .list, .structure, .map: next = .string
            case .float, .double: next = .double
            case .date: next = .date
            case .timestamp(_, let unit, let utc): next = .timestamp(unit, utc)
            }
            switch (kind, next) {
            case (nil, _): kind = next
            case (let current?, _) where current == next: break
            case (.int?, .double), (.double?, .int): kind = .double
            default: return .string
            }
        }
        return kind ?? .string
    }
}

/// A manifest file whose columns are not what Weir writes.
public struct ManifestFormatError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String {
        "The manifest is not a Weir manifest: \(message). Re-create it with 'weir run --force <stage>'."
    }
}
