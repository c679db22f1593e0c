extension Value {
    /// The value as a JSON fragment, the form `jsonl` outputs use.
    ///
    /// Integers and finite floats are JSON numbers; NaN and infinities are the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"`; decimals, dates, timestamps and base64 binary are strings.
    /// A list is a JSON array, a struct a JSON object of its fields in order, and a map an array of
    /// `{"key": …, "value": …}` objects in stored order (keys need not be strings, and may repeat).
    public var json: String {
        switch self {
        case .list(let elements):
            return "[" + elements.map(\.json).joined(separator: ",") + "]"
        case .structure(let names, let values):
            var output = "{"
            for index in names.indices {
                if index > 0 { output += "," }
                output += JSONText.quote(names[index]) + ":" + values[index].json
            }
            return output + "}"
        case .map(let keys, let values):
            var output = "["
            for index in keys.indices {
                if index > 0 { output += "," }
                output += "{\"key\":" + keys[index].json + ",\"value\":" + values[index].json + "}"
            }
            return output + "]"
        case .null: return "null"
        case .bool, .int, .uint: return text!
        case .float(let value): return value.isFinite ? text! : JSONText.quote(text!)
        case .double(let value): return value.isFinite ? text! : JSONText.quote(text!)
        case .string(let value): return JSONText.quote(value)
        case .bytes, .date, .timestamp, .decimal: return JSONText.quote(text!)
        }
    }
}

/// JSON string quoting.
public enum JSONText {
    /// `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func quote(_ text: String) -> String {
        var output = "\""
        output.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
