import WeirColumns

/// Turns one column of a batch into typed storage, parsing straight from the buffer's bytes.
enum ColumnBuilder {
    static func build(_ parser: ValueParser, _ input: BatchInput, column: Int, context: BuildContext) -> BuiltColumn {
        switch parser {
        case .boolean:
            return fixed(input, column, context, placeholder: false) { BooleanParser.parseLenient($0, $1) }
                .map { .boolean($0) }
        case .integer(64, true):
            return fixed(input, column, context, placeholder: Int64(0)) { IntegerParser.parseInt64($0, $1) }
                .map { .int64($0) }
        case .integer(64, false):
            return fixed(input, column, context, placeholder: Int64(0)) { bytes, count in
                IntegerParser.parseUInt64(bytes, count).map { Int64(bitPattern: $0) }
            }.map { .int64($0) }
        case .integer(let bits, let signed):
            let range: ClosedRange<Int64> =
                signed ? (-(1 << (bits - 1)))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
            return fixed(input, column, context, placeholder: Int32(0)) { bytes, count in
                guard let value = IntegerParser.parseInt64(bytes, count), range.contains(value) else { return nil }
                return Int32(truncatingIfNeeded: value)
            }.map { .int32($0) }
        case .float64 where context.decimalComma:
            return fixed(input, column, context, placeholder: 0.0) { bytes, count in
                let (pointed, length) = context.withDecimalPoint(bytes, count)
                return DoubleParser.parse(pointed, length)
            }.map { .double($0) }
        case .float64:
            return fixed(input, column, context, placeholder: 0.0) { DoubleParser.parse($0, $1) }.map { .double($0) }
        case .float32:
            return fixed(input, column, context, placeholder: Float(0)) { bytes, count in
                guard context.decimalComma else { return FloatParser.parse(bytes, count) }
                let (pointed, length) = context.withDecimalPoint(bytes, count)
                return FloatParser.parse(pointed, length)
            }.map { .float($0) }
        case .date:
            return fixed(input, column, context, placeholder: Int32(0)) { TemporalParser.parseDate($0, $1) }
                .map { .int32($0) }
        case .timestamp(let unit, let utc):
            return timestamps(input, column, context, unit: unit, utc: utc)
        case .decimal(let precision, let scale):
            return decimals(input, column, context, precision: precision, scale: scale)
        case .string:
            return StringColumnBuilder.build(input, column, context, validate: true)
        case .binary:
            return StringColumnBuilder.build(input, column, context, validate: false)
        }
    }

    /// The loop every fixed-width type shares: unescape, parse, and only when that fails, the
    /// null check and a second try without surrounding spaces. A null string that would parse as
    /// a value (`-999`) makes the null check come first.
    @inline(__always)
    static func fixed<T: BitwiseCopyable>(
        _ input: BatchInput, _ column: Int, _ context: BuildContext, placeholder: T,
        parse: (UnsafePointer<UInt8>, Int) -> T?
    ) -> FixedColumn<T> {
        let rowCount = input.rowCount
        var validity: [Bool]?
        var bad: [BadValue] = []
        let nulls = context.nulls
        let nullsFirst = nulls.values.contains { value in
            value.withUnsafeBufferPointer { parse($0.baseAddress ?? context.emptyBytes, $0.count) != nil }
        }
        let values = [T](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            for row in 0..<rowCount {
                let span = input.span(row: row, column: column)
                let (bytes, count) = context.content(input, span)
                if !nullsFirst, let value = parse(bytes, count) {
                    buffer[row] = value
                    continue
                }
                buffer[row] = placeholder
                if !span.quoted && nulls.matches(bytes, count) {
                    if validity == nil { validity = [Bool](repeating: true, count: rowCount) }
                    validity![row] = false
                    continue
                }
                let (trimmed, trimmedCount) = trimmedSpaces(bytes, count)
                if (nullsFirst || trimmedCount != count), let value = parse(trimmed, trimmedCount) {
                    buffer[row] = value
                } else if bad.count < context.maxBad {
                    bad.append(BadValue(row: row, kind: .valueMismatch))
                }
            }
            initialized = rowCount
        }
        return FixedColumn(values: values, validity: validity, bad: bad)
    }

    private static func timestamps(
        _ input: BatchInput, _ column: Int, _ context: BuildContext, unit: TimeUnit, utc: Bool
    ) -> BuiltColumn {
        // Rows of one file often share their date: reuse the days of the previous value when its
        // first ten bytes are the same.
        var cachedDate: (UInt64, UInt16) = (0, 0)
        var cachedDays: Int32?
        // A local column takes only local readings. A UTC column takes offsets, and readings
        // without one are wall-clock times in the reader's zone, or taken as UTC without a zone.
        var converter = utc ? context.localTimeZone.map(LocalTimeConverter.init) : nil
        return fixed(input, column, context, placeholder: Int64(0)) { bytes, count in
            guard count >= 10 else { return nil }
            let raw = UnsafeRawPointer(bytes)
            let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
            let days: Int32
            if let cachedDays, key == cachedDate {
                days = cachedDays
            } else {
                guard let parsed = TemporalParser.dateDays(bytes) else { return nil }
                days = parsed
                cachedDays = parsed
                cachedDate = key
            }
            guard var parsed = TemporalParser.parseTime(bytes, count, days: days) else { return nil }
            if parsed.hasOffset {
                return utc ? parsed.value(in: unit) : nil
            }
            if converter != nil { parsed.seconds = converter!.utcSeconds(fromLocal: parsed.seconds) }
            return parsed.value(in: unit)
        }.map { .int64($0) }
    }

    private static func decimals(
        _ input: BatchInput, _ column: Int, _ context: BuildContext, precision: Int, scale: Int
    ) -> BuiltColumn {
        let parse = { (bytes: UnsafePointer<UInt8>, count: Int) in
            guard context.decimalComma else {
                return DecimalParser.parse(bytes, count, precision: precision, scale: scale)
            }
            let (pointed, length) = context.withDecimalPoint(bytes, count)
            return DecimalParser.parse(pointed, length, precision: precision, scale: scale)
        }
        if precision <= 9 {
            return fixed(input, column, context, placeholder: Int32(0)) { parse($0, $1).map { Int32($0) } }
                .map { .int32($0) }
        }
        if precision <= 18 {
            return fixed(input, column, context, placeholder: Int64(0)) { parse($0, $1).map { Int64($0) } }
                .map { .int64($0) }
        }
        let wide = fixed(input, column, context, placeholder: Int128(0), parse: parse)
        let width = DecimalWidth.bytes(forPrecision: precision)
        var data = [UInt8]()
        data.reserveCapacity(width * wide.values.count)
        for value in wide.values {
            for index in (0..<width).reversed() { data.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        return BuiltColumn(storage: .fixedBytes(width: width, data: data), validity: wide.validity, bad: wide.bad)
    }
}

/// Values of one fixed-width column before they are wrapped in a ``ColumnStorage``.
struct FixedColumn<T> {
    var values: [T]
    var validity: [Bool]?
    var bad: [BadValue]

    func map(_ storage: ([T]) -> ColumnStorage) -> BuiltColumn {
        BuiltColumn(storage: storage(values), validity: validity, bad: bad)
    }
}

/// The fewest bytes of two's complement that hold every decimal of a precision.
enum DecimalWidth {
    static func bytes(forPrecision precision: Int) -> Int {
        var limit: Int128 = 1
        for _ in 0..<precision { limit *= 10 }
        var width = 1
        while width < 16 && (Int128(1) << (8 * width - 1)) < limit { width += 1 }
        return width
    }
}
