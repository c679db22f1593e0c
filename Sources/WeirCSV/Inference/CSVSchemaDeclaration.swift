import WeirColumns

/// Declared column types, as a user writes them: one `name: type` per line.
///
/// ```
/// # comments and blank lines are ignored
/// timestamp: timestamp[ms]
/// chip number: int32
/// i_a: double
/// ```
///
/// Types are the names ``WeirColumns/ColumnType/name`` prints (`bool`, `int8`…`int64`,
/// `uint8`…`uint64`, `float`, `double`, `string`, `binary`, `date`, `timestamp[ms|us|ns]`,
/// `timestamp[us, UTC]`, `decimal(10,2)`) and a few common aliases (`boolean`, `int`, `integer`,
/// `float32`, `float64`, `text`, `utf8`, `bytes`, `timestamp`, `timestamptz`), in any case.
public enum CSVSchemaDeclaration {
    /// The column types declared in `text`.
    /// - Throws: ``CSVError`` (`.invalidOptions`) naming the line of the first malformed entry.
    public static func parse(_ text: String, path: String? = nil) throws(CSVError) -> [String: ColumnType] {
        var types: [String: ColumnType] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.lastIndex(of: ":") else {
                throw CSVError(
                    .invalidOptions,
                    "The entry '\(line)' has no type. Write one column per line as 'name: type'.", path: path,
                    line: index + 1)
            }
            let name = String(line[..<colon]).trimmingSpaces()
            let typeName = String(line[line.index(after: colon)...]).trimmingSpaces()
            guard !name.isEmpty else {
                throw CSVError(
                    .invalidOptions, "The entry '\(line)' has no column name. Write it as 'name: type'.", path: path,
                    line: index + 1)
            }
            guard let type = columnType(named: typeName) else {
                throw CSVError(
                    .invalidOptions,
                    "The type '\(typeName)' of column '\(name)' is unknown. Use one of 'bool', 'int32', 'int64', "
                        + "'double', 'string', 'date', 'timestamp[ms]', 'timestamp[us, UTC]' or 'decimal(10,2)'.",
                    path: path, line: index + 1)
            }
            guard types[name] == nil else {
                throw CSVError(
                    .invalidOptions, "The column '\(name)' is declared twice. Keep one declaration.", path: path,
                    line: index + 1)
            }
            types[name] = type
        }
        return types
    }

    /// The type a name stands for, or `nil`.
    public static func columnType(named text: String) -> ColumnType? {
        let name = text.lowercased().filter { $0 != " " }
        switch name {
        case "bool", "boolean": return .boolean
        case "int8": return .int8
        case "int16": return .int16
        case "int32": return .int32
        case "int64", "int", "integer": return .int64
        case "uint8": return .uint8
        case "uint16": return .uint16
        case "uint32": return .uint32
        case "uint64": return .uint64
        case "float", "float32": return .float32
        case "double", "float64": return .float64
        case "string", "text", "utf8": return .string
        case "binary", "bytes": return .binary
        case "date": return .date
        case "timestamp": return .timestamp(unit: .microseconds, utc: false)
        case "timestamptz": return .timestamp(unit: .microseconds, utc: true)
        default: break
        }
        if name.hasPrefix("timestamp[") && name.hasSuffix("]") {
            let parts = name.dropFirst("timestamp[".count).dropLast().split(separator: ",")
            guard let first = parts.first, let unit = TimeUnit(rawValue: String(first)) else { return nil }
            if parts.count == 1 { return .timestamp(unit: unit, utc: false) }
            guard parts.count == 2, parts[1] == "utc" else { return nil }
            return .timestamp(unit: unit, utc: true)
        }
        if name.hasPrefix("decimal(") && name.hasSuffix(")") {
            let parts = name.dropFirst("decimal(".count).dropLast().split(separator: ",")
            guard parts.count == 2, let precision = Int(parts[0]), let scale = Int(parts[1]),
                (1...38).contains(precision), (0...precision).contains(scale)
            else { return nil }
            return .decimal(precision: precision, scale: scale)
        }
        return nil
    }
}
