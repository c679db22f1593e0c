import WeirColumns

/// Numbers the distinct values of one column 0, 1, 2, … in the order they are first seen, null
/// included, so that a group key of that column and an integer becomes a pair of integers.
///
/// Integers and text of up to eight bytes are numbered through a ``PairTable`` (the bytes packed
/// into one integer, the length beside them); longer text through a ``KeyTable`` of its bytes.
struct ValueNumbering {
    private var short = PairTable(capacity: 256, sparse: true)
    private var long = KeyTable(capacity: 64)
    /// The number of each text in `long`, by its group there.
    private var longNumbers: [Int32] = []
    private var null: Int32?
    private(set) var count: Int32 = 0

    /// About how many bytes the numbering takes.
    var memorySize: Int { short.memorySize + long.memorySize + longNumbers.count * 4 }

    /// Whether a column of `storage` can be numbered.
    static func accepts(_ storage: ColumnStorage) -> Bool {
        switch storage {
        case .int64, .int32, .bytes: true
        default: false
        }
    }

    /// The number of every row's value of `column`, which ``accepts(_:)``.
    mutating func numbers(of column: Column) -> [Int32] {
        let rows = column.storage.count
        let validity = column.validity
        if let codes = column.dictionary, codes.values.count < rows, Self.accepts(codes.values) {
            // A number for each distinct value, then one lookup a row.
            let entries = numbers(of: Column(field: column.field, storage: codes.values))
            var numbers = [Int32](unsafeUninitializedCapacity: rows) { numbers, initialized in
                entries.withUnsafeBufferPointer { entries in
                    codes.codes.withUnsafeBufferPointer { codes in
                        for row in 0..<rows { numbers[row] = entries[Int(codes[row])] }
                    }
                }
                initialized = rows
            }
            if let validity {
                for row in 0..<rows where !validity[row] { numbers[row] = nullNumber() }
            }
            return numbers
        }
        var numbers = [Int32](unsafeUninitializedCapacity: rows) { numbers, initialized in
            fill(&numbers, column)
            initialized = rows
        }
        if let validity {
            for row in 0..<rows where !validity[row] { numbers[row] = nullNumber() }
        }
        return numbers
    }

    private mutating func fill(_ numbers: inout UnsafeMutableBufferPointer<Int32>, _ column: Column) {
        let rows = numbers.count
        switch column.storage {
        case .int64(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<rows { numbers[row] = number(short: 0, Int64(values[row])) }
            }
        case .int32(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<rows { numbers[row] = number(short: 0, Int64(values[row])) }
            }
        case .bytes(let values):
            values.data.withUnsafeBufferPointer { data in
                values.offsets.withUnsafeBufferPointer { offsets in
                    let raw = UnsafeRawBufferPointer(data)
                    for row in 0..<rows {
                        let start = offsets[row]
                        let length = offsets[row + 1] - start
                        if length > 8 {
                            numbers[row] = number(long: UnsafeBufferPointer(rebasing: data[start..<start + length]))
                            continue
                        }
                        var packed: UInt64 = 0
                        if start + 8 <= raw.count {
                            packed = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                            packed = length == 8 ? packed : packed & ((1 << UInt64(length * 8)) - 1)
                        } else {
                            for index in 0..<length { packed |= UInt64(data[start + index]) << UInt64(index * 8) }
                        }
                        numbers[row] = number(short: Int32(length), Int64(bitPattern: packed))
                    }
                }
            }
        default:
            preconditionFailure("column '\(column.field.name)' cannot be numbered")
        }
    }

    @inline(__always)
    private mutating func number(short first: Int32, _ second: Int64) -> Int32 {
        let number = short.value(of: first, second)
        if number >= 0 { return number }
        short.insert(first, second, value: count)
        count += 1
        return count - 1
    }

    private mutating func number(long bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (group, inserted) = long.group(of: bytes)
        if inserted {
            longNumbers.append(count)
            count += 1
        }
        return longNumbers[group]
    }

    private mutating func nullNumber() -> Int32 {
        if let null { return null }
        null = count
        count += 1
        return count - 1
    }
}
