import WeirColumns

/// One step from a nested column down to one of its leaves, as the level shredder takes it.
enum ShredStep: Sendable, Hashable {
    /// The node may be null: a null ends the path here, a value adds a definition level. (A node
    /// that may not be null has no step: ``NestedValueCheck`` refused a batch with a null there.)
    case nullable
    /// Into field `index` of a struct.
    case field(Int)
    /// Into the elements of a list, whose repeated level is `repetition`.
    case list(repetition: Int)
    /// Into the keys or the values of a map, whose repeated level is `repetition`.
    case mapKeys(repetition: Int)
    case mapValues(repetition: Int)
}

/// How a writer's fields map to Parquet: the schema elements below the root in depth-first order
/// and one ``WriterColumn`` per leaf column.
///
/// A flat field is one leaf. A nested field becomes groups in the standard shapes of the format's
/// LogicalTypes: a list is `<name> (LIST) { repeated group list { element } }`, a map is
/// `<name> (MAP) { repeated group key_value { required key; value } }` and a struct is a group
/// of its fields.
struct WriterSchema: Sendable {
    private(set) var elements: [SchemaElement] = []
    private(set) var leaves: [WriterColumn] = []
    /// For each leaf, the index of the top-level field it belongs to.
    private(set) var owners: [Int] = []

    /// The deepest nesting the writer accepts; levels are kept in bytes.
    static let maximumLevel = 255

    /// Maps `fields`, taking each leaf's storage (and fixed width) from `columns`, the first batch
    /// with rows, or from the type's default storage without one.
    init(fields: [Field], columns: [Column]?) throws(ParquetError) {
        for (index, field) in fields.enumerated() {
            let column = columns?[index]
            if field.type.isNested {
                try add(
                    field, column: column, path: [field.name], definition: 0, repetition: 0, steps: [], owner: index)
            } else {
                append(try Self.writerColumn(field, storedAs: column), owner: index)
            }
        }
    }

    /// The leaf columns of `column`, of type `type`, in the order of ``leaves``; `nil` where the
    /// storage has no such child (a nested column stored as something else).
    static func leafColumns(of column: Column, type: ColumnType) -> [Column?] {
        switch (type, column.storage) {
        case (.list(let element), .list(_, let elements)): return leafColumns(of: elements, type: element.type)
        case (.map(let key, let value), .map(_, let keys, let values)):
            return leafColumns(of: keys, type: key.type) + leafColumns(of: values, type: value.type)
        case (.structure(let fields), .structure(_, let columns)) where fields.count == columns.count:
            return zip(columns, fields).flatMap { leafColumns(of: $0, type: $1.type) }
        case (.list, _), (.map, _), (.structure, _):
            return Array(repeating: nil, count: leafCount(type))
        default:
            return [column]
        }
    }

    /// The number of Parquet columns a field of `type` takes.
    static func leafCount(_ type: ColumnType) -> Int {
        switch type {
        case .list(let element): leafCount(element.type)
        case .map(let key, let value): leafCount(key.type) + leafCount(value.type)
        case .structure(let fields): fields.reduce(0) { $0 + leafCount($1.type) }
        default: 1
        }
    }

    private mutating func add(
        _ field: Field,
        column: Column?,
        path: [String],
        definition: Int,
        repetition: Int,
        steps: [ShredStep],
        owner: Int
    ) throws(ParquetError) {
        let display = path.joined(separator: ".")
        let definition = definition + (field.nullable ? 1 : 0)
        let steps = field.nullable ? steps + [.nullable] : steps
        let repetitionType: FieldRepetitionType = field.nullable ? .optional : .required
        guard definition + 1 <= Self.maximumLevel else {
            throw ParquetError(
                .invalidArgument,
                "Column '\(display)' is nested more than \(Self.maximumLevel) levels deep. Please flatten it.")
        }
        switch field.type {
        case .list(let element):
            appendRepeatedGroup(field.name, repetitionType, list: true)
            var child: Column?
            if case .list(_, let elements) = column?.storage { child = elements }
            try add(
                Self.named(element, "element"), column: child, path: path + ["list", "element"],
                definition: definition + 1, repetition: repetition + 1,
                steps: steps + [.list(repetition: repetition + 1)], owner: owner)
        case .map(let key, let value):
            appendRepeatedGroup(field.name, repetitionType, list: false)
            var keys: Column?
            var values: Column?
            if case .map(_, let keyColumn, let valueColumn) = column?.storage {
                keys = keyColumn
                values = valueColumn
            }
            var requiredKey = Self.named(key, "key")
            requiredKey.nullable = false
            try add(
                requiredKey, column: keys, path: path + ["key_value", "key"], definition: definition + 1,
                repetition: repetition + 1, steps: steps + [.mapKeys(repetition: repetition + 1)], owner: owner)
            try add(
                Self.named(value, "value"), column: values, path: path + ["key_value", "value"],
                definition: definition + 1, repetition: repetition + 1,
                steps: steps + [.mapValues(repetition: repetition + 1)], owner: owner)
        case .structure(let fields):
            guard !fields.isEmpty else {
                throw ParquetError(
                    .invalidArgument,
                    "Column '\(display)' is a struct without fields, which Parquet cannot store. "
                        + "Please leave it out or give it a field.")
            }
            var names = Set<String>()
            for child in fields {
                guard !child.name.isEmpty, names.insert(child.name).inserted else {
                    throw ParquetError(
                        .invalidArgument,
                        "Column '\(display)' has "
                            + (child.name.isEmpty ? "a field without a name" : "the field '\(child.name)' twice")
                            + ". Please give every field of a struct its own name.")
                }
            }
            elements.append(
                SchemaElement(repetitionType: repetitionType, name: field.name, numChildren: Int32(fields.count)))
            var children: [Column]?
            if case .structure(_, let columns) = column?.storage, columns.count == fields.count { children = columns }
            for (index, child) in fields.enumerated() {
                try add(
                    child, column: children?[index], path: path + [child.name], definition: definition,
                    repetition: repetition, steps: steps + [.field(index)], owner: owner)
            }
        default:
            // The leaf is named by its whole path in messages; its schema element by its own name.
            var named = field
            named.name = display
            var leaf = try Self.writerColumn(named, storedAs: column)
            leaf.element.name = field.name
            leaf.path = path
            leaf.maxDefinition = definition
            leaf.maxRepetition = repetition
            leaf.steps = steps
            append(leaf, owner: owner)
        }
    }

    /// The column of `field` in the storage (and fixed width) of `column`, or in the type's
    /// default storage when no values say how they are stored.
    private static func writerColumn(_ field: Field, storedAs column: Column?) throws(ParquetError) -> WriterColumn {
        guard let column, column.count > 0 else { return try WriterColumn(field: field) }
        var width = 0
        if case .fixedBytes(let bytes, _) = column.storage { width = bytes }
        return try WriterColumn(field: field, storage: column.storage.kind, width: width)
    }

    private mutating func append(_ leaf: WriterColumn, owner: Int) {
        elements.append(leaf.element)
        leaves.append(leaf)
        owners.append(owner)
    }

    /// The annotated group of a list (`LIST`, with a repeated `list` group of one field) or a map
    /// (`MAP`, with a repeated `key_value` group of two).
    private mutating func appendRepeatedGroup(_ name: String, _ repetitionType: FieldRepetitionType, list: Bool) {
        elements.append(
            SchemaElement(
                repetitionType: repetitionType, name: name, numChildren: 1, convertedType: list ? .list : .map,
                logicalType: list ? .list : .map))
        elements.append(
            SchemaElement(repetitionType: .repeated, name: list ? "list" : "key_value", numChildren: list ? 1 : 2))
    }

    private static func named(_ field: Field, _ name: String) -> Field {
        var renamed = field
        renamed.name = name
        return renamed
    }
}
