import WeirColumns
import WeirCompute
import WeirTestSupport

/// Random tables for the property tests: a few stations (some null), integers and doubles with
/// nulls, NaN and signed zeros, and unsorted microsecond timestamps.
enum RandomTable {
    static let schema = Schema([
        Field("station", .string),
        Field("k", .int64),
        Field("x", .float64),
        Field("time", .timestamp(unit: .microseconds, utc: true)),
    ])

    /// `rows` rows cut into batches of `batchRows`, timestamps within `span` seconds after `start`
    /// (2025-04-01 by default); `infinities: false` leaves out the infinities that DuckDB's
    /// standard deviation refuses.
    static func batches(
        seed: UInt64, rows: Int, batchRows: Int, span: Int = 200_000, start: Int64 = 1_743_465_600,
        infinities: Bool = true
    ) -> [RecordBatch] {
        var random = SeededRandom(seed: seed)
        var batches: [RecordBatch] = []
        var done = 0
        while done < rows {
            let count = min(batchRows, rows - done)
            var station = ColumnBuilder(field: schema.fields[0])
            var k = ColumnBuilder(field: schema.fields[1])
            var x = ColumnBuilder(field: schema.fields[2])
            var time = ColumnBuilder(field: schema.fields[3])
            for _ in 0..<count {
                append(&station, random.below(12) == 0 ? nil : .string("S\(random.below(4))"))
                append(&k, random.below(8) == 0 ? nil : .int(Int64(random.below(9)) - 4))
                let special: [Double] = infinities ? [.nan, -0.0, 0.0, .infinity, -.infinity] : [.nan, -0.0, 0.0]
                let draw = random.below(20)
                let value: Value? =
                    draw == 0
                    ? nil
                    : draw == 1
                        ? .double(special[random.below(special.count)])
                        : .double(Double(random.below(2_000)) / 8 - 100)
                append(&x, value)
                let seconds = start + Int64(random.below(span))
                append(
                    &time, .timestamp(seconds * 1_000_000 + Int64(random.below(1_000_000)), .microseconds, utc: true))
            }
            batches.append(
                RecordBatch(schema: schema, columns: [station.finish(), k.finish(), x.finish(), time.finish()]))
            done += count
        }
        return batches
    }

    /// Appends `value` (or a null) through a one-row column.
    static func append(_ builder: inout ColumnBuilder, _ value: Value?) {
        let field = builder.field
        let storage: ColumnStorage
        switch value {
        case .string(let text): storage = .bytes(ByteArrays([text]))
        case .int(let number): storage = .int64([number])
        case .double(let number): storage = .double([number])
        case .timestamp(let raw, _, _): storage = .int64([raw])
        default:
            builder.appendNull()
            return
        }
        builder.append(from: Column(field: field, storage: storage), row: 0)
    }

    /// The rows of `batch` as values.
    static func rows(_ batch: RecordBatch) -> [[Value]] {
        (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } }
    }
}

extension Value {
    /// Equality that treats NaN as equal to NaN and doubles within a relative 1e-9 as equal.
    func closeTo(_ other: Value) -> Bool {
        switch (self, other) {
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
            if a == b { return true }
            return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        default:
            return self == other
        }
    }
}
