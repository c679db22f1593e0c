import WeirColumns

/// A top-level field of a file: one flat leaf, or a nested group read from its leaves.
struct TopLevelColumn: Sendable {
    var name: String
    /// The leaves at or under the field, in file order.
    var leaves: [ParquetColumnDescriptor]
    /// How the leaves assemble, for a nested field; `nil` for a flat one.
    var root: NestedNode?
    /// For each leaf, the definition level of each of its repeated ancestors (see ``LeafLevels``).
    var repeatedDefinitions: [[Int]]
    /// The field Weir reads, or why it cannot.
    var mapping: Result<Field, ParquetError>

    var field: Field? { try? mapping.get() }

    /// The top-level fields of `schema`, whose leaves are `leaves`.
    static func columns(
        of schema: [SchemaElement], leaves: [ParquetColumnDescriptor]
    ) -> [TopLevelColumn] {
        SchemaNode.topLevel(of: schema).map { node in
            let own = Array(leaves[node.firstLeaf..<(node.firstLeaf + node.leafCount)])
            if node.children.isEmpty && !node.isRepeated, let leaf = own.first {
                return TopLevelColumn(
                    name: node.element.name, leaves: own, root: nil, repeatedDefinitions: [[0]], mapping: leaf.mapping)
            }
            var definitions: [[Int]] = []
            collectRepeatedDefinitions(node, [0], into: &definitions)
            do throws(ParquetError) {
                let root = try NestedNode.plan(node)
                return TopLevelColumn(
                    name: node.element.name, leaves: own, root: root, repeatedDefinitions: definitions,
                    mapping: .success(root.field))
            } catch {
                var located = error
                located.message = "Column '\(node.element.name)': " + error.message
                return TopLevelColumn(
                    name: node.element.name, leaves: own, root: nil, repeatedDefinitions: definitions,
                    mapping: .failure(located))
            }
        }
    }

    private static func collectRepeatedDefinitions(_ node: SchemaNode, _ above: [Int], into output: inout [[Int]]) {
        let definitions = node.isRepeated ? above + [node.definition] : above
        if node.children.isEmpty {
            output.append(definitions)
        }
        for child in node.children { collectRepeatedDefinitions(child, definitions, into: &output) }
    }
}
