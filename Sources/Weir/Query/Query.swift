import Foundation
import WeirColumns
import WeirParquet

/// A query over one table: filter, order, number rows within groups, pick columns, limit.
///
/// The chip history of a lab is one such query on a dataset's manifest:
/// `Query(where: "chip_number = 67", orderBy: [.init("start_time")], seqBy: ["chip_number"])`.
public struct Query: Sendable, Hashable {
    public struct SortKey: Sendable, Hashable {
        public var column: String
        public var descending: Bool

        public init(_ column: String, descending: Bool = false) {
            self.column = column
            self.descending = descending
        }

        /// Parses `name`, `name asc` or `name desc`.
        public static func parse(_ text: String) -> SortKey {
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            let descending = parts.count > 1 && parts.last!.lowercased() == "desc"
            let name =
                parts.count > 1 && ["asc", "desc"].contains(parts.last!.lowercased())
                ? parts.dropLast().joined(separator: " ") : text.trimmingCharacters(in: .whitespaces)
            return SortKey(name, descending: descending)
        }
    }

    public var filter: QueryExpression?
    public var orderBy: [SortKey]
    /// When set, a `seq` column numbers the rows 1, 2, … within each group of equal values of
    /// these columns, in the query's order.
    public var seqBy: [String]?
    /// The name of the numbering column.
    public var seqColumn: String
    /// The output columns (all when `nil`); may name `seq`.
    public var select: [String]?
    public var limit: Int?
    /// How Parquet parts are read (the unit of INT96 timestamps).
    public var parquetOptions = ParquetReadOptions()

    public init(
        filter: QueryExpression? = nil, orderBy: [SortKey] = [], seqBy: [String]? = nil, seqColumn: String = "seq",
        select: [String]? = nil, limit: Int? = nil
    ) {
        self.filter = filter
        self.orderBy = orderBy
        self.seqBy = seqBy
        self.seqColumn = seqColumn
        self.select = select
        self.limit = limit
    }

    /// The columns the query reads from its input (for projection pushdown); `nil` means all.
    public var inputColumns: Set<String>? {
        guard let select else { return nil }
        var needed = Set(select).subtracting([seqColumn])
        needed.formUnion(orderBy.map(\.column))
        needed.formUnion(seqBy ?? [])
        if let filter { needed.formUnion(filter.columns) }
        return needed
    }

    /// Runs the query on a batch holding the whole input.
    public func run(on batch: RecordBatch) throws(QueryError) -> RecordBatch {
        var indices = Array(0..<batch.rowCount)
        if let filter {
            let mask = try QueryEvaluator.mask(filter, on: batch)
            indices = indices.filter { mask[$0] }
        }
        if !orderBy.isEmpty {
            var keys: [(Column, Bool)] = []
            for key in orderBy { keys.append((try QueryEvaluator.column(key.column, in: batch), key.descending)) }
            indices = Self.stableSort(indices, keys)
        }
        // Nothing filtered out and nothing moved: the batch as it is, without a copy.
        var result = indices.count == batch.rowCount && orderBy.isEmpty ? batch : batch.gather(indices)
        if let seqBy {
            var groupColumns: [Column] = []
            for name in seqBy { groupColumns.append(try QueryEvaluator.column(name, in: result)) }
            var counters: [[Value]: Int64] = [:]
            var numbers: [Int64] = []
            numbers.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount {
                let key = groupColumns.map { $0.value(at: row) }
                let next = (counters[key] ?? 0) + 1
                counters[key] = next
                numbers.append(next)
            }
            result.schema.fields.append(Field(seqColumn, .int64, nullable: false))
            result.columns.append(Column(field: Field(seqColumn, .int64, nullable: false), storage: .int64(numbers)))
        }
        if let select { result = try result.selecting(select) }
        if let limit, limit < result.rowCount { result = result.gather(Array(0..<limit)) }
        return result
    }

    /// Sorts row indices by the keys; nulls last in both directions, ties keep their input order.
    static func stableSort(_ indices: [Int], _ keys: [(Column, Bool)]) -> [Int] {
        let values = keys.map { key in indices.map { key.0.value(at: $0) } }
        let order = Array(indices.indices).sorted { a, b in
            for (keyIndex, key) in keys.enumerated() {
                let x = values[keyIndex][a]
                let y = values[keyIndex][b]
                if x.isNull != y.isNull { return y.isNull }
                guard let comparison = ValueOrdering.compare(x, y), comparison != 0 else { continue }
                return key.1 ? comparison > 0 : comparison < 0
            }
            return a < b
        }
        return order.map { indices[$0] }
    }
}
