import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// Builds columns of any type, nested or flat, from values, and random nested schemas and rows
/// for the property tests of the writer.
enum NestedValues {
    /// The column of `field` holding `values` in the type's default storage.
    static func column(_ field: Field, _ values: [Value]) -> Column {
        let flags = values.map { !$0.isNull }
        let validity: [Bool]? = flags.allSatisfy { $0 } ? nil : flags
        return Column(field: field, storage: storage(field.type, values), validity: validity)
    }

    private static func storage(_ type: ColumnType, _ values: [Value]) -> ColumnStorage {
        switch type {
        case .list(let element):
            var offsets = [0]
            var items: [Value] = []
            for value in values {
                if case .list(let elements) = value { items += elements }
                offsets.append(items.count)
            }
            return .list(offsets: offsets, elements: column(element, items))
        case .map(let key, let value):
            var offsets = [0]
            var keys: [Value] = []
            var items: [Value] = []
            for entry in values {
                if case .map(let entryKeys, let entryValues) = entry {
                    keys += entryKeys
                    items += entryValues
                }
                offsets.append(keys.count)
            }
            return .map(offsets: offsets, keys: column(key, keys), values: column(value, items))
        case .structure(let fields):
            let children = fields.indices.map { index in
                column(
                    fields[index],
                    values.map { value -> Value in
                        if case .structure(_, let members) = value { return members[index] }
                        return .null
                    })
            }
            return .structure(count: values.count, fields: children)
        case .boolean:
            return .boolean(values.map { if case .bool(let flag) = $0 { flag } else { false } })
        case .date:
            return .int32(values.map { Int32(truncatingIfNeeded: integer($0)) })
        case .int(let bits, _):
            if bits <= 32 { return .int32(values.map { Int32(truncatingIfNeeded: integer($0)) }) }
            return .int64(values.map { integer($0) })
        case .timestamp:
            return .int64(values.map { integer($0) })
        case .float32:
            return .float(values.map { if case .float(let number) = $0 { number } else { 0 } })
        case .float64:
            return .double(values.map { if case .double(let number) = $0 { number } else { 0 } })
        case .string, .binary:
            var offsets = [0]
            var data: [UInt8] = []
            for value in values {
                switch value {
                case .string(let text): data += Array(text.utf8)
                case .bytes(let bytes): data += bytes
                default: break
                }
                offsets.append(data.count)
            }
            return .bytes(ByteArrays(offsets: offsets, data: data))
        case .fixedBinary(let width):
            return .fixedBytes(
                width: width,
                data: values.flatMap {
                    if case .bytes(let bytes) = $0 { bytes } else { [UInt8](repeating: 0, count: width) }
                })
        case .decimal(let precision, _):
            let unscaled = values.map { if case .decimal(let number, _) = $0 { number } else { Int128(0) } }
            if precision <= 9 { return .int32(unscaled.map { Int32($0) }) }
            if precision <= 18 { return .int64(unscaled.map { Int64($0) }) }
            let width = WriterColumn.minimalDecimalWidth(precision: precision)
            var data: [UInt8] = []
            for number in unscaled {
                for byte in (0..<width).reversed() { data.append(UInt8(truncatingIfNeeded: number >> (8 * byte))) }
            }
            return .fixedBytes(width: width, data: data)
        }
    }

    private static func integer(_ value: Value) -> Int64 {
        switch value {
        case .int(let number), .timestamp(let number, _, _): number
        case .uint(let number): Int64(bitPattern: number)
        case .date(let days): Int64(days)
        default: 0
        }
    }

    // MARK: Random schemas and rows

    static let leafTypes: [ColumnType] = [
        .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .string,
        .binary, .fixedBinary(width: 3), .date, .timestamp(unit: .milliseconds, utc: true),
        .timestamp(unit: .microseconds, utc: false), .timestamp(unit: .nanoseconds, utc: true),
        .decimal(precision: 7, scale: 2), .decimal(precision: 16, scale: 4), .decimal(precision: 30, scale: 5),
    ]

    /// A random type nested up to `depth` levels, built from `leaves`.
    static func randomType(_ random: inout SeededRandom, depth: Int, leaves: [ColumnType] = leafTypes) -> ColumnType {
        guard depth > 0, random.below(3) > 0 else { return leaves[random.below(leaves.count)] }
        switch random.below(3) {
        case 0:
            return .list(
                Field("element", randomType(&random, depth: depth - 1, leaves: leaves), nullable: random.below(4) > 0))
        case 1:
            let count = 1 + random.below(3)
            return .structure(
                (0..<count).map {
                    Field(
                        "f\($0)", randomType(&random, depth: depth - 1, leaves: leaves), nullable: random.below(4) > 0)
                })
        default:
            let key: ColumnType = [ColumnType.string, .int32, .int64][random.below(3)]
            return .map(
                key: Field("key", key, nullable: false),
                value: Field(
                    "value", randomType(&random, depth: depth - 1, leaves: leaves), nullable: random.below(4) > 0))
        }
    }

    /// A random value of `type`: null one time in five where `nullable`, lists and maps of 0 to 4
    /// entries.
    static func randomValue(_ type: ColumnType, nullable: Bool, _ random: inout SeededRandom) -> Value {
        if nullable && random.below(5) == 0 { return .null }
        switch type {
        case .list(let element):
            return .list(
                (0..<random.below(5)).map { _ in randomValue(element.type, nullable: element.nullable, &random) })
        case .map(let key, let value):
            // Distinct keys: readers differ on maps with a key twice (DuckDB keeps the last).
            var keys: [Value] = []
            for _ in 0..<random.below(5) {
                let candidate = randomValue(key.type, nullable: false, &random)
                if !keys.contains(candidate) { keys.append(candidate) }
            }
            return .map(
                keys: keys, values: keys.map { _ in randomValue(value.type, nullable: value.nullable, &random) })
        case .structure(let fields):
            return .structure(
                names: fields.map(\.name), values: fields.map { randomValue($0.type, nullable: $0.nullable, &random) })
        case .boolean: return .bool(random.below(2) == 0)
        case .int(let bits, let signed):
            let raw = random.next()
            if signed { return .int(Int64(truncatingIfNeeded: raw) >> (64 - bits)) }
            return .uint(raw >> (64 - bits))
        case .float32: return .float(Float(random.below(2001) - 1000) / 8)
        case .float64: return .double(Double(Int64(truncatingIfNeeded: random.next()) >> 20) / 1024)
        case .string:
            let words = ["", "a", "kelvin", "Zürich", "日本", "x y", "quote\"d", "line\nbreak"]
            return .string(words[random.below(words.count)] + String(random.below(50)))
        case .binary: return .bytes((0..<random.below(6)).map { _ in UInt8(random.below(256)) })
        case .fixedBinary(let width): return .bytes((0..<width).map { _ in UInt8(random.below(256)) })
        case .date: return .date(Int32(random.below(40_000)) - 10_000)
        case .timestamp(let unit, let utc):
            return .timestamp(Int64(random.below(4_000_000_000)) * unit.perSecond / 1000, unit, utc: utc)
        case .decimal(let precision, let scale):
            var unscaled: Int128 = 0
            for _ in 0..<precision { unscaled = unscaled * 10 + Int128(random.below(10)) }
            return .decimal(random.below(2) == 0 ? unscaled : -unscaled, scale: scale)
        }
    }

    /// A random batch of `rows` rows with `columns` columns, each nested up to `depth` levels.
    static func randomBatch(
        _ random: inout SeededRandom, columns: Int, rows: Int, depth: Int, leaves: [ColumnType] = leafTypes
    )
        -> RecordBatch
    {
        let fields = (0..<columns).map { index in
            Field("c\(index)", randomType(&random, depth: depth, leaves: leaves), nullable: random.below(4) > 0)
        }
        return RecordBatch(
            columns: fields.map { field in
                column(field, (0..<rows).map { _ in randomValue(field.type, nullable: field.nullable, &random) })
            })
    }
}
