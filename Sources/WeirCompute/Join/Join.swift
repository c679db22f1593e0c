import WeirColumns

/// Joins two streams within a memory budget: key joins (inner, left, outer), as-of joins and
/// nearest-coordinate joins (see ``JoinSpec``).
///
/// The right input is read first. When it fits half the budget it is held in memory and indexed
/// (a hash table by key, rows sorted by time within each group, a k-d tree of coordinates), and
/// the left input streams past it: the output keeps the left rows' order, and neither input needs
/// to be sorted. A right input too large for that is sorted, as is the left input (both spilling
/// to disk), and joined a slice of the right at a time: the output then comes in key order. A
/// nearest join always holds its right input in memory and fails when that does not fit; its `on`
/// keys, when given, are groups: a left row's partner is looked for among its group's rows.
/// Either way no input order changes which rows are paired.
public struct Join: BatchStream {
    public enum Strategy: String, Sendable {
        /// The right input held in memory, the left streamed past it.
        case broadcast
        /// Both inputs sorted by key and joined a slice at a time.
        case sorted
    }

    public let schema: Schema
    public let spec: JoinSpec
    /// How the join runs, known after the first pull.
    public private(set) var strategy: Strategy?
    /// Rows read from the right input.
    public private(set) var rightRows = 0
    /// Output rows with both a left and a right row.
    public private(set) var pairedRows = 0

    private var left: any BatchStream
    private let openRight: () throws -> any BatchStream
    private var right: (any BatchStream)?
    private let keys: JoinKeys
    private let asofColumns: (left: Int, right: Int, type: ColumnType)?
    private let asofTolerance: AsofTolerance?
    private let nearestColumns: (left: [Int], right: [Int])?
    private let layout: JoinLayout
    private let budget: MemoryBudget
    private let spill: SpillFolder?
    private let batchRows: Int
    private let reservation: MemoryReservation
    private var table: JoinTable?
    private var sorted: SortedJoin?
    private var finished = false

    /// - Parameters:
    ///   - left: the left rows.
    ///   - right: opens the right rows; called again when the join changes strategy.
    ///   - budget: the memory the join and its sorts may hold.
    ///   - spill: where sorted runs go when the inputs do not fit; `nil` to never spill.
    /// - Throws: `ComputeError` for a column either side lacks, key or as-of columns whose types
    ///   have no common type, coordinates that are not numbers, a tolerance of the wrong kind.
    public init(
        left: any BatchStream, right: @escaping () throws -> any BatchStream, spec: JoinSpec, budget: MemoryBudget,
        spill: SpillFolder?, batchRows: Int = 65_536
    ) throws {
        self.left = left
        self.openRight = right
        let rightStream = try right()
        self.right = rightStream
        self.spec = spec
        self.budget = budget
        self.spill = spill
        self.batchRows = max(1, batchRows)
        let leftSchema = left.schema
        let rightSchema = rightStream.schema
        keys = try JoinKeys(
            left: spec.leftKeys, right: spec.rightKeys, leftSchema: leftSchema, rightSchema: rightSchema)
        switch spec.type {
        case .inner, .left, .outer:
            guard !keys.isEmpty else {
                throw ComputeError(
                    .invalidArgument, "A '\(spec.type.rawValue)' join needs at least one key column ('on').")
            }
            asofColumns = nil
            asofTolerance = nil
            nearestColumns = nil
        case .asof:
            guard let asof = spec.asof else {
                throw ComputeError(.invalidArgument, "An as-of join needs its 'asof' columns.")
            }
            let leftIndex = try JoinKeys.index(of: asof.left, in: leftSchema, side: "left")
            let rightIndex = try JoinKeys.index(of: asof.right, in: rightSchema, side: "right")
            let leftType = leftSchema.fields[leftIndex].type
            let rightType = rightSchema.fields[rightIndex].type
            guard let type = JoinKeys.commonType(leftType, rightType), AsofColumn.isIntegral(type) != nil else {
                throw ComputeError(
                    .invalidArgument,
                    "The as-of columns are '\(asof.left)' (\(leftType.name)) on the left and '\(asof.right)' "
                        + "(\(rightType.name)) on the right. Please use timestamp, date or number columns of one "
                        + "type (or types that widen into one).")
            }
            asofColumns = (leftIndex, rightIndex, type)
            asofTolerance = try Self.tolerance(asof.tolerance, type: type, column: asof.left)
            nearestColumns = nil
        case .nearest:
            guard let nearest = spec.nearest else {
                throw ComputeError(.invalidArgument, "A nearest join needs its 'nearest' coordinate columns.")
            }
            guard !nearest.left.isEmpty, nearest.left.count == nearest.right.count else {
                throw ComputeError(
                    .invalidArgument,
                    "A nearest join needs as many coordinate columns on the left (\(nearest.left.count)) as on "
                        + "the right (\(nearest.right.count)), at least one.")
            }
            func coordinates(_ names: [String], _ schema: Schema, _ side: String) throws -> [Int] {
                try names.map { name in
                    let index = try JoinKeys.index(of: name, in: schema, side: side)
                    switch schema.fields[index].type {
                    case .int, .float32, .float64: return index
                    default:
                        throw ComputeError(
                            .invalidArgument,
                            "The \(side) coordinate column '\(name)' is \(schema.fields[index].type.name), not a "
                                + "number. Please name number columns.")
                    }
                }
            }
            nearestColumns = (
                try coordinates(nearest.left, leftSchema, "left"), try coordinates(nearest.right, rightSchema, "right")
            )
            asofColumns = nil
            asofTolerance = nil
        }
        layout = JoinLayout(left: leftSchema, right: rightSchema, spec: spec, keys: keys)
        schema = layout.schema
        reservation = MemoryReservation(consumer: "join", budget: budget)
    }

    /// `tolerance` in the units of `type`.
    static func tolerance(_ tolerance: JoinTolerance?, type: ColumnType, column: String) throws -> AsofTolerance? {
        guard let tolerance else { return nil }
        switch (tolerance, type) {
        case (.duration(let nanoseconds), .timestamp(let unit, _)):
            return .integers(UInt64(nanoseconds / (1_000_000_000 / unit.perSecond)))
        case (.duration(let nanoseconds), .date):
            return .integers(UInt64(nanoseconds / 86_400_000_000_000))
        case (.number(let number), .int):
            return .integers(number >= 1.8e19 ? UInt64.max : UInt64(number.rounded(.down)))
        case (.number(let number), .float32), (.number(let number), .float64):
            return .number(number)
        case (.duration, _):
            throw ComputeError(
                .invalidArgument,
                "The tolerance is a duration but the as-of column '\(column)' holds \(type.name) numbers. Please "
                    + "write the tolerance as a number.")
        default:
            throw ComputeError(
                .invalidArgument,
                "The tolerance is a number but the as-of column '\(column)' is a \(type.name). Please write it as "
                    + "a duration, such as '30m'.")
        }
    }

    public mutating func next() throws -> RecordBatch? {
        if finished { return nil }
        if strategy == nil { try start() }
        if var sortedJoin = sorted {
            sorted = nil
            defer { sorted = sortedJoin }
            let batch = try sortedJoin.next()
            if batch == nil { finished = true }
            rightRows = sortedJoin.rightRows
            pairedRows = sortedJoin.pairedRows
            return batch
        }
        guard let table else { return nil }
        while let batch = try left.next() {
            guard batch.rowCount > 0 else { continue }
            let pairs = table.probe(batch, keys: keys)
            pairedRows += pairs.right.count { $0 >= 0 }
            let output = layout.assemble(left: batch, right: table.batch, pairs: pairs)
            if output.rowCount > 0 { return output }
        }
        finished = true
        if spec.type == .outer {
            let pairs = table.unmatched()
            if !pairs.right.isEmpty {
                let none = RecordBatch.empty(left.schema)
                return layout.assemble(left: none, right: table.batch, pairs: pairs)
            }
        }
        reservation.free()
        return nil
    }

    /// Reads the right input into memory if it fits, else sets up the sorted join.
    private mutating func start() throws {
        let limit = spec.type == .nearest ? budget.limit : budget.limit / 2
        var batches: [RecordBatch] = []
        var bytes = 0
        var fits = true
        var stream = right!
        right = nil
        while let batch = try stream.next() {
            rightRows += batch.rowCount
            guard batch.rowCount > 0 else { continue }
            // The rows, their copy into one batch and the index over them.
            bytes += batch.memorySize * 2 + batch.rowCount * 16
            if bytes > limit || !reservation.tryResize(to: bytes) {
                fits = false
                break
            }
            batches.append(batch)
        }
        if fits {
            strategy = .broadcast
            let rows = RecordBatch.concatenate(batches, schema: stream.schema)
            batches = []
            table = build(rows)
            return
        }
        batches = []
        reservation.free()
        if spec.type == .nearest {
            throw ComputeError(
                .memory,
                "A nearest join holds its right input in memory, which needs more than the memory budget of "
                    + "\(budget.limit >> 20) MiB (the right input has more than \(rightRows) rows). Please raise the "
                    + "budget ('memory:'), or narrow the right input.")
        }
        guard let spill else {
            throw ComputeError(
                .memory,
                "The right input of the join does not fit half the memory budget of \(budget.limit >> 20) MiB and "
                    + "the join has no spill folder. Please raise the budget or give it a spill folder.")
        }
        strategy = .sorted
        rightRows = 0
        let routing = try JoinKeys(
            left: spec.leftKeys + (spec.asof.map { [$0.left] } ?? []),
            right: spec.rightKeys + (spec.asof.map { [$0.right] } ?? []), leftSchema: left.schema,
            rightSchema: stream.schema)
        let quarter = max(1 << 12, budget.limit / 4)
        let leftSort = try ExternalSort(
            left, by: (spec.leftKeys + (spec.asof.map { [$0.left] } ?? [])).map { SortKey($0) },
            budget: MemoryBudget(limit: quarter), spill: spill, batchRows: min(batchRows, 8_192))
        let rightSort = try ExternalSort(
            try openRight(), by: (spec.rightKeys + (spec.asof.map { [$0.right] } ?? [])).map { SortKey($0) },
            budget: MemoryBudget(limit: quarter), spill: spill, batchRows: min(batchRows, 8_192))
        sorted = SortedJoin(
            left: leftSort, right: rightSort, routing: routing, keys: keys, layout: layout,
            chunkBytes: max(1 << 12, budget.limit / 8),
            appendFollowing: spec.asof.map { $0.direction != .backward } ?? false, outer: spec.type == .outer,
            reservation: reservation, build: builder)
    }

    private var builder: JoinTableBuilder {
        JoinTableBuilder(
            spec: spec, keys: keys, asofColumns: asofColumns, asofTolerance: asofTolerance,
            nearestColumns: nearestColumns)
    }

    private func build(_ rows: RecordBatch) -> JoinTable { builder.build(rows) }
}

/// Builds the index of a join's kind over rows of its right input.
struct JoinTableBuilder {
    let spec: JoinSpec
    let keys: JoinKeys
    let asofColumns: (left: Int, right: Int, type: ColumnType)?
    let asofTolerance: AsofTolerance?
    let nearestColumns: (left: [Int], right: [Int])?

    func build(_ rows: RecordBatch) -> JoinTable {
        switch spec.type {
        case .inner, .left, .outer:
            return .hash(HashJoinTable(rows, keys: keys), inner: spec.type == .inner)
        case .asof:
            return .asof(
                AsofTable(
                    rows, keys: keys, columns: asofColumns!, direction: spec.asof!.direction, tolerance: asofTolerance))
        case .nearest:
            return .nearest(
                NearestTable(
                    rows, keys: keys, leftColumns: nearestColumns!.left, rightColumns: nearestColumns!.right,
                    tolerance: spec.nearest!.tolerance))
        }
    }
}
