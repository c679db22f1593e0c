/// How a CSV file spells its records.
public struct CSVDialect: Sendable, Hashable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var quote: UInt8 = UInt8(ascii: "\"")

    public init() {}
}
