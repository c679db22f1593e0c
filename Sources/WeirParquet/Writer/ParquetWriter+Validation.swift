import WeirColumns

extension ParquetWriter {
    /// Checks that every field maps to a Parquet column and that names are distinct.
    static func validate(_ schema: Schema) throws(ParquetError) {
        var names = Set<String>()
        for field in schema.fields {
            guard !field.name.isEmpty else {
                throw ParquetError(.invalidArgument, "A column has an empty name. Please name every column.")
            }
            guard names.insert(field.name).inserted else {
                throw ParquetError(
                    .invalidArgument,
                    "The column name '\(field.name)' appears more than once. Please give every column its own name.")
            }
        }
        _ = try WriterSchema(fields: schema.fields, columns: nil)
    }

    func checkSchema(of batch: RecordBatch) throws(ParquetError) {
        guard batch.schema != schema else { return }
        let expected = schema.fields
        let given = batch.schema.fields
        for index in 0..<min(expected.count, given.count) where expected[index] != given[index] {
            throw ParquetError(
                .invalidArgument,
                "The batch does not match the file's schema: column \(index + 1) is "
                    + "'\(Self.describe(given[index]))' in the batch but '\(Self.describe(expected[index]))' in the file. "
                    + "Please convert the batch to the file's schema.")
        }
        throw ParquetError(
            .invalidArgument,
            "The batch does not match the file's schema: it has \(given.count) columns where the file has "
                + "\(expected.count). Please convert the batch to the file's schema.")
    }

    /// Rejects a null in a column the schema declares required.
    func checkRequiredColumns(of batch: RecordBatch) throws(ParquetError) {
        for column in batch.columns where !column.field.nullable {
            guard let validity = column.validity, let row = validity.firstIndex(of: false) else { continue }
            throw ParquetError(
                .invalidArgument,
                "Column '\(column.field.name)' is required but row \(row) of the batch is null. "
                    + "Please fill the value or declare the column nullable.")
        }
    }

    /// Rejects a batch whose storage differs from the first batch's, or is inconsistent.
    func checkStorageMatches(_ batch: RecordBatch, _ layout: WriterSchema) throws(ParquetError) {
        var leaf = 0
        for column in batch.columns {
            for part in WriterSchema.leafColumns(of: column, type: column.field.type) {
                let writer = layout.leaves[leaf]
                leaf += 1
                guard let part else {
                    throw ParquetError(
                        .invalidArgument,
                        "Column '\(column.field.name)' of type '\(column.field.type.name)' holds storage of another "
                            + "shape. Please build its storage from its type.")
                }
                // A leaf without values (a batch of empty lists) says nothing of its storage.
                guard part.count > 0 || !column.field.type.isNested else { continue }
                try Self.checkStorage(of: part, named: writer.displayName, matches: writer)
            }
        }
    }

    private static func checkStorage(of column: Column, named name: String, matches writer: WriterColumn)
        throws(ParquetError)
    {
        var width = 0
        if case .fixedBytes(let bytes, _) = column.storage { width = bytes }
        guard column.storage.kind == writer.storage, width == writer.width else {
            throw ParquetError(
                .invalidArgument,
                "Column '\(name)' came in '\(writer.storage)' storage before and in "
                    + "'\(column.storage.kind)' storage now. Please keep one storage per column.")
        }
        if case .fixedBytes(let bytes, let data) = column.storage, bytes > 0, data.count % bytes != 0 {
            throw ParquetError(
                .invalidArgument,
                "Column '\(name)' holds \(data.count) bytes, not a multiple of its width \(bytes). "
                    + "Please give it whole values.")
        }
    }

    private static func describe(_ field: Field) -> String {
        "\(field.name) \(field.type.name)\(field.nullable ? "" : " not null")"
    }
}
