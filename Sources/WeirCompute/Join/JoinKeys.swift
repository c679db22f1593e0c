import WeirColumns

/// Key columns of a join resolved on both sides: where they are and the one type both sides'
/// values are compared in (an `int32` key meets an `int64` one as `int64`).
struct JoinKeys: Sendable {
    enum Side { case left, right }

    let left: [Int]
    let right: [Int]
    let types: [ColumnType]
    private let encoder: KeyEncoder

    /// - Throws: `ComputeError` for a column either side lacks, or a pair of columns whose types
    ///   have no common type (a text and a number).
    init(left leftNames: [String], right rightNames: [String], leftSchema: Schema, rightSchema: Schema) throws {
        precondition(leftNames.count == rightNames.count, "join keys come in pairs")
        var left: [Int] = []
        var right: [Int] = []
        var types: [ColumnType] = []
        for (leftName, rightName) in zip(leftNames, rightNames) {
            let leftIndex = try Self.index(of: leftName, in: leftSchema, side: "left")
            let rightIndex = try Self.index(of: rightName, in: rightSchema, side: "right")
            let leftType = leftSchema.fields[leftIndex].type
            let rightType = rightSchema.fields[rightIndex].type
            guard let type = Self.commonType(leftType, rightType) else {
                throw ComputeError(
                    .invalidArgument,
                    "The join column '\(leftName)' is \(leftType.name) on the left but '\(rightName)' is "
                        + "\(rightType.name) on the right. Please give both sides one type (or types that widen "
                        + "into one, such as int32 and int64).")
            }
            left.append(leftIndex)
            right.append(rightIndex)
            types.append(type)
        }
        self.left = left
        self.right = right
        self.types = types
        let fields = types.enumerated().map { Field("k\($0.offset)", $0.element) }
        encoder = try KeyEncoder(fields.map { SortKey($0.name) }, schema: Schema(fields))
    }

    /// The type both `a` and `b` are compared in, or `nil` when there is none.
    static func commonType(_ a: ColumnType, _ b: ColumnType) -> ColumnType? {
        a == b ? a : a.widened(with: b)
    }

    static func index(of name: String, in schema: Schema, side: String) throws -> Int {
        guard let index = schema.index(of: name) else {
            let names = schema.fields.map { "'\($0.name)'" }.joined(separator: ", ")
            throw ComputeError(
                .invalidArgument, "The \(side) input has no column '\(name)'. Its columns are \(names).")
        }
        return index
    }

    var isEmpty: Bool { left.isEmpty }

    /// The key columns of `batch` (one side's rows) in the common types.
    func columns(of batch: RecordBatch, side: Side) -> [Column] {
        let indices = side == .left ? left : right
        return zip(indices, types).enumerated().map { position, pair in
            var column = batch.columns[pair.0]
            if column.field.type != pair.1 { column = column.widened(to: pair.1)! }
            column.field = Field("k\(position)", pair.1, nullable: column.field.nullable)
            return column
        }
    }

    /// Every row's key encoded so that equal keys have equal bytes and byte order is key order
    /// (nulls last), and whether a row's keys are all present (`nil` when every row's are).
    func encode(_ batch: RecordBatch, side: Side) -> (keys: EncodedKeys, present: [Bool]?) {
        let columns = columns(of: batch, side: side)
        var present: [Bool]?
        for column in columns {
            guard let validity = column.validity else { continue }
            if present == nil {
                present = validity
            } else {
                for row in validity.indices where !validity[row] { present![row] = false }
            }
        }
        let keys = encoder.encode(RecordBatch(schema: Schema(columns.map(\.field)), columns: columns))
        return (keys, present)
    }

    /// The right rows' groups: a table of their distinct keys and each row's group in it (-1 for a
    /// row with a null key; every row 0 when there are no keys).
    func groups(ofRight batch: RecordBatch) -> (table: KeyTable, groupOf: [Int32], count: Int) {
        var table = KeyTable(capacity: 1024)
        var groupOf = [Int32](repeating: 0, count: batch.rowCount)
        guard !isEmpty else { return (table, groupOf, 1) }
        let (encoded, present) = encode(batch, side: .right)
        encoded.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<batch.rowCount {
                guard present?[row] ?? true else {
                    groupOf[row] = -1
                    continue
                }
                let key = UnsafeBufferPointer(rebasing: bytes[encoded.offsets[row]..<encoded.offsets[row + 1]])
                groupOf[row] = Int32(table.group(of: key).group)
            }
        }
        return (table, groupOf, table.count)
    }

    /// The left rows' groups in `table` (from ``groups(ofRight:)``): -1 for a null key or a key the
    /// right rows lack. Rows of one group often come together, so each key is first compared with
    /// the row before's.
    func groups(ofLeft batch: RecordBatch, in table: KeyTable) -> [Int32] {
        var groupOf = [Int32](repeating: 0, count: batch.rowCount)
        guard !isEmpty else { return groupOf }
        if left.count == 1, let column = columns(of: batch, side: .left).first,
            ValueNumbering.accepts(column.storage)
        {
            return groups(ofLeft: column, in: table)
        }
        let (encoded, present) = encode(batch, side: .left)
        encoded.bytes.withUnsafeBufferPointer { bytes in
            var previous: (start: Int, end: Int, group: Int32)?
            for row in 0..<batch.rowCount {
                guard present?[row] ?? true else {
                    groupOf[row] = -1
                    continue
                }
                let start = encoded.offsets[row]
                let end = encoded.offsets[row + 1]
                let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if let last = previous, last.end - last.start == end - start,
                    EncodedKeys.compare(UnsafeBufferPointer(rebasing: bytes[last.start..<last.end]), key) == 0
                {
                    groupOf[row] = last.group
                    continue
                }
                let group = table.find(key).map(Int32.init) ?? -1
                groupOf[row] = group
                previous = (start, end, group)
            }
        }
        return groupOf
    }

    /// The groups of a one-column key's rows: its values numbered (text up to eight bytes and
    /// integers without encoding them), and each distinct value's key encoded and looked up once.
    private func groups(ofLeft column: Column, in table: KeyTable) -> [Int32] {
        let rows = column.count
        var numbering = ValueNumbering()
        let numbers = numbering.numbers(of: column)
        let unknown: Int32 = -2
        var groupOfNumber = [Int32](repeating: unknown, count: Int(numbering.count))
        let single = RecordBatch(schema: Schema([column.field]), columns: [column])
        var key: [UInt8] = []
        var groupOf = [Int32](repeating: -1, count: rows)
        let validity = column.validity
        for row in 0..<rows where validity?[row] ?? true {
            let number = Int(numbers[row])
            var group = groupOfNumber[number]
            if group == unknown {
                key.removeAll(keepingCapacity: true)
                encoder.append(row, of: single, to: &key)
                group = key.withUnsafeBufferPointer { table.find($0) }.map(Int32.init) ?? -1
                groupOfNumber[number] = group
            }
            groupOf[row] = group
        }
        return groupOf
    }

    /// The indices of the rows that `include` keeps, bucketed by group (`groupOf`, 0 ..< `count`)
    /// in input order within each: the rows of group `g` are `rows[start[g]..<start[g + 1]]`.
    static func bucket(groupOf: [Int32], count: Int, include: (Int) -> Bool) -> (start: [Int], rows: [Int32]) {
        var start = [Int](repeating: 0, count: count + 1)
        for row in groupOf.indices where groupOf[row] >= 0 && include(row) { start[Int(groupOf[row]) + 1] += 1 }
        for group in 0..<count { start[group + 1] += start[group] }
        var next = start
        var rows = [Int32](repeating: 0, count: start[count])
        for row in groupOf.indices where groupOf[row] >= 0 && include(row) {
            rows[next[Int(groupOf[row])]] = Int32(row)
            next[Int(groupOf[row])] += 1
        }
        return (start, rows)
    }
}
