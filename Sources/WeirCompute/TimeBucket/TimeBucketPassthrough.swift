import WeirColumns

/// Gives the rows of an input that is already at the bucket width on the grid as they are, each
/// row its own bucket, without grouping: the same output as ``TimeBucketAggregate`` would give
/// (`count` 1 or 0, a value or null, `std` null), for an input ordered by group, then time.
///
/// "Already at the width" is verified, never trusted: every time must be its own bucket's label
/// and every group must have at most one row a bucket. ``check(_:time:bucketing:groupBy:)``
/// looks for that in the group and time columns; ``next()`` checks it again row by row and throws
/// ``NotAtWidth`` at the first row that breaks it, so a caller can fall back to aggregating.
public struct TimeBucketPassthrough: BatchStream {
    /// What ``check(_:time:bucketing:groupBy:)`` found.
    public enum Check: Sendable, Equatable {
        /// Every time is a bucket's label and the rows are in strictly increasing (group, time) order:
        /// the input can be passed through as it is.
        case atWidthInOrder
        /// Every time is a bucket's label but the rows are out of order (or repeat a bucket): sort
        /// them by group and time, then pass them through, which verifies the rest.
        case onGrid
        /// A time is null or inside a bucket: the input must be aggregated.
        case notAtWidth
    }

    /// Thrown by ``next()`` when a row shares its group's bucket with the row before it, is out
    /// of order, or has a time that is not a bucket's label.
    public struct NotAtWidth: Error, Sendable, CustomStringConvertible {
        public let row: Int
        public var description: String { "row \(row) is not alone in its bucket on the grid" }
    }

    public let schema: Schema
    private var input: any BatchStream
    private let grid: BucketGrid
    private let timeIndex: Int
    private let groupIndices: [Int]
    private let encoder: KeyEncoder
    private let aggregations: [Aggregation]
    private let minCount: Int
    private var previousKey: [UInt8]?
    private var rowsSeen = 0

    /// - Parameters:
    ///   - input: the rows, ordered by the group columns (nulls last), then time.
    ///   - time: a timestamp column.
    ///   - bucketing: the bucket width, closed side, label and time zone.
    ///   - groupBy: the group columns.
    ///   - aggregations: the output columns after the time column.
    ///   - minCount: results from fewer values than this are null (`count` is always given).
    /// - Throws: `ComputeError` as ``TimeBucketAggregate`` does for the same arguments.
    public init(
        _ input: any BatchStream, time: String, bucketing: TimeBucketing, groupBy: [String] = [],
        aggregations: [Aggregation], minCount: Int = 1
    ) throws {
        let inputSchema = input.schema
        timeIndex = try inputSchema.requireFlatIndex(of: time, for: "resample")
        let timeField = inputSchema.fields[timeIndex]
        guard case .timestamp(let unit, let utc) = timeField.type else {
            throw ComputeError(
                .invalidArgument, "The time column '\(time)' is \(timeField.type.name), not a timestamp.")
        }
        grid = BucketGrid(bucketing, unit: unit, utc: utc)
        groupIndices = try groupBy.map { try inputSchema.requireFlatIndex(of: $0, for: "resample") }
        encoder = try KeyEncoder((groupBy + [time]).map { SortKey($0) }, schema: inputSchema)
        var fields = groupIndices.map { index in
            var field = inputSchema.fields[index]
            field.nullable = true
            return field
        }
        fields.append(Field(time, timeField.type, nullable: false))
        fields += try aggregations.map { try AggregateAccumulator($0, schema: inputSchema).output }
        schema = Schema(fields)
        self.input = input
        self.aggregations = aggregations
        self.minCount = minCount
    }

    /// Reads `input`'s group and time columns to the end, or to the first time that is not a
    /// bucket's label, to tell whether it is already at the bucket width (an empty input is not).
    public static func check(
        _ input: inout some BatchStream, time: String, bucketing: TimeBucketing, groupBy: [String] = []
    ) throws -> Check {
        let timeIndex = try input.schema.requireFlatIndex(of: time, for: "resample")
        guard case .timestamp(let unit, let utc) = input.schema.fields[timeIndex].type else { return .notAtWidth }
        let grid = BucketGrid(bucketing, unit: unit, utc: utc)
        let encoder = try KeyEncoder((groupBy + [time]).map { SortKey($0) }, schema: input.schema)
        var previous: [UInt8]?
        var inOrder = true
        var rows = 0
        while let batch = try input.next() {
            guard Self.onGrid(batch.columns[timeIndex], grid) else { return .notAtWidth }
            if inOrder { inOrder = Self.increasing(encoder.encode(batch), after: &previous) }
            rows += batch.rowCount
        }
        // An empty input has nothing to pass through: it takes the ordinary (empty) path.
        guard rows > 0 else { return .notAtWidth }
        return inOrder ? .atWidthInOrder : .onGrid
    }

    public mutating func next() throws -> RecordBatch? {
        while let batch = try input.next() {
            let rows = batch.rowCount
            guard rows > 0 else { continue }
            guard Self.onGrid(batch.columns[timeIndex], grid),
                Self.increasing(encoder.encode(batch), after: &previousKey)
            else { throw NotAtWidth(row: rowsSeen) }
            rowsSeen += rows
            guard case .int64(let times) = batch.columns[timeIndex].storage else { continue }
            var columns = groupIndices.enumerated().map { position, index in
                var column = batch.columns[index]
                column.field = schema.fields[position]
                return column
            }
            columns.append(Column(field: schema.fields[groupIndices.count], storage: .int64(times)))
            // Each row its own group: the accumulators give exactly what one row's bucket gives.
            let alone = Array(0..<rows)
            for aggregation in aggregations {
                var accumulator = try AggregateAccumulator(aggregation, schema: batch.schema)
                accumulator.addGroups(rows)
                try accumulator.update(batch, groups: alone, order: times)
                columns.append(accumulator.finish(order: alone, minCount: minCount))
            }
            return RecordBatch(schema: schema, columns: columns)
        }
        return nil
    }

    /// Whether every time in `column` is set and is its own bucket's label.
    private static func onGrid(_ column: Column, _ grid: BucketGrid) -> Bool {
        guard column.validity?.allSatisfy({ $0 }) ?? true, case .int64(let times) = column.storage else { return false }
        // An input that must be aggregated nearly always shows it in its first rows, before every
        // key of the batch is worked out.
        for time in times.prefix(64) where grid.label(grid.key(time)) != time { return false }
        let keys = grid.keys(times)
        for index in times.indices where grid.label(keys[index]) != times[index] { return false }
        return true
    }

    /// Whether `keys` strictly increase from `previous` on; `previous` becomes the last key.
    private static func increasing(_ keys: EncodedKeys, after previous: inout [UInt8]?) -> Bool {
        guard keys.count > 0 else { return true }
        if let last = previous {
            var before = EncodedKeys()
            before.bytes = last
            before.offsets = [0, last.count]
            if before.compare(0, keys, 0) >= 0 { return false }
        }
        for row in 1..<max(1, keys.count) where keys.compare(row - 1, keys, row) >= 0 { return false }
        previous = Array(keys.bytes[keys.offsets[keys.count - 1]..<keys.offsets[keys.count]])
        return true
    }
}
