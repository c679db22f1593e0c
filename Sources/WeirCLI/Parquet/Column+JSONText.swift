import WeirColumns

extension Column {
    /// Appends the JSON of row `row` to `output` as UTF-8: what `value(at: row).json` gives,
    /// written straight from the storage for the common types (integers, doubles, ASCII text and
    /// nested values) instead of through a ``Value`` and a `String` per cell.
    func appendJSON(_ row: Int, to output: inout [UInt8]) {
        if isNull(row) {
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
            return
        }
        switch storage {
        case .list(let offsets, let elements):
            output.append(UInt8(ascii: "["))
            for index in offsets[row]..<offsets[row + 1] {
                if index > offsets[row] { output.append(UInt8(ascii: ",")) }
                elements.appendJSON(index, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .structure(_, let fields):
            output.append(UInt8(ascii: "{"))
            for (position, field) in fields.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendKey(field.field.name, to: &output)
                field.appendJSON(row, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .map(let offsets, let keys, let values):
            output.append(UInt8(ascii: "["))
            for index in offsets[row]..<offsets[row + 1] {
                if index > offsets[row] { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: #"{"key":"#.utf8)
                keys.appendJSON(index, to: &output)
                output.append(contentsOf: #","value":"#.utf8)
                values.appendJSON(index, to: &output)
                output.append(UInt8(ascii: "}"))
            }
            output.append(UInt8(ascii: "]"))
        case .int64(let values) where field.type == .int64:
            Self.appendInteger(values[row], to: &output)
        case .int32(let values) where field.type.isSignedInteger:
            Self.appendInteger(Int64(values[row]), to: &output)
        case .double(let values) where values[row].isFinite:
            output.append(contentsOf: values[row].description.utf8)
        case .bytes(let values) where field.type == .string:
            if !Self.appendASCIIString(values, row, to: &output) {
                output.append(contentsOf: value(at: row).json.utf8)
            }
        default:
            output.append(contentsOf: value(at: row).json.utf8)
        }
    }

    /// `"name":`, without making a `String` when the name needs no escaping (the usual case).
    private static func appendKey(_ name: String, to output: inout [UInt8]) {
        var plain = true
        for byte in name.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: name.utf8)
            output.append(UInt8(ascii: "\""))
        } else {
            output.append(contentsOf: JSONText.quote(name).utf8)
        }
        output.append(UInt8(ascii: ":"))
    }

    /// The decimal digits of `value`.
    private static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits at most, in 24 bytes on the stack, filled from the end.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            let end = buffer.count
            repeat {
                buffer[end - 1 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            output.append(contentsOf: buffer[(end - count)..<end])
        }
    }

    /// Appends value `row` as a JSON string when it is ASCII; `false`, having appended nothing,
    /// otherwise (the caller then goes through `String`, which repairs invalid UTF-8).
    private static func appendASCIIString(_ values: ByteArrays, _ row: Int, to output: inout [UInt8]) -> Bool {
        let range = values.offsets[row]..<values.offsets[row + 1]
        return values.data.withUnsafeBufferPointer { data in
            for index in range where data[index] >= 0x80 { return false }
            output.append(UInt8(ascii: "\""))
            for index in range {
                let byte = data[index]
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case ..<0x20:
                    output.append(contentsOf: JSONText.quote(String(UnicodeScalar(byte))).utf8.dropFirst().dropLast())
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: "\""))
            return true
        }
    }
}

extension ColumnType {
    fileprivate var isSignedInteger: Bool {
        if case .int(_, signed: true) = self { return true }
        return false
    }
}
