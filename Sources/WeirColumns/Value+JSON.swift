extension Value {
    /// The value as a JSON fragment, the form `jsonl` outputs use.
    ///
    /// Integers and finite floats are JSON numbers; NaN and infinities are the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"`; decimals, dates, timestamps and base64 binary are strings.
    public var json: String {
        switch self {
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
