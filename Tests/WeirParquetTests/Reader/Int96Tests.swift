import Testing
import WeirColumns
import WeirParquet

/// INT96 timestamps are read at microseconds by default, as Spark writes them, so years far
/// outside 1677–2262 survive; any unit is exact or refused, never rounded or wrapped.
@Suite struct Int96Tests {
    /// One INT96 value: nanoseconds into the day, then the Julian day.
    private static func int96(days: Int64, nanoseconds: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: nanoseconds.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: Int32(days + 2_440_588).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// A file with one optional INT96 column `a` holding `values` (`nil` for null) in one PLAIN page.
    private static func file(_ values: [(days: Int64, nanoseconds: Int64)?]) -> [UInt8] {
        // Definition levels: one bit-packed run of bit width 1, eight values per byte.
        let groups = (values.count + 7) / 8
        var levels: [UInt8] = [UInt8(groups << 1 | 1)] + Array(repeating: 0, count: groups)
        for (index, value) in values.enumerated() where value != nil { levels[1 + index / 8] |= 1 << (index % 8) }
        var body: [UInt8] = []
        withUnsafeBytes(of: UInt32(levels.count).littleEndian) { body.append(contentsOf: $0) }
        body += levels
        for case let value? in values { body += int96(days: value.days, nanoseconds: value.nanoseconds) }
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count),
            dataPageHeader: DataPageHeader(numValues: Int32(values.count), encoding: .plain))
        let pageBytes = header.thriftBytes + body
        let chunk = ColumnChunk(
            fileOffset: 4,
            metaData: ColumnMetaData(
                type: .int96, encodings: [.plain, .rle], pathInSchema: ["a"], codec: .uncompressed,
                numValues: Int64(values.count), totalUncompressedSize: Int64(pageBytes.count),
                totalCompressedSize: Int64(pageBytes.count), dataPageOffset: 4))
        let footer = FileMetaData(
            schema: [
                SchemaElement(name: "spark_schema", numChildren: 1),
                SchemaElement(type: .int96, repetitionType: .optional, name: "a"),
            ],
            numRows: Int64(values.count),
            rowGroups: [
                RowGroup(columns: [chunk], totalByteSize: Int64(pageBytes.count), numRows: Int64(values.count))
            ], createdBy: "weir tests"
        ).thriftBytes
        var file = ParquetFormat.magic + pageBytes + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        return file + ParquetFormat.magic
    }

    private static let day = 86_400_000_000_000 as Int64

    /// What Spark stores for a microsecond timestamp: the Julian day (here as days from 1970) and
    /// the nanoseconds into it, computed in 64 bits that wrap, as Spark computes them.
    private static func spark(_ micros: Int64) -> (days: Int64, nanoseconds: Int64) {
        let julian = micros &+ 2_440_588 * 86_400_000_000
        return (julian / 86_400_000_000 - 2_440_588, julian % 86_400_000_000 * 1_000)
    }

    /// The microseconds of Spark's `int96_from_spark.parquet` (apache/parquet-testing), whose last
    /// value (the year 290000) Spark stores wrapped around 64 bits, and `0001-01-01`.
    private static let sparkMicros: [Int64?] = [
        1_704_141_296_123_456, 1_704_070_800_000_000, 253_402_225_200_000_000, 1_735_599_600_000_000, nil,
        9_089_380_393_200_000_000, -62_135_596_800_000_000,
    ]

    @Test func sparkYearsReadAtMicrosecondsByDefault() throws {
        let reader = try ParquetFileReader(bytes: Self.file(Self.sparkMicros.map { $0.map(Self.spark) }))
        #expect(reader.schema.fields[0].type == .timestamp(unit: .microseconds, utc: false))
        let column = try reader.readRowGroup(0).columns[0]
        for (row, micros) in Self.sparkMicros.enumerated() {
            #expect(column.value(at: row) == (micros.map { .timestamp($0, .microseconds, utc: false) } ?? .null))
        }
        #expect(column.value(at: 2).text == "9999-12-31T03:00:00.000000")
        #expect(column.value(at: 5).text == "+290000-12-30T23:00:00.000000")
        #expect(column.value(at: 6).text == "0001-01-01T00:00:00.000000")
    }

    @Test func millisecondsReadEveryYear() throws {
        let reader = try ParquetFileReader(
            bytes: Self.file(Self.sparkMicros.dropFirst().map { $0.map(Self.spark) }),
            options: ParquetReadOptions(int96Unit: .milliseconds))
        let column = try reader.readRowGroup(0).columns[0]
        for (row, micros) in Self.sparkMicros.dropFirst().enumerated() {
            #expect(
                column.value(at: row) == (micros.map { .timestamp($0 / 1_000, .milliseconds, utc: false) } ?? .null))
        }
    }

    @Test func nanosecondsRefuseAYearOutsideTheirRange() throws {
        let values = [Self.spark(-62_135_596_800_000_000), Self.spark(9_089_380_393_200_000_000)]
        let reader = try ParquetFileReader(
            bytes: Self.file(values), options: ParquetReadOptions(int96Unit: .nanoseconds))
        #expect(reader.schema.fields[0].type == .timestamp(unit: .nanoseconds, utc: false))
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error.kind == .invalidArgument)
        #expect(
            error.description
                == "row group 0, column 'a': Column 'a' holds the INT96 timestamp '0001-01-01T00:00:00.000' in row 0, "
                + "too far from 1970 for 64-bit nanoseconds. Read INT96 timestamps at a coarser unit "
                + "(--int96-unit ms or us).")
    }

    @Test func nanosecondsKeepEveryDigitInRange() throws {
        let values: [(days: Int64, nanoseconds: Int64)?] = [(19_723, 45_296_123_456_789), (-1, Self.day - 1), nil]
        let reader = try ParquetFileReader(
            bytes: Self.file(values), options: ParquetReadOptions(int96Unit: .nanoseconds))
        let column = try reader.readRowGroup(0).columns[0]
        #expect(column.value(at: 0).text == "2024-01-01T12:34:56.123456789")
        #expect(column.value(at: 1) == .timestamp(-1, .nanoseconds, utc: false))
    }

    @Test func digitsFinerThanTheUnitAreRefusedNotRounded() throws {
        let values: [(days: Int64, nanoseconds: Int64)?] = [nil, (19_723, 45_296_123_456_789)]
        let reader = try ParquetFileReader(bytes: Self.file(values))
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error.kind == .invalidArgument)
        #expect(
            error.description
                == "row group 0, column 'a': Column 'a' holds the INT96 timestamp '2024-01-01T12:34:56.123456789' in "
                + "row 1, finer than the microseconds it is read at. Read INT96 timestamps at nanoseconds "
                + "(--int96-unit ns) to keep every digit.")
    }

    @Test func aDayBeyondMicrosecondsIsRefused() throws {
        // Julian day 2^31 - 1 is about 5.9 million years from now: too far even for 64-bit microseconds.
        let values: [(days: Int64, nanoseconds: Int64)?] = [(Int64(Int32.max) - 2_440_588, 0)]
        let error = try #require(throws: ParquetError.self) {
            try ParquetFileReader(bytes: Self.file(values)).readRowGroup(0)
        }
        #expect(
            error.message.hasSuffix(
                "too far from 1970 for 64-bit microseconds. Read INT96 timestamps at a coarser "
                    + "unit (--int96-unit ms)."))
        let reader = try ParquetFileReader(
            bytes: Self.file(values), options: ParquetReadOptions(int96Unit: .milliseconds))
        #expect(
            try reader.readRowGroup(0).columns[0].value(at: 0)
                == .timestamp((Int64(Int32.max) - 2_440_588) * 86_400_000, .milliseconds, utc: false))
    }
}
