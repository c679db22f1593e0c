import WeirColumns

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The columns of `/work/shared/bench/gen_big.py`, generated in memory with the same
/// distributions: a local millisecond timestamp every 100 ms from 2025-10-18 09:00, a chip
/// number in 1…99, one of three process names, two voltages uniform and rounded to 6 decimals,
/// a normally distributed current and a boolean.
enum GenBigTable {
    static let schema = Schema([
        Field("timestamp", .timestamp(unit: .milliseconds, utc: false)),
        Field("chip_number", .int64),
        Field("proc", .string),
        Field("vg_v", .float64),
        Field("vds_v", .float64),
        Field("i_a", .float64),
        Field("has_light", .boolean),
    ])

    /// The table's `rows` rows in batches of `batchRows`; the values do not depend on the batch size.
    static func batches(rows: Int, batchRows: Int, seed: UInt64 = 42) -> [RecordBatch] {
        var random = SplitMix64(seed: seed)
        var batches: [RecordBatch] = []
        var start = 0
        while start < rows {
            let count = min(max(batchRows, 1), rows - start)
            batches.append(batch(start: start, count: count, random: &random))
            start += count
        }
        return batches
    }

    /// Rows `start..<start + count` of the table, drawing from `random`.
    private static func batch(start: Int, count: Int, random: inout SplitMix64) -> RecordBatch {
        let origin = Int64(CivilDate(year: 2025, month: 10, day: 18).daysSinceEpoch) * 86_400_000 + 9 * 3_600_000
        var timestamps = [Int64](repeating: 0, count: count)
        var chips = [Int64](repeating: 0, count: count)
        var processes = ByteArrays()
        processes.reserve(values: count, bytes: count * 3)
        var gate = [Double](repeating: 0, count: count)
        var drain = [Double](repeating: 0, count: count)
        var current = [Double](repeating: 0, count: count)
        var light = [Bool](repeating: false, count: count)
        let names = ["IV", "IVg", "ITS"]
        for row in 0..<count {
            timestamps[row] = origin + Int64(start + row) * 100
            chips[row] = Int64(random.next() % 99) + 1
            processes.append(names[Int(random.next() % 3)])
            gate[row] = ((random.unit() * 10 - 5) * 1e6).rounded() / 1e6
            drain[row] = (random.unit() * 1e6).rounded() / 1e6
            current[row] = random.normal() * 1e-6
            light[row] = random.next() & 1 == 1
        }
        let storages: [ColumnStorage] = [
            .int64(timestamps), .int64(chips), .bytes(processes), .double(gate), .double(drain), .double(current),
            .boolean(light),
        ]
        return RecordBatch(
            schema: schema,
            columns: zip(schema.fields, storages).map { Column(field: $0, storage: $1) })
    }
}

/// A small, fast, deterministic generator.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal, by the Box–Muller transform.
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-60)
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
