import WeirColumns

/// What the peers should report for the values the writer tests wrote, computed independently of
/// the writer.
enum WriterExpectations {
    /// The canonical text of `value` as ``WriterPeerScript`` prints reader values.
    static func text(_ value: Value) -> String? {
        switch value {
        case .null: nil
        case .bool(let v): v ? "true" : "false"
        case .int(let v): String(v)
        case .uint(let v): String(v)
        case .float(let v): floatText(Double(v))
        case .double(let v): floatText(v)
        case .string(let v): v
        case .bytes(let v): Base64.encode(v)
        case .date(let days): String(days)
        case .timestamp(let raw, let unit, let utc):
            String(Int128(raw) * Int128(1_000_000_000 / unit.perSecond)) + (utc ? "Z" : "")
        case .decimal(let unscaled, let scale): Value.decimalText(unscaled, scale: scale)
        case .list, .structure, .map: value.json
        }
    }

    /// The canonical text of a statistics bound: like ``text(_:)`` but dates and timestamps as
    /// their stored integers.
    static func statisticText(_ value: Value) -> String? {
        switch value {
        case .date(let days): String(days)
        case .timestamp(let raw, _, _): String(raw)
        default: text(value)
        }
    }

    /// Whether a reader's canonical text stands for `expected`; floats compare by value and
    /// sign of zero, as the text of a float may differ between Swift and Python.
    static func matches(_ expected: Value, _ actual: String?) -> Bool {
        switch expected {
        case .float(let v): return floatMatches(Double(v), actual)
        case .double(let v): return floatMatches(v, actual)
        default: return text(expected) == actual
        }
    }

    private static func floatMatches(_ expected: Double, _ actual: String?) -> Bool {
        guard let actual else { return false }
        if expected.isNaN { return actual == "NaN" }
        if expected.isInfinite { return actual == (expected > 0 ? "Infinity" : "-Infinity") }
        guard let parsed = Double(actual) else { return false }
        return parsed.bitPattern == expected.bitPattern
    }

    private static func floatText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return String(value)
    }

    /// The min and max statistics of `values` in the column type's sort order: NaN left out,
    /// a zero min written as -0.0 and a zero max as +0.0; `nil` when no value qualifies.
    static func bounds(_ values: [Value]) -> (min: Value, max: Value)? {
        let candidates = values.filter { value in
            switch value {
            case .null: false
            case .float(let v): !v.isNaN
            case .double(let v): !v.isNaN
            default: true
            }
        }
        guard var low = candidates.first, var high = candidates.first else { return nil }
        for value in candidates.dropFirst() {
            if less(value, low) { low = value }
            if less(high, value) { high = value }
        }
        if case .float(let v) = low, v == 0 { low = .float(-0.0) }
        if case .double(let v) = low, v == 0 { low = .double(-0.0) }
        if case .float(let v) = high, v == 0 { high = .float(0.0) }
        if case .double(let v) = high, v == 0 { high = .double(0.0) }
        return (low, high)
    }

    private static func less(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): !a && b
        case (.int(let a), .int(let b)): a < b
        case (.uint(let a), .uint(let b)): a < b
        case (.float(let a), .float(let b)): a < b
        case (.double(let a), .double(let b)): a < b
        case (.string(let a), .string(let b)): Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        case (.bytes(let a), .bytes(let b)): a.lexicographicallyPrecedes(b)
        case (.date(let a), .date(let b)): a < b
        case (.timestamp(let a, _, _), .timestamp(let b, _, _)): a < b
        case (.decimal(let a, _), .decimal(let b, _)): a < b
        default: false
        }
    }

    /// The Arrow type pyarrow should give a column of `type`.
    static func pyarrowType(_ type: ColumnType) -> String {
        switch type {
        case .boolean: "bool"
        case .int(let bits, let signed): (signed ? "int" : "uint") + String(bits)
        case .float32: "float"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .fixedBinary(let width): "fixed_size_binary[\(width)]"
        case .date: "date32[day]"
        case .timestamp(let unit, let utc): "timestamp[\(unit.rawValue)\(utc ? ", tz=UTC" : "")]"
        case .decimal(let precision, let scale): "decimal128(\(precision), \(scale))"
        case .list(let element): "list<element: \(pyarrowType(element.type))>"
        case .structure(let fields):
            "struct<" + fields.map { "\($0.name): \(pyarrowType($0.type))" }.joined(separator: ", ") + ">"
        case .map(let key, let value): "map<\(pyarrowType(key.type)), \(pyarrowType(value.type))>"
        }
    }
}
