import WeirColumns

extension RecordBatch {
    /// The columns named `names`, in that order.
    /// - Throws: `ComputeError` naming an unknown column and the ones the batch has.
    public func project(_ names: [String]) throws -> RecordBatch {
        let indices = try names.map { try schema.requireIndex(of: $0) }
        return RecordBatch(columns: indices.map { columns[$0] })
    }

    /// About how many bytes the batch's values take in memory.
    public var memorySize: Int { columns.reduce(0) { $0 + $1.memorySize } }
}

extension Schema {
    /// The index of `name`.
    /// - Throws: `ComputeError` naming the unknown column and the ones the schema has.
    public func requireIndex(of name: String) throws -> Int {
        guard let index = index(of: name) else {
            let known = fields.map { "'\($0.name)'" }.joined(separator: ", ")
            throw ComputeError(
                .invalidArgument, "There is no column '\(name)'. Please use one of the input's columns: \(known).")
        }
        return index
    }

    /// The index of `name`, a column whose values an operator computes with.
    /// - Parameter use: what uses the column, for the message: "resample", "an aggregation"…
    /// - Throws: `ComputeError` naming an unknown column, or a nested (list, struct, map) one.
    public func requireFlatIndex(of name: String, for use: String) throws -> Int {
        let index = try requireIndex(of: name)
        let field = fields[index]
        guard !field.type.isNested else {
            throw ComputeError(
                .invalidArgument,
                "The column '\(name)' is \(field.type.name); \(use) cannot use a nested column. Please use a flat "
                    + "column, or pass this one through unchanged.")
        }
        return index
    }
}

extension Column {
    /// About how many bytes the column's values take in memory.
    public var memorySize: Int {
        let flags = validity?.count ?? 0
        switch storage {
        case .boolean(let values): return values.count + flags
        case .int32(let values): return values.count * 4 + flags
        case .int64(let values): return values.count * 8 + flags
        case .float(let values): return values.count * 4 + flags
        case .double(let values): return values.count * 8 + flags
        case .bytes(let values): return values.data.count + values.offsets.count * 8 + flags
        case .fixedBytes(_, let data): return data.count + flags
        case .list(let offsets, let elements): return offsets.count * 8 + elements.memorySize + flags
        case .structure(_, let fields): return fields.reduce(flags) { $0 + $1.memorySize }
        case .map(let offsets, let keys, let values):
            return offsets.count * 8 + keys.memorySize + values.memorySize + flags
        }
    }
}
