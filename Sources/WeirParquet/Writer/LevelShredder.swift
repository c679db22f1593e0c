import WeirColumns

/// One leaf of a nested column in the shape a Parquet column chunk stores it (Dremel's record
/// shredding): a definition level and, below a list or map, a repetition level for every slot,
/// and the leaf's value for each slot whose definition level is the maximum.
struct ShreddedLeaf {
    /// Flat values, one per slot of `rows`; a slot that holds no value is null in `validity`.
    var storage: ColumnStorage
    var validity: [Bool]?
    /// The slots: indices into `storage`, `validity` and the levels.
    var rows: Range<Int>
    /// One level per slot of `rows`, indexed from `rows.lowerBound`.
    var definition: [UInt8]
    /// `nil` when the leaf is not below a list or map (every level would be 0).
    var repetition: [UInt8]?
}

/// Turns rows of a nested column into the levels and values of one of its leaves.
enum LevelShredder {
    /// Shreds rows `rows` of `column` along the steps of `leaf` (from ``WriterSchema``). The rows
    /// passed ``NestedValueCheck``: no null stands where the type allows none.
    /// - Throws: `ParquetError` (`.invalidArgument`) for storage of another shape than the type's.
    static func shred(_ column: Column, rows: Range<Int>, leaf: WriterColumn) throws(ParquetError) -> ShreddedLeaf {
        let name = leaf.displayName
        // Each slot's index into the current node's column, -1 once a null or an empty list ended it.
        var index = Array(rows)
        var definition = [UInt8](repeating: 0, count: rows.count)
        var repetition: [UInt8]?
        var current = column
        // Whether slot i still points at row rows.lowerBound + i (no list expanded it yet).
        var aligned = true
        for step in leaf.steps {
            switch step {
            case .nullable:
                defineNonNull(current.validity, index: &index, definition: &definition)
            case .field(let position):
                guard case .structure(_, let fields) = current.storage, position < fields.count else {
                    throw shapeError(name, current)
                }
                current = fields[position]
            case .list(let level), .mapKeys(let level), .mapValues(let level):
                let offsets: [Int]
                let child: Column
                switch (step, current.storage) {
                case (.list, .list(let listOffsets, let elements)): (offsets, child) = (listOffsets, elements)
                case (.mapKeys, .map(let mapOffsets, let keys, _)): (offsets, child) = (mapOffsets, keys)
                case (.mapValues, .map(let mapOffsets, _, let values)): (offsets, child) = (mapOffsets, values)
                default: throw shapeError(name, current)
                }
                expand(
                    offsets: offsets, level: UInt8(level), index: &index, definition: &definition,
                    repetition: &repetition)
                current = child
                aligned = false
            }
        }
        if aligned {
            // A path of structs only: the leaf's own arrays serve, with the slots that ended above
            // the leaf marked null.
            guard index.contains(where: { $0 < 0 }) else {
                return ShreddedLeaf(
                    storage: current.storage, validity: current.validity, rows: rows, definition: definition,
                    repetition: nil)
            }
            var validity = current.validity ?? Array(repeating: true, count: current.count)
            for slot in index.indices where index[slot] < 0 { validity[rows.lowerBound + slot] = false }
            return ShreddedLeaf(
                storage: current.storage, validity: validity, rows: rows, definition: definition, repetition: nil)
        }
        guard current.count > 0 else {
            // No values at all (every list empty or null): placeholders in the leaf's own storage.
            return ShreddedLeaf(
                storage: placeholders(leaf.storage, width: leaf.width, count: index.count),
                validity: Array(repeating: false, count: index.count), rows: 0..<index.count,
                definition: definition, repetition: repetition)
        }
        let values = current.gather(orNull: index)
        return ShreddedLeaf(
            storage: values.storage, validity: values.validity, rows: 0..<index.count, definition: definition,
            repetition: repetition)
    }

    /// Replaces every slot pointing at a list (or map) by one slot per element, or keeps it as an
    /// ended slot for a null or empty list.
    private static func expand(
        offsets: [Int],
        level: UInt8,
        index: inout [Int],
        definition: inout [UInt8],
        repetition: inout [UInt8]?
    ) {
        let old = (index, definition, repetition)
        offsets.withUnsafeBufferPointer { offsets in
            old.0.withUnsafeBufferPointer { slots in
                // A list of n > 0 elements becomes n slots; a null or empty one stays one slot.
                var total = 0
                for row in slots { total += row >= 0 ? max(1, offsets[row + 1] - offsets[row]) : 1 }
                var newIndex = [Int](repeating: 0, count: total)
                var newDefinition = [UInt8](repeating: 0, count: total)
                var newRepetition = [UInt8](repeating: 0, count: total)
                newIndex.withUnsafeMutableBufferPointer { newIndex in
                    newDefinition.withUnsafeMutableBufferPointer { newDefinition in
                        newRepetition.withUnsafeMutableBufferPointer { newRepetition in
                            old.1.withUnsafeBufferPointer { definition in
                                var at = 0
                                for slot in 0..<slots.count {
                                    let row = slots[slot]
                                    let defined = definition[slot]
                                    let repeated = old.2?[slot] ?? 0
                                    guard row >= 0, offsets[row] < offsets[row + 1] else {
                                        newIndex[at] = -1
                                        newDefinition[at] = defined
                                        newRepetition[at] = repeated
                                        at += 1
                                        continue
                                    }
                                    newRepetition[at] = repeated
                                    for element in offsets[row]..<offsets[row + 1] {
                                        newIndex[at] = element
                                        newDefinition[at] = defined + 1
                                        if element > offsets[row] { newRepetition[at] = level }
                                        at += 1
                                    }
                                }
                            }
                        }
                    }
                }
                index = newIndex
                definition = newDefinition
                repetition = newRepetition
            }
        }
    }

    /// Adds a definition level to every live slot whose row is not null, and ends the others.
    private static func defineNonNull(_ validity: [Bool]?, index: inout [Int], definition: inout [UInt8]) {
        index.withUnsafeMutableBufferPointer { slots in
            definition.withUnsafeMutableBufferPointer { levels in
                guard let validity else {
                    for slot in 0..<slots.count where slots[slot] >= 0 { levels[slot] += 1 }
                    return
                }
                validity.withUnsafeBufferPointer { valid in
                    for slot in 0..<slots.count {
                        let row = slots[slot]
                        guard row >= 0 else { continue }
                        if valid[row] { levels[slot] += 1 } else { slots[slot] = -1 }
                    }
                }
            }
        }
    }

    /// `count` values of `kind` that stand for no value.
    private static func placeholders(_ kind: ColumnStorage.Kind, width: Int, count: Int) -> ColumnStorage {
        switch kind {
        case .boolean: .boolean(Array(repeating: false, count: count))
        case .int32: .int32(Array(repeating: 0, count: count))
        case .int64: .int64(Array(repeating: 0, count: count))
        case .float: .float(Array(repeating: 0, count: count))
        case .double: .double(Array(repeating: 0, count: count))
        case .fixedBytes: .fixedBytes(width: width, data: Array(repeating: 0, count: count * width))
        default: .bytes(ByteArrays(offsets: Array(repeating: 0, count: count + 1), data: []))
        }
    }

    private static func shapeError(_ name: String, _ column: Column) -> ParquetError {
        ParquetError(
            .invalidArgument,
            "Column '\(name)' holds '\(column.storage.kind)' storage where its type has another shape. "
                + "Please build the column's storage from its type.")
    }
}
