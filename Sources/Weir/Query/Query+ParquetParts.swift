import Dispatch
import Foundation
import WeirColumns
import WeirParquet

/// What reading one part gave: its rows that passed the filter, and what was read and skipped.
struct PartScan: Sendable {
    var batches: [RecordBatch] = []
    var rowGroups = 0
    var rowGroupsPruned = 0
    var rowsRead = 0
    var rowsMatched = 0
    var statisticsUsed: [String] = []
    var columnsRead: [String] = []
    /// Whether row groups were left unread because enough rows had matched.
    var stoppedEarly = false
}

/// Reads parts into batches of the target columns and filters them, one part at a time or
/// several in parallel.
struct PartScanner: Sendable {
    let filter: QueryExpression?
    /// The filter's conjuncts, for row-group pruning.
    let conjuncts: [QueryExpression]
    /// The columns every batch gets, in order.
    let target: [Field]
    let hiveNames: Set<String>
    /// One row per part: its Hive and manifest columns.
    let constants: RecordBatch?
    /// The file of each part, for messages.
    let paths: [String]
    let pushdown: Bool

    /// What reading a part needs, worked out from its footer: the file columns to decode and the
    /// row groups that pruning leaves.
    struct PartPlan: Sendable {
        let part: Int
        let reader: ParquetFileReader
        let columns: [String]
        let groups: [Int]
        /// Whether the filter runs before the constant columns are added (it reads none of them).
        let filterFirst: Bool
    }

    /// The plan of part `part`, and the figures of a scan that has read none of its rows yet.
    func plan(_ reader: ParquetFileReader, part: Int) -> (plan: PartPlan, scan: PartScan) {
        var scan = PartScan()
        let targetNames = Set(target.map(\.name))
        let fileNames = reader.schema.fields.map(\.name).filter { !hiveNames.contains($0) }
        let columns = pushdown ? fileNames.filter { targetNames.contains($0) } : fileNames
        scan.columnsRead = columns
        var groups = Array(0..<reader.rowGroupCount)
        if pushdown,
            let (predicate, used) = QueryPushdown.predicate(conjuncts, schema: reader.schema, excluded: hiveNames)
        {
            groups = reader.rowGroups(matching: predicate)
            scan.statisticsUsed = used.map(\.text)
        }
        scan.rowGroups = reader.rowGroupCount
        scan.rowGroupsPruned = reader.rowGroupCount - groups.count
        // A filter on file columns only runs before the constant columns are built, so that
        // they are built for the matching rows alone.
        let filterFirst = filter.map { $0.columns.isDisjoint(with: hiveNames) } ?? false
        let plan = PartPlan(part: part, reader: reader, columns: columns, groups: groups, filterFirst: filterFirst)
        return (plan, scan)
    }

    /// The rows of row group `group` of a planned part that pass the filter, and how many rows
    /// the group has.
    func read(_ plan: PartPlan, group: Int) throws -> (batch: RecordBatch, rowsRead: Int) {
        let rows = Int(plan.reader.metadata.rowGroups[group].numRows)
        let file = plan.columns.isEmpty ? nil : try plan.reader.readRowGroup(group, columns: plan.columns)
        var batch = try assemble(file: file, part: plan.part, rows: rows, constants: !plan.filterFirst)
        if let filter {
            let mask = try QueryEvaluator.mask(filter, on: batch)
            if mask.contains(false) { batch = batch.gather(mask.indices.filter { mask[$0] }) }
        }
        if plan.filterFirst { batch = addingConstants(to: batch, part: plan.part) }
        return (batch, rows)
    }

    /// Reads part `part` through `reader`, stopping after the row group in which `wanted` rows
    /// have matched.
    func scan(_ reader: ParquetFileReader, part: Int, wanted: Int = .max) throws -> PartScan {
        var (plan, scan) = plan(reader, part: part)
        for (position, group) in plan.groups.enumerated() {
            let (batch, rows) = try read(plan, group: group)
            scan.rowsRead += rows
            scan.rowsMatched += batch.rowCount
            if batch.rowCount > 0 { scan.batches.append(batch) }
            if scan.rowsMatched >= wanted {
                scan.stoppedEarly = position < plan.groups.count - 1
                break
            }
        }
        return scan
    }

    /// Reads every part on as many threads as there are cores; the scans come back in the order
    /// given, and the first failure in that order is thrown.
    func scanAll(_ work: [(part: Int, reader: ParquetFileReader)]) throws -> [PartScan] {
        let slots = ScanSlots<PartScan>(count: work.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, work.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = slots.claim() {
                let item = work[index]
                slots.store(Result { try scan(item.reader, part: item.part) }, at: index)
            }
        }
        return try slots.results().map { try $0.get() }
    }

    /// A batch of the target columns for `rows` rows of part `part`: file columns as read, Hive
    /// and manifest columns repeated from the part's row (left out unless `constants`), nulls for
    /// columns the part lacks.
    func assemble(file: RecordBatch?, part: Int, rows: Int, constants withConstants: Bool = true) throws -> RecordBatch
    {
        var columns: [Column] = []
        columns.reserveCapacity(target.count)
        for field in target {
            var column: Column
            if hiveNames.contains(field.name) {
                guard withConstants, let constant = constants?.column(named: field.name) else { continue }
                column = constant.repeating(row: part, count: rows)
            } else if let read = file?.column(named: field.name) {
                // A part written under an older schema holds a narrower type: widened here.
                guard let wide = read.widened(to: field.type) else {
                    throw QueryPartTypeError(
                        column: field.name, path: paths[part], type: read.field.type, other: field.type)
                }
                column = wide
            } else {
                column = .nulls(field, count: rows)
            }
            column.field = field
            columns.append(column)
        }
        return RecordBatch(columns: columns)
    }
}

extension Column {
    /// A column of `count` copies of row `row`.
    func repeating(row: Int, count: Int) -> Column {
        let storage: ColumnStorage
        switch self.storage {
        case .boolean(let values): storage = .boolean(Array(repeating: values[row], count: count))
        case .int32(let values): storage = .int32(Array(repeating: values[row], count: count))
        case .int64(let values): storage = .int64(Array(repeating: values[row], count: count))
        case .float(let values): storage = .float(Array(repeating: values[row], count: count))
        case .double(let values): storage = .double(Array(repeating: values[row], count: count))
        case .bytes(let values):
            let range = values.offsets[row]..<values.offsets[row + 1]
            let data = Column.copy(Array(repeating: range, count: count), of: values.data, total: range.count * count)
            storage = .bytes(ByteArrays(offsets: (0...count).map { $0 * range.count }, data: data))
        case .fixedBytes(let width, let data):
            let range = (row * width)..<((row + 1) * width)
            storage = .fixedBytes(
                width: width, data: Column.copy(Array(repeating: range, count: count), of: data, total: width * count))
        case .list, .structure, .map:
            return gather(Array(repeating: row, count: count))
        }
        return Column(
            field: field, storage: storage, validity: isNull(row) ? Array(repeating: false, count: count) : nil)
    }
}

extension PartScanner {
    /// `batch` (the target's file columns) with the Hive and manifest columns of part `part` put
    /// in their places.
    func addingConstants(to batch: RecordBatch, part: Int) -> RecordBatch {
        var columns: [Column] = []
        columns.reserveCapacity(target.count)
        var next = 0
        for field in target {
            if hiveNames.contains(field.name) {
                guard var column = constants?.column(named: field.name)?.repeating(row: part, count: batch.rowCount)
                else { continue }
                column.field = field
                columns.append(column)
            } else {
                columns.append(batch.columns[next])
                next += 1
            }
        }
        return RecordBatch(columns: columns)
    }
}

/// Per-item results filled by several threads.
final class ScanSlots<Item>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Item, any Error>?]
    private var next = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result<Item, any Error>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func results() -> [Result<Item, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// A part whose column has another type than the same column in the other parts.
public struct QueryPartTypeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: String
    /// The part file.
    public var path: String
    /// The column's type in that part.
    public var type: ColumnType
    /// Its type in the parts read before.
    public var other: ColumnType
    /// A part that has it as `other`.
    public var otherPath: String? = nil

    public var description: String {
        "The column '\(column)' is \(type.name) in the part '\(path)' but \(other.name) in "
            + (otherPath.map { "the part '\($0)'" } ?? "other parts") + ", and no type holds both. "
            + "Declare its type in the ingest stage's schema so that every file agrees, or leave the column out "
            + "of the query with --select."
    }
}
