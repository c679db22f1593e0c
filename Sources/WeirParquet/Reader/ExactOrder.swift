import WeirColumns

/// Compares two values exactly: -1, 0 or 1, or `nil` when they are of incomparable kinds or the
/// comparison cannot be decided without rounding. Statistics pruning relies on it never guessing.
enum ExactOrder {
    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return nil
        case (.bool(let a), .bool(let b)): return sign(a ? 1 : 0, b ? 1 : 0)
        case (.string(let a), .string(let b)): return bytes(Array(a.utf8), Array(b.utf8))
        case (.bytes(let a), .bytes(let b)): return bytes(a, b)
        case (.string(let a), .bytes(let b)): return bytes(Array(a.utf8), b)
        case (.bytes(let a), .string(let b)): return bytes(a, Array(b.utf8))
        case (.date(let a), .date(let b)): return sign(Int128(a), Int128(b))
        case (.timestamp(let a, let unitA, _), .timestamp(let b, let unitB, _)):
            let fine = max(unitA.perSecond, unitB.perSecond)
            return sign(Int128(a) * Int128(fine / unitA.perSecond), Int128(b) * Int128(fine / unitB.perSecond))
        default:
            return numeric(lhs, rhs)
        }
    }

    /// A number as `unscaled × 10^-scale`, or a floating-point value.
    private enum Number {
        case exact(Int128, scale: Int)
        case floating(Double)
    }

    private static func number(_ value: Value) -> Number? {
        switch value {
        case .int(let v): .exact(Int128(v), scale: 0)
        case .uint(let v): .exact(Int128(v), scale: 0)
        case .decimal(let unscaled, let scale): .exact(unscaled, scale: scale)
        case .float(let v): .floating(Double(v))
        case .double(let v): .floating(v)
        default: nil
        }
    }

    private static func numeric(_ lhs: Value, _ rhs: Value) -> Int? {
        guard let a = number(lhs), let b = number(rhs) else { return nil }
        switch (a, b) {
        case (.floating(let x), .floating(let y)):
            guard !x.isNaN, !y.isNaN else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.exact(let x, let xs), .exact(let y, let ys)):
            guard let (p, q) = align(x, xs, y, ys) else { return nil }
            return sign(p, q)
        case (.exact(let x, let scale), .floating(let y)):
            return compare(x, scale: scale, y)
        case (.floating(let x), .exact(let y, let scale)):
            return compare(y, scale: scale, x).map { -$0 }
        }
    }

    /// Compares `unscaled × 10^-scale` with a double; integers exactly, fractions only when the
    /// double is far from the decimal.
    private static func compare(_ unscaled: Int128, scale: Int, _ double: Double) -> Int? {
        guard !double.isNaN else { return nil }
        if double.isInfinite { return double > 0 ? -1 : 1 }
        if scale == 0 {
            // |double| ≥ 2^126 lies outside every 64-bit-sourced value; compare by sign.
            guard double.magnitude < 0x1p126 else { return double > 0 ? -1 : 1 }
            let floor = double.rounded(.down)
            let whole = Int128(floor)
            if unscaled <= whole { return unscaled < whole || floor < double ? -1 : 0 }
            return 1
        }
        var divisor = 1.0
        for _ in 0..<min(scale, 40) { divisor *= 10 }
        let approximate = Double(unscaled) / divisor
        let tolerance = max(approximate.magnitude, double.magnitude) * 1e-9
        if (approximate - double).magnitude <= tolerance { return nil }
        return approximate < double ? -1 : 1
    }

    private static func align(_ x: Int128, _ xs: Int, _ y: Int128, _ ys: Int) -> (Int128, Int128)? {
        guard xs != ys else { return (x, y) }
        func scaled(_ value: Int128, by digits: Int) -> Int128? {
            var result = value
            for _ in 0..<digits {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        if xs < ys {
            guard let p = scaled(x, by: ys - xs) else { return nil }
            return (p, y)
        }
        guard let q = scaled(y, by: xs - ys) else { return nil }
        return (x, q)
    }

    private static func sign(_ a: Int128, _ b: Int128) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    private static func bytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }
}
