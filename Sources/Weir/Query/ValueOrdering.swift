import WeirColumns

/// Orders and compares cell values across representations: numbers by value, text in unsigned
/// byte order, timestamps by instant whatever their unit.
enum ValueOrdering {
    /// -1, 0 or 1; `nil` when either side is null or the kinds cannot be compared.
    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return nil
        case (.string(let a), .string(let b)): return bytes(a, b)
        case (.bytes(let a), .bytes(let b)): return a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        case (.date(let a), .date(let b)): return sign(Int64(a), Int64(b))
        case (.timestamp(let a, let unitA, _), .timestamp(let b, let unitB, _)):
            return compareInstants(a, unitA, b, unitB)
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = number(lhs), let b = number(rhs) else { return nil }
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let v): Double(v)
        case .uint(let v): Double(v)
        case .float(let v): Double(v)
        case .double(let v): v
        case .decimal(let unscaled, let scale): Double(unscaled) / pow10(scale)
        default: nil
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent >= 0 ? result : 1 / result
    }

    private static func sign(_ a: Int64, _ b: Int64) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    private static func bytes(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                for index in 0..<common where x[index] != y[index] {
                    return x[index] < y[index] ? -1 : 1
                }
                return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
            }
        }
    }

    private static func compareInstants(_ a: Int64, _ unitA: TimeUnit, _ b: Int64, _ unitB: TimeUnit) -> Int {
        if unitA == unitB { return sign(a, b) }
        // Compare at the finer unit, saturating instead of overflowing.
        let fine = unitA.perSecond > unitB.perSecond ? unitA : unitB
        let scaledA = a.multipliedReportingOverflow(by: fine.perSecond / unitA.perSecond)
        let scaledB = b.multipliedReportingOverflow(by: fine.perSecond / unitB.perSecond)
        let x = scaledA.overflow ? (a < 0 ? Int64.min : Int64.max) : scaledA.partialValue
        let y = scaledB.overflow ? (b < 0 ? Int64.min : Int64.max) : scaledB.partialValue
        return sign(x, y)
    }
}
