import WeirColumns

/// Puts a nested column together from its leaves' levels and values (Dremel record assembly):
/// each node finds its slots, nulls and list lengths in the levels of its first leaf, top down.
struct NestedAssembler {
    let leaves: [LeafData]
    /// The dotted names of the leaves, for messages.
    let names: [String]

    /// The column of `rows` rows that `root` describes.
    ///
    /// - Throws: `.corrupt` when the leaves disagree on the number of rows, lists or values.
    func column(_ root: NestedNode, rows: Int) throws(ParquetError) -> Column {
        let column = try column(root)
        guard column.count == rows else {
            throw .corrupt("Column '\(names[root.firstLeaf])' holds \(column.count) rows where the row group has \(rows).")
        }
        return column
    }

    private func column(_ node: NestedNode) throws(ParquetError) -> Column {
        switch node.shape {
        case .leaf(let position):
            let (count, validity, _) = slots(of: node, children: nil)
            let values = leaves[position].values
            let present = validity.map { flags in flags.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? count
            guard values.count == present else {
                throw .corrupt(
                    "Column '\(names[position])' has \(values.count) values where its levels place \(present).")
            }
            let storage = validity.map { Self.spread(values, over: $0) } ?? values
            return Column(field: node.field, storage: storage, validity: validity)
        case .structure(let fields):
            let (count, validity, _) = slots(of: node, children: nil)
            var columns: [Column] = []
            for field in fields {
                let child = try column(field)
                guard child.count == count else { throw disagreement(node, field) }
                columns.append(child)
            }
            return Column(field: node.field, storage: .structure(count: count, fields: columns), validity: validity)
        case .list(let element):
            let (_, validity, offsets) = slots(of: node, children: element)
            let elements = try column(element)
            guard elements.count == offsets.last else { throw disagreement(node, element) }
            return Column(field: node.field, storage: .list(offsets: offsets, elements: elements), validity: validity)
        case .map(let key, let value):
            let (_, validity, offsets) = slots(of: node, children: key)
            let keys = try column(key)
            let values = try column(value)
            guard keys.count == offsets.last else { throw disagreement(node, key) }
            guard values.count == offsets.last else { throw disagreement(node, value) }
            return Column(
                field: node.field, storage: .map(offsets: offsets, keys: keys, values: values), validity: validity)
        }
    }

    private func disagreement(_ node: NestedNode, _ child: NestedNode) -> ParquetError {
        .corrupt(
            "The levels of columns '\(names[node.firstLeaf])' and '\(names[child.firstLeaf])' disagree on the "
                + "number of values of '\(node.field.name)'.")
    }

    /// The slots of `node` in its first leaf's levels: how many, which are null (`nil` when none
    /// is), and, when `children` is given, where each slot's children start among the children's
    /// slots (`count + 1` offsets).
    private func slots(of node: NestedNode, children: NestedNode?) -> (count: Int, validity: [Bool]?, offsets: [Int]) {
        let levels = leaves[node.firstLeaf].levels
        let entries = levels.count
        var validity: [Bool] = []
        validity.reserveCapacity(entries)
        var offsets: [Int] = []
        if children != nil { offsets.reserveCapacity(entries + 1) }
        var nulls = 0
        var elements = 0
        let slotDefinition = UInt8(truncatingIfNeeded: node.slotDefinition)
        let slotRepetition = UInt8(truncatingIfNeeded: node.slotRepetition)
        let definedAt = UInt8(truncatingIfNeeded: node.definedAt)
        levels.repetition.withUnsafeBufferPointer { repetition in
            levels.definition.withUnsafeBufferPointer { definition in
                if let children {
                    let childDefinition = UInt8(truncatingIfNeeded: children.slotDefinition)
                    let childRepetition = UInt8(truncatingIfNeeded: children.slotRepetition)
                    for entry in 0..<entries {
                        let r = repetition[entry]
                        let d = definition[entry]
                        if d >= slotDefinition && r <= slotRepetition {
                            offsets.append(elements)
                            validity.append(d >= definedAt)
                            if d < definedAt { nulls += 1 }
                        }
                        if d >= childDefinition && r <= childRepetition { elements += 1 }
                    }
                } else {
                    for entry in 0..<entries {
                        let d = definition[entry]
                        if d >= slotDefinition && repetition[entry] <= slotRepetition {
                            validity.append(d >= definedAt)
                            if d < definedAt { nulls += 1 }
                        }
                    }
                }
            }
        }
        if children != nil { offsets.append(elements) }
        return (validity.count, nulls == 0 ? nil : validity, offsets)
    }

    /// Dense values spread over slots: each slot flagged valid takes the next value, the others
    /// a placeholder.
    static func spread(_ values: ColumnStorage, over validity: [Bool]) -> ColumnStorage {
        func spread<T>(_ dense: [T], _ placeholder: T) -> [T] {
            var output: [T] = []
            output.reserveCapacity(validity.count)
            var next = 0
            for valid in validity {
                if valid && next < dense.count {
                    output.append(dense[next])
                    next += 1
                } else {
                    output.append(placeholder)
                }
            }
            return output
        }
        switch values {
        case .boolean(let dense): return .boolean(spread(dense, false))
        case .int32(let dense): return .int32(spread(dense, 0))
        case .int64(let dense): return .int64(spread(dense, 0))
        case .float(let dense): return .float(spread(dense, 0))
        case .double(let dense): return .double(spread(dense, 0))
        case .bytes(let dense):
            var offsets: [Int] = [0]
            offsets.reserveCapacity(validity.count + 1)
            var next = 0
            for valid in validity {
                if valid && next < dense.count { next += 1 }
                offsets.append(dense.offsets[next] - dense.offsets[0])
            }
            let data = dense.offsets[0] == 0 ? dense.data : Array(dense.data[dense.offsets[0]...])
            return .bytes(ByteArrays(offsets: offsets, data: Array(data.prefix(offsets[offsets.count - 1]))))
        case .fixedBytes(let width, let data):
            var output: [UInt8] = []
            output.reserveCapacity(validity.count * width)
            var next = 0
            for valid in validity {
                if valid && (next + 1) * width <= data.count {
                    output.append(contentsOf: data[(next * width)..<((next + 1) * width)])
                    next += 1
                } else {
                    output.append(contentsOf: repeatElement(0, count: width))
                }
            }
            return .fixedBytes(width: width, data: output)
        case .list, .structure, .map:
            return values
        }
    }
}
