import WeirColumns

/// Compares cell values across representations: numbers by value, text in byte order, timestamps
/// by instant whatever their unit.
public enum ValueOrder {
    /// -1, 0 or 1; `nil` when either side is null or the kinds cannot be compared. NaN is above
    /// every number and equal to itself, as in DuckDB.
    public static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return nil
        case (.string(let a), .string(let b)): return order(Array(a.utf8), Array(b.utf8))
        case (.bytes(let a), .bytes(let b)): return order(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.date(let a), .date(let b)): return sign(Int64(a), Int64(b))
        case (.timestamp(let a, let unitA, _), .timestamp(let b, let unitB, _)):
            let fine = max(unitA.perSecond, unitB.perSecond)
            let x = a.multipliedReportingOverflow(by: fine / unitA.perSecond)
            let y = b.multipliedReportingOverflow(by: fine / unitB.perSecond)
            if x.overflow || y.overflow { return sign(a / unitA.perSecond, b / unitB.perSecond) }
            return sign(x.partialValue, y.partialValue)
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = number(lhs), let b = number(rhs) else { return nil }
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    /// The value as a double, for numbers.
    public static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let v): Double(v)
        case .uint(let v): Double(v)
        case .float(let v): Double(v)
        case .double(let v): v
        case .decimal(let unscaled, let scale): Double(unscaled) / pow(10, scale)
        default: nil
        }
    }

    private static func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= base }
        return exponent >= 0 ? result : 1 / result
    }

    private static func sign(_ a: Int64, _ b: Int64) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    private static func order(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
    }
}
