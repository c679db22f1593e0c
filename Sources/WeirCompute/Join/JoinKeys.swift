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
            if present == nil { present = validity } else {
                for row in validity.indices where !validity[row] { present![row] = false }
            }
        }
        let keys = encoder.encode(RecordBatch(schema: Schema(columns.map(\.field)), columns: columns))
        return (keys, present)
    }
}
