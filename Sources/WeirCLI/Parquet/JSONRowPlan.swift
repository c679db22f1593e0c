import WeirColumns

/// A batch's columns laid out for printing rows as JSON: one node per column and per nested
/// child, holding raw pointers into the columns' arrays, so that printing a cell touches no
/// reference count (going through `Column` values cost a third of the time in retains and
/// releases). The plan keeps every column it points into (``columns``), so the pointers stay valid
/// as long as the plan: the arrays are never changed once in a batch.
///
/// Cells print as `Value.json` prints them; the common types (signed integers, doubles,
/// booleans, ASCII text, lists, structs, maps) straight from the pointers, the others through
/// their `Value`.
struct JSONRowPlan: @unchecked Sendable {
    private enum Kind: UInt8 {
        case int64, int32, double, boolean, string, list, structure, map, generic
    }

    private struct Node {
        var kind: Kind
        /// `nil` when no row is null.
        var validity: UnsafePointer<Bool>?
        /// The values (Int64, Int32, Double or Bool), or a string column's bytes.
        var values: UnsafeRawPointer?
        /// A list's or map's offsets, or a string column's.
        var offsets: UnsafePointer<Int>?
        /// The children: a list's element, a map's key and value, a struct's fields, consecutive.
        var first = 0
        var count = 0
        /// A struct field's `"name":` in ``keyBytes``.
        var key = 0..<0
        /// The column in ``columns``, for cells printed through their `Value` (which also keeps the
        /// arrays the pointers point into).
        var column = 0
    }

    private var nodes: [Node] = []
    private var keyBytes: [UInt8] = []
    private var columns: [Column] = []
    /// The top-level columns' nodes, with their keys.
    private var roots: [Int] = []

    init(_ batch: RecordBatch) {
        let first = reserve(batch.columns.count)
        for (offset, column) in batch.columns.enumerated() {
            fill(first + offset, column, key: column.field.name)
            roots.append(first + offset)
        }
    }

    /// Appends row `row` as one JSON object and a line feed.
    func appendLine(_ row: Int, to output: inout [UInt8]) {
        nodes.withUnsafeBufferPointer { nodes in
            keyBytes.withUnsafeBufferPointer { keys in
                output.append(UInt8(ascii: "{"))
                for (position, root) in roots.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: keys[nodes[root].key]))
                    append(root, row, nodes, keys, to: &output)
                }
                output.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
            }
        }
    }

    // MARK: Building

    private mutating func reserve(_ count: Int) -> Int {
        let first = nodes.count
        nodes.append(contentsOf: repeatElement(Node(kind: .generic), count: count))
        return first
    }

    private mutating func fill(_ index: Int, _ column: Column, key: String) {
        var node = Node(kind: .generic)
        node.column = columns.count
        columns.append(column)
        node.validity = column.validity.flatMap { Self.pointer($0) }
        let start = keyBytes.count
        keyBytes.append(contentsOf: (JSONText.quote(key) + ":").utf8)
        node.key = start..<keyBytes.count
        switch (column.storage, column.field.type) {
        case (.int64(let values), .int(64, signed: true)):
            node.kind = .int64
            node.values = Self.raw(values)
        case (.int32(let values), .int(_, signed: true)):
            node.kind = .int32
            node.values = Self.raw(values)
        case (.double(let values), _):
            node.kind = .double
            node.values = Self.raw(values)
        case (.boolean(let values), _):
            node.kind = .boolean
            node.values = Self.raw(values)
        case (.bytes(let values), .string):
            node.kind = .string
            node.values = Self.raw(values.data)
            node.offsets = Self.pointer(values.offsets)
        case (.list(let offsets, let elements), _):
            node.kind = .list
            node.offsets = Self.pointer(offsets)
            node.first = reserve(1)
            node.count = 1
            fill(node.first, elements, key: "element")
        case (.map(let offsets, let keys, let values), _):
            node.kind = .map
            node.offsets = Self.pointer(offsets)
            node.first = reserve(2)
            node.count = 2
            fill(node.first, keys, key: "key")
            fill(node.first + 1, values, key: "value")
        case (.structure(_, let fields), _):
            node.kind = .structure
            node.first = reserve(fields.count)
            node.count = fields.count
            for (offset, field) in fields.enumerated() { fill(node.first + offset, field, key: field.field.name) }
        default:
            break
        }
        nodes[index] = node
    }

    /// The address of `array`'s elements, which stay where they are while the batch holds the
    /// array unchanged.
    private static func pointer<T>(_ array: [T]) -> UnsafePointer<T>? {
        array.withUnsafeBufferPointer { $0.baseAddress }
    }

    private static func raw<T>(_ array: [T]) -> UnsafeRawPointer? {
        pointer(array).map { UnsafeRawPointer($0) }
    }

    // MARK: Printing

    private func append(
        _ index: Int, _ row: Int, _ nodes: UnsafeBufferPointer<Node>, _ keys: UnsafeBufferPointer<UInt8>,
        to output: inout [UInt8]
    ) {
        let node = nodes[index]
        if let validity = node.validity, !validity[row] {
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
            return
        }
        switch node.kind {
        case .int64:
            Self.appendInteger(node.values!.load(fromByteOffset: row * 8, as: Int64.self), to: &output)
        case .int32:
            Self.appendInteger(Int64(node.values!.load(fromByteOffset: row * 4, as: Int32.self)), to: &output)
        case .double:
            let value = node.values!.load(fromByteOffset: row * 8, as: Double.self)
            if value.isFinite {
                output.append(contentsOf: value.description.utf8)
            } else {
                appendValue(node, row, to: &output)
            }
        case .boolean:
            if node.values!.load(fromByteOffset: row, as: Bool.self) {
                output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
            } else {
                output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
            }
        case .string:
            let offsets = node.offsets!
            let bytes = node.values!.assumingMemoryBound(to: UInt8.self)
            if !Self.appendASCIIString(
                UnsafeBufferPointer(start: bytes + offsets[row], count: offsets[row + 1] - offsets[row]), to: &output)
            {
                appendValue(node, row, to: &output)
            }
        case .list:
            let offsets = node.offsets!
            output.append(UInt8(ascii: "["))
            for element in offsets[row]..<offsets[row + 1] {
                if element > offsets[row] { output.append(UInt8(ascii: ",")) }
                append(node.first, element, nodes, keys, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .map:
            let offsets = node.offsets!
            output.append(UInt8(ascii: "["))
            for entry in offsets[row]..<offsets[row + 1] {
                if entry > offsets[row] { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "{"))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: keys[nodes[node.first].key]))
                append(node.first, entry, nodes, keys, to: &output)
                output.append(UInt8(ascii: ","))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: keys[nodes[node.first + 1].key]))
                append(node.first + 1, entry, nodes, keys, to: &output)
                output.append(UInt8(ascii: "}"))
            }
            output.append(UInt8(ascii: "]"))
        case .structure:
            output.append(UInt8(ascii: "{"))
            for child in node.first..<(node.first + node.count) {
                if child > node.first { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: keys[nodes[child].key]))
                append(child, row, nodes, keys, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .generic:
            appendValue(node, row, to: &output)
        }
    }

    /// The cell through its `Value`: decimals, dates, timestamps, unsigned integers, floats,
    /// binary, non-ASCII text and the special doubles.
    private func appendValue(_ node: Node, _ row: Int, to output: inout [UInt8]) {
        output.append(contentsOf: columns[node.column].value(at: row).json.utf8)
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

    /// Appends `text` as a JSON string when it is ASCII; `false`, having appended nothing,
    /// otherwise (the caller then goes through `String`, which repairs invalid UTF-8).
    private static func appendASCIIString(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        for byte in text where byte >= 0x80 { return false }
        output.append(UInt8(ascii: "\""))
        for byte in text {
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
