import Testing
import WeirColumns

@Suite struct WideningTests {
    @Test(arguments: [
        (ColumnType.int32, ColumnType.int64, true), (.int64, .float64, true), (.uint32, .int64, true),
        (.uint64, .int64, false), (.float32, .float64, true), (.float64, .int64, false),
        (.timestamp(unit: .milliseconds, utc: true), .timestamp(unit: .microseconds, utc: true), true),
        (.timestamp(unit: .nanoseconds, utc: true), .timestamp(unit: .microseconds, utc: true), false),
        (.timestamp(unit: .milliseconds, utc: false), .timestamp(unit: .microseconds, utc: true), false),
        (.string, .float64, false), (.float64, .string, false),
        (.date, .timestamp(unit: .microseconds, utc: false), false),
    ])
    func widensIntoOnlyWhatHoldsEveryValue(from: ColumnType, to: ColumnType, widens: Bool) {
        #expect(from.widens(into: to) == widens)
    }

    @Test func theWidenedTypeHoldsBoth() {
        #expect(ColumnType.int64.widened(with: .float64) == .float64)
        #expect(ColumnType.int32.widened(with: .uint32) == .int64)
        #expect(ColumnType.int64.widened(with: .uint64) == nil)
        #expect(ColumnType.float32.widened(with: .int16) == .float64)
        #expect(ColumnType.string.widened(with: .float64) == nil)
    }

    @Test func columnsWidenWithTheirNulls() throws {
        let ints = Column(field: Field("x", .int64), storage: .int64([1, -2, 3]), validity: [true, false, true])
        let doubles = try #require(ints.widened(to: .float64))
        #expect(doubles.storage == .double([1, -2, 3]))
        #expect(doubles.validity == [true, false, true])
        #expect(doubles.field.type == .float64)
        let unsigned = Column(field: Field("u", .uint32), storage: .int32([-1]))
        #expect(unsigned.widened(to: .int64)?.storage == .int64([4_294_967_295]))
        let millis = Column(field: Field("t", .timestamp(unit: .milliseconds, utc: true)), storage: .int64([1_500]))
        #expect(millis.widened(to: .timestamp(unit: .microseconds, utc: true))?.storage == .int64([1_500_000]))
        #expect(ints.widened(to: .string) == nil)
    }
}
