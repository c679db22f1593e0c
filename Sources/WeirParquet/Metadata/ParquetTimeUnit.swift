import WeirColumns

/// The unit of a TIME or TIMESTAMP logical type (`TimeUnit` in parquet.thrift).
public enum ParquetTimeUnit: Sendable, Hashable, CustomStringConvertible {
    case millis
    case micros
    case nanos
    /// A union member that a newer writer may add.
    case unknown(Int16)

    /// The unit as WeirColumns names it, or `nil` for an unknown one.
    public var timeUnit: TimeUnit? {
        switch self {
        case .millis: .milliseconds
        case .micros: .microseconds
        case .nanos: .nanoseconds
        case .unknown: nil
        }
    }

    public init(_ unit: TimeUnit) {
        switch unit {
        case .milliseconds: self = .millis
        case .microseconds: self = .micros
        case .nanoseconds: self = .nanos
        }
    }

    public var description: String {
        switch self {
        case .millis: "MILLIS"
        case .micros: "MICROS"
        case .nanos: "NANOS"
        case .unknown(let id): "UNKNOWN(\(id))"
        }
    }

    init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var unit: ParquetTimeUnit?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch field.id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: unit = .unknown(field.id)
            }
            try reader.skip(field.type)
        }
        self = try ThriftCompactReader.required(unit, "unit", of: "TimeUnit")
    }

    func encode(to writer: inout ThriftCompactWriter) {
        let id: Int16
        switch self {
        case .millis: id = 1
        case .micros: id = 2
        case .nanos: id = 3
        case .unknown(let other): id = other
        }
        writer.beginStruct()
        writer.writeEmptyStruct(field: id)
        writer.endStruct()
    }
}

extension ThriftCompactWriter {
    /// Writes field `id` as an empty struct, the form of union members that carry no data.
    mutating func writeEmptyStruct(field id: Int16) {
        fieldHeader(id, .struct)
        beginStruct()
        endStruct()
    }
}
