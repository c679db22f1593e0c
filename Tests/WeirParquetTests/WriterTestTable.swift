import Foundation
import WeirColumns

/// A column the writer tests build from values, with the storage to give it.
struct WriterTestColumn {
    var field: Field
    var storage: ColumnStorage.Kind
    var width = 0
    var values: [Value]

    /// The column as a batch holds it: placeholders in null slots, validity when any is null.
    func column() -> Column {
        let validity = values.contains(where: \.isNull) ? values.map { !$0.isNull } : nil
        let storage: ColumnStorage
        switch self.storage {
        case .boolean:
            storage = .boolean(values.map { if case .bool(let v) = $0 { v } else { false } })
        case .int32:
            storage = .int32(values.map { Int32(truncatingIfNeeded: Self.integer($0)) })
        case .int64:
            storage = .int64(values.map { Int64(truncatingIfNeeded: Self.integer($0)) })
        case .float:
            storage = .float(values.map { if case .float(let v) = $0 { v } else { 0 } })
        case .double:
            storage = .double(values.map { if case .double(let v) = $0 { v } else { 0 } })
        case .bytes:
            var arrays = ByteArrays()
            for value in values {
                switch value {
                case .string(let text): arrays.append(text)
                case .bytes(let bytes): arrays.append(contentsOf: bytes)
                case .decimal(let unscaled, _): arrays.append(contentsOf: Self.bigEndian(unscaled, width: nil))
                default: arrays.appendEmpty()
                }
            }
            storage = .bytes(arrays)
        case .fixedBytes:
            var data: [UInt8] = []
            for value in values {
                switch value {
                case .bytes(let bytes): data += bytes
                case .decimal(let unscaled, _): data += Self.bigEndian(unscaled, width: width)
                default: data += Array(repeating: 0, count: width)
                }
            }
            storage = .fixedBytes(width: width, data: data)
        case .list, .structure, .map:
            // The writer tests hold flat columns only.
            return .nulls(field, count: values.count)
        }
        return Column(field: field, storage: storage, validity: validity)
    }

    private static func integer(_ value: Value) -> Int128 {
        switch value {
        case .int(let v): Int128(v)
        case .uint(let v): Int128(v)
        case .date(let v): Int128(v)
        case .timestamp(let v, _, _): Int128(v)
        case .decimal(let v, _): v
        default: 0
        }
    }

    /// Big-endian two's complement, `width` bytes or as few as hold the value.
    static func bigEndian(_ value: Int128, width: Int?) -> [UInt8] {
        var bytes = withUnsafeBytes(of: value.bigEndian) { Array($0) }
        if let width { return Array(bytes.suffix(width)) }
        while bytes.count > 1 && ((bytes[0] == 0 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0))
        {
            bytes.removeFirst()
        }
        return bytes
    }
}

/// The table of the interop tests: every type the writer supports, required and optional, with
/// extreme and awkward values.
enum WriterTestTable {
    static let rowCount = 15

    /// Values of each type; optional columns get nulls on every third row.
    static var samples: [(name: String, type: ColumnType, storage: ColumnStorage.Kind, width: Int, values: [Value])] {
        let timestamps: [Int64] = [0, -1, 1_700_000_000_123, -5_000_000_000_000, 7_000_000_000_000, 86_399_999]
        var result: [(String, ColumnType, ColumnStorage.Kind, Int, [Value])] = [
            ("bool", .boolean, .boolean, 0, [.bool(true), .bool(false), .bool(true)]),
            ("int8", .int8, .int32, 0, [.int(-128), .int(127), .int(0), .int(-1)]),
            ("int16", .int16, .int32, 0, [.int(-32768), .int(32767), .int(5)]),
            ("int32", .int32, .int32, 0, [.int(Int64(Int32.min)), .int(Int64(Int32.max)), .int(0), .int(42)]),
            ("int64", .int64, .int64, 0, [.int(.min), .int(.max), .int(0), .int(-7)]),
            ("uint8", .uint8, .int32, 0, [.uint(0), .uint(255), .uint(7)]),
            ("uint16", .uint16, .int32, 0, [.uint(65535), .uint(0)]),
            ("uint32", .uint32, .int32, 0, [.uint(0), .uint(UInt64(UInt32.max)), .uint(1 << 31), .uint(3)]),
            ("uint64", .uint64, .int64, 0, [.uint(0), .uint(.max), .uint(1 << 63), .uint(1)]),
            (
                "float32", .float32, .float, 0,
                [
                    .float(1.5), .float(-0.0), .float(.nan), .float(.infinity), .float(-.infinity),
                    .float(.leastNonzeroMagnitude), .float(.greatestFiniteMagnitude),
                ]
            ),
            (
                "float64", .float64, .double, 0,
                [
                    .double(0.1), .double(-0.0), .double(.nan), .double(.infinity), .double(-.infinity),
                    .double(1e300), .double(-2.5e-300),
                ]
            ),
            (
                "string", .string, .bytes, 0,
                [
                    .string(""), .string("héllo wörld"), .string("日本語"), .string("emoji 🎉"), .string("IV"),
                    .string("quote \" backslash \\ newline \n tab \t"),
                ]
            ),
            ("binary", .binary, .bytes, 0, [.bytes([]), .bytes([0, 255, 1]), .bytes([0x80])]),
            (
                "fixed3", .fixedBinary(width: 3), .fixedBytes, 3,
                [.bytes([0, 0, 0]), .bytes([255, 255, 255]), .bytes([1, 2, 3])]
            ),
            ("date", .date, .int32, 0, [.date(0), .date(-719_162), .date(2_932_896), .date(19_000)]),
            (
                "dec_i32", .decimal(precision: 5, scale: 2), .int32, 0,
                [
                    .decimal(-99_999, scale: 2), .decimal(99_999, scale: 2), .decimal(0, scale: 2),
                    .decimal(123, scale: 2),
                ]
            ),
            (
                "dec_i64", .decimal(precision: 18, scale: 3), .int64, 0,
                [
                    .decimal(-999_999_999_999_999_999, scale: 3), .decimal(999_999_999_999_999_999, scale: 3),
                    .decimal(5, scale: 3),
                ]
            ),
        ]
        let big25 = Int128(10).power(25) - 1
        let big30 = Int128(10).power(30) - 1
        result.append(
            (
                "dec_fixed", .decimal(precision: 25, scale: 4), .fixedBytes, 11,
                [.decimal(big25, scale: 4), .decimal(-big25, scale: 4), .decimal(0, scale: 4), .decimal(-1, scale: 4)]
            ))
        result.append(
            (
                "dec_bytes", .decimal(precision: 30, scale: 5), .bytes, 0,
                [
                    .decimal(big30, scale: 5), .decimal(-big30, scale: 5), .decimal(0, scale: 5),
                    .decimal(12_345, scale: 5),
                ]
            ))
        for unit in TimeUnit.allCases {
            for utc in [false, true] {
                let scale: Int64 = unit == .milliseconds ? 1 : (unit == .microseconds ? 1_000 : 1_000_000)
                result.append(
                    (
                        "ts_\(unit.rawValue)_\(utc ? "utc" : "local")", .timestamp(unit: unit, utc: utc), .int64, 0,
                        timestamps.map { .timestamp($0 * scale, unit, utc: utc) }
                    ))
            }
        }
        return result
    }

    /// Every sample as a required and an optional column, and a few columns with special bounds.
    static func columns() -> [WriterTestColumn] {
        var columns: [WriterTestColumn] = []
        for sample in samples {
            for nullable in [false, true] {
                var values: [Value] = []
                var next = 0
                for row in 0..<rowCount {
                    if nullable && row % 3 == 1 {
                        values.append(.null)
                    } else {
                        values.append(sample.values[next % sample.values.count])
                        next += 1
                    }
                }
                let name = sample.name + (nullable ? "_opt" : "_req")
                columns.append(
                    WriterTestColumn(
                        field: Field(name, sample.type, nullable: nullable), storage: sample.storage,
                        width: sample.width, values: values))
            }
        }
        let special: [(String, ColumnType, ColumnStorage.Kind, [Value])] = [
            ("all_null", .int32, .int32, Array(repeating: .null, count: rowCount)),
            ("nan_only", .float64, .double, (0..<rowCount).map { $0 % 2 == 0 ? .double(.nan) : .null }),
            ("zero_min", .float64, .double, (0..<rowCount).map { .double([0.0, 2.5, 1.0][$0 % 3]) }),
            ("zero_max", .float32, .float, (0..<rowCount).map { .float([-0.0, -2.5, -1.0][$0 % 3]) }),
        ]
        for (name, type, storage, values) in special {
            columns.append(WriterTestColumn(field: Field(name, type), storage: storage, values: values))
        }
        return columns
    }

    static func batch(_ columns: [WriterTestColumn]) -> RecordBatch {
        RecordBatch(columns: columns.map { $0.column() })
    }
}

extension Int128 {
    func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}
