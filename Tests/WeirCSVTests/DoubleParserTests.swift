import Testing

@testable import WeirCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func ours(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { DoubleParser.parse($0.baseAddress!, $0.count) }
}

private func strtodBits(_ text: String) -> UInt64 {
    text.withCString { strtod($0, nil) }.bitPattern
}

@Suite struct DoubleParserTests {
    static let edgeCases = [
        "0", "-0", "0.0", "1", "-1", ".5", "5.", "1e0", "1E+2", "1e-2", "123.456e-7",
        // Largest, smallest normal and subnormal, and just past them.
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-324", "1e-400",
        // 17 and more significant digits, halfway cases and exact midpoints.
        "9007199254740993", "9007199254740995", "9007199254740992.5",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "123456789012345678901234567890", "0.1000000000000000055511151231257827021181583404541015625",
        "7.2057594037927933e16", "8.98846567431158e307", "1e23", "9.999999999999999e22", "4.35679384e-7",
        "-1.2077427434455e-06", "0.000000000000000000000000000000000000000000001e30",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
    ]

    @Test(arguments: edgeCases)
    func edgeCasesMatchStrtod(_ text: String) throws {
        let value = try #require(ours(text))
        #expect(value.bitPattern == strtodBits(text), "\(text)")
    }

    @Test func randomDecimalsMatchStrtod() {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789")
        func run(_ count: Int) -> String { String((0..<count).map { _ in digits.randomElement(using: &generator)! }) }
        for round in 0..<30_000 {
            let text: String
            switch round % 4 {
            case 0: text = String(Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &generator)))
            case 1:
                text =
                    run(Int.random(in: 1...22)) + "." + run(Int.random(in: 0...22)) + "e"
                    + String(Int.random(in: -340...310))
            case 2: text = "0." + run(Int.random(in: 1...20))
            default: text = run(Int.random(in: 1...17)) + "e-" + String(Int.random(in: 300...330))
            }
            let value = ours(text)
            #expect(value?.bitPattern == strtodBits(text), "\(text)")
        }
    }

    @Test(arguments: ["nan", "NaN", "inf", "-Infinity", "INF"])
    func specialValues(_ text: String) throws {
        let value = try #require(ours(text))
        #expect(value.isNaN == text.lowercased().contains("nan"))
        #expect(value.isInfinite == text.lowercased().contains("inf"))
    }

    @Test(arguments: [
        "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "1 ", " 1", "--1", "1e5x", "infinite",
    ])
    func rejectsWhatIsNotANumber(_ text: String) {
        #expect(ours(text) == nil, "\(text)")
    }

    @Test func powersOfFiveTableIsNormalised() {
        let table = PowersOfFive.table
        for index in stride(from: 0, to: table.count, by: 2) { #expect(table[index] >> 63 == 1) }
        // 5^0 = 1 → 2^127; 5^1 = 5 → 101 followed by zeros.
        let zero = 2 * 342
        #expect(table[zero] == 1 << 63 && table[zero + 1] == 0)
        #expect(table[zero + 2] == 0xA000_0000_0000_0000 && table[zero + 3] == 0)
    }
}
