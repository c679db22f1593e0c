import WeirColumns

/// One leaf column of a file's schema, whether Weir reads it or not.
public struct ParquetColumnDescriptor: Sendable {
    /// The names from the top-level field down to the leaf.
    public var path: [String]
    /// The leaf's schema element: physical, logical and converted types, repetition.
    public var element: SchemaElement
    public var maxDefinitionLevel: Int
    public var maxRepetitionLevel: Int
    /// The position among the leaves, which is also the position in every row group's column chunks.
    public var leafIndex: Int
    /// What makes the column nested (`LIST`, `MAP`, `STRUCT` or `REPEATED`), or `nil` for a flat column.
    public var nesting: String?
    /// The leaf's values as Weir reads them, or why Weir cannot. For a leaf of a nested column
    /// this is the type of the values alone; ``ParquetFileReader/schema`` has the nested field.
    public var mapping: Result<Field, ParquetError>

    /// The dotted path, such as `a.list.element`.
    public var name: String { path.joined(separator: ".") }

    /// The field Weir reads this leaf's values as, or `nil` when it cannot read them.
    public var field: Field? { try? mapping.get() }
}

extension ParquetColumnDescriptor {
    /// Far deeper than any real schema; bounds the work a hostile schema can cause.
    static let maximumNesting = 256

    /// The leaves of `schema`, walked depth-first without recursion so no schema can exhaust the stack.
    static func leaves(of schema: [SchemaElement]) throws(ParquetError) -> [ParquetColumnDescriptor] {
        guard let root = schema.first else {
            throw .corrupt("The file's schema is empty; it needs at least a root element.")
        }
        guard root.type == nil || root.numChildren != nil else {
            throw .corrupt("The root of the file's schema ('\(root.name)') is a column instead of a group.")
        }
        struct Frame {
            var remaining: Int
            var path: [String]
            var definition: Int
            var repetition: Int
            var topLevel: Int?
        }
        var stack = [Frame(remaining: try childCount(root), path: [], definition: 0, repetition: 0, topLevel: nil)]
        var leaves: [ParquetColumnDescriptor] = []
        var index = 1
        while index < schema.count {
            while let last = stack.last, last.remaining == 0 { stack.removeLast() }
            guard !stack.isEmpty else {
                throw .corrupt(
                    "The file's schema has \(schema.count - index) elements beyond the children its groups declare.")
            }
            stack[stack.count - 1].remaining -= 1
            let parent = stack[stack.count - 1]
            let element = schema[index]
            let repetitionType = element.repetitionType ?? .required
            let definition = parent.definition + (repetitionType == .required ? 0 : 1)
            let repetition = parent.repetition + (repetitionType == .required || repetitionType == .optional ? 0 : 1)
            let topLevel = parent.topLevel ?? index
            let path = parent.path + [element.name]
            index += 1
            if element.numChildren != nil {
                guard stack.count < maximumNesting else {
                    throw .unsupported("The file's schema nests groups deeper than \(maximumNesting) levels.")
                }
                stack.append(
                    Frame(
                        remaining: try childCount(element), path: path, definition: definition, repetition: repetition,
                        topLevel: topLevel))
                continue
            }
            guard element.type != nil else {
                throw .corrupt("The schema element '\(element.name)' has neither a physical type nor children.")
            }
            let nesting = Self.nesting(of: schema[topLevel], depth: path.count)
            // A nested leaf maps to the type of its own values; its top-level column says how they nest.
            let mapping = ParquetTypeMapping.field(for: element)
            leaves.append(
                ParquetColumnDescriptor(
                    path: path, element: element, maxDefinitionLevel: definition, maxRepetitionLevel: repetition,
                    leafIndex: leaves.count, nesting: nesting, mapping: mapping))
        }
        if stack.contains(where: { $0.remaining > 0 }) {
            throw .corrupt("The file's schema ends before all the children its groups declare.")
        }
        return leaves
    }

    private static func childCount(_ element: SchemaElement) throws(ParquetError) -> Int {
        let count = element.numChildren ?? 0
        guard count >= 0 else {
            throw .corrupt("The schema element '\(element.name)' declares \(count) children.")
        }
        return Int(count)
    }

    /// Why a leaf under `topLevel` is nested, or `nil` when it is a flat top-level column.
    private static func nesting(of topLevel: SchemaElement, depth: Int) -> String? {
        let repeated = topLevel.repetitionType == .repeated || topLevel.repetitionType == .vector
        if depth == 1 { return repeated ? "REPEATED" : nil }
        switch (topLevel.logicalType, topLevel.convertedType) {
        case (.list?, _), (_, .list?): return "LIST"
        case (.map?, _), (_, .map?), (_, .mapKeyValue?): return "MAP"
        case (.variant?, _): return "VARIANT"
        default: return repeated ? "REPEATED" : "STRUCT"
        }
    }
}
