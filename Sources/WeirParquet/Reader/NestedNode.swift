import WeirColumns

/// One node of a nested column as Weir reads it (a list, struct, map or leaf value), with the
/// levels that place it among its leaves' level entries.
///
/// Each node has *slots*: the level entries of its first leaf whose definition level reaches
/// `slotDefinition` and whose repetition level is at most `slotRepetition` start one slot each
/// (a row for a top-level column, an element for a list's element). A slot holds a value when
/// its entry's definition level reaches `definedAt`, and is null otherwise.
struct NestedNode: Sendable {
    indirect enum Shape: Sendable {
        /// The values of the column's leaf at this position among its leaves.
        case leaf(Int)
        case structure([NestedNode])
        case list(NestedNode)
        case map(key: NestedNode, value: NestedNode)
    }

    var field: Field
    var shape: Shape
    var definedAt: Int
    var slotDefinition: Int
    var slotRepetition: Int
    /// The position of the node's first leaf among the column's leaves.
    var firstLeaf: Int
}

/// A group or leaf of a file's schema with its children and its levels.
struct SchemaNode {
    var element: SchemaElement
    var children: [SchemaNode]
    /// The definition and repetition levels of the element itself.
    var definition: Int
    var repetition: Int
    /// The index among all the file's leaves of the first leaf at or under this node.
    var firstLeaf: Int
    var leafCount: Int

    var repetitionType: FieldRepetitionType { element.repetitionType ?? .required }
    var isRepeated: Bool { repetitionType == .repeated || repetitionType == .vector }

    /// The top-level fields of `schema`, which ``ParquetColumnDescriptor/leaves(of:)`` has checked.
    static func topLevel(of schema: [SchemaElement]) -> [SchemaNode] {
        var index = 1
        var leaf = 0
        return children(count: Int(schema.first?.numChildren ?? 0), of: schema, index: &index, leaf: &leaf, 0, 0)
    }

    private static func children(
        count: Int, of schema: [SchemaElement], index: inout Int, leaf: inout Int, _ definition: Int,
        _ repetition: Int
    ) -> [SchemaNode] {
        var nodes: [SchemaNode] = []
        for _ in 0..<count where index < schema.count {
            let element = schema[index]
            index += 1
            let type = element.repetitionType ?? .required
            let levels = (
                definition + (type == .required ? 0 : 1),
                repetition + (type == .required || type == .optional ? 0 : 1)
            )
            let first = leaf
            var children: [SchemaNode] = []
            if let count = element.numChildren {
                children = Self.children(
                    count: Int(count), of: schema, index: &index, leaf: &leaf, levels.0, levels.1)
            } else {
                leaf += 1
            }
            nodes.append(
                SchemaNode(
                    element: element, children: children, definition: levels.0, repetition: levels.1,
                    firstLeaf: first, leafCount: leaf - first))
        }
        return nodes
    }
}

extension NestedNode {
    /// How the nested top-level `node` reads, following the LIST and MAP rules of the Parquet
    /// format, their backward-compatibility rules for older writers included.
    ///
    /// - Throws: `.unsupported` for a group Weir cannot map (a LIST without a repeated child, a
    ///   group without columns) or a leaf of an unsupported type.
    static func plan(_ node: SchemaNode) throws(ParquetError) -> NestedNode {
        try plan(node, base: node.firstLeaf, slotDefinition: 0, slotRepetition: 0, asElement: false)
    }

    /// - Parameter asElement: `node` is the repeated field of a list, read as its required element.
    private static func plan(
        _ node: SchemaNode, base: Int, slotDefinition: Int, slotRepetition: Int, asElement: Bool
    ) throws(ParquetError) -> NestedNode {
        let name = node.element.name
        guard node.leafCount > 0 else {
            throw .unsupported("The group '\(name)' has no columns; Weir cannot read it.")
        }
        let firstLeaf = node.firstLeaf - base
        if node.isRepeated && !asElement {
            // A repeated field outside a LIST: a list that is never null, of elements never null.
            let element = try plan(
                node, base: base, slotDefinition: node.definition, slotRepetition: node.repetition, asElement: true)
            return NestedNode(
                field: Field(name, .list(element.field.renamed("element")), nullable: false),
                shape: .list(element), definedAt: node.definition - 1, slotDefinition: slotDefinition,
                slotRepetition: slotRepetition, firstLeaf: firstLeaf)
        }
        let nullable = !asElement && node.repetitionType == .optional
        func made(_ type: ColumnType, _ shape: Shape) -> NestedNode {
            NestedNode(
                field: Field(name, type, nullable: nullable), shape: shape, definedAt: node.definition,
                slotDefinition: slotDefinition, slotRepetition: slotRepetition, firstLeaf: firstLeaf)
        }
        if node.children.isEmpty {
            return made(try ParquetTypeMapping.type(of: node.element), .leaf(firstLeaf))
        }
        let element = node.element
        let isList = element.logicalType == .list || element.convertedType == .list
        let isMap = element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
        if isList || isMap, node.children.count == 1, node.children[0].isRepeated {
            let repeated = node.children[0]
            let levels = (repeated.definition, repeated.repetition)
            if isMap, repeated.children.count == 2 {
                var key = try plan(
                    repeated.children[0], base: base, slotDefinition: levels.0, slotRepetition: levels.1,
                    asElement: false)
                key.field = key.field.renamed("key")
                var value = try plan(
                    repeated.children[1], base: base, slotDefinition: levels.0, slotRepetition: levels.1,
                    asElement: false)
                value.field = value.field.renamed("value")
                return made(.map(key: key.field, value: value.field), .map(key: key, value: value))
            }
            // LogicalTypes.md: a repeated primitive, a repeated group of several fields, or one named
            // `array` or `<list>_tuple` is the element itself; otherwise its one child is.
            let repeatedIsElement =
                repeated.children.count != 1 || repeated.element.name == "array"
                || repeated.element.name == name + "_tuple"
            var item: NestedNode
            if repeatedIsElement {
                item = try plan(
                    repeated, base: base, slotDefinition: levels.0, slotRepetition: levels.1, asElement: true)
            } else {
                item = try plan(
                    repeated.children[0], base: base, slotDefinition: levels.0, slotRepetition: levels.1,
                    asElement: false)
            }
            item.field = item.field.renamed("element")
            return made(.list(item.field), .list(item))
        }
        if isList || isMap {
            throw .unsupported(
                "The \(isList ? "LIST" : "MAP") group '\(name)' does not hold one repeated group as the format "
                    + "requires; Weir cannot read it.")
        }
        var fields: [NestedNode] = []
        for child in node.children {
            fields.append(
                try plan(
                    child, base: base, slotDefinition: slotDefinition, slotRepetition: slotRepetition,
                    asElement: false))
        }
        return made(.structure(fields.map(\.field)), .structure(fields))
    }
}

extension Field {
    func renamed(_ name: String) -> Field {
        var copy = self
        copy.name = name
        return copy
    }
}
