import Foundation

/// Reads and commits a dataset's `_manifest/schema.json`, keeping a copy with every manifest
/// snapshot (`_manifest/history/<n>.schema.json`).
public struct DatasetSchemaStore: Sendable {
    public let layout: DatasetLayout

    public init(layout: DatasetLayout) {
        self.layout = layout
    }

    /// The current schema; `nil` for a dataset that has none yet (or was staged by an older Weir).
    public func current() throws -> DatasetSchema? {
        try Self.read(layout.schemaPath)
    }

    /// The schema committed with snapshot `number`, or `nil` when none was.
    public func schema(atSnapshot number: Int) throws -> DatasetSchema? {
        try Self.read(layout.schemaSnapshotPath(number))
    }

    static func read(_ path: String) throws -> DatasetSchema? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(DatasetSchema.self, from: data)
        } catch {
            throw DatasetError.unreadableSchema(path, problem: Self.describe(error))
        }
    }

    /// Writes `schema` as the copy of snapshot `number`, then makes it current by atomic rename.
    func commit(_ schema: DatasetSchema, snapshot number: Int) throws {
        let bytes = try Self.encode(schema)
        try FileManager.default.createDirectory(atPath: layout.historyDirectory, withIntermediateDirectories: true)
        try FileSync.writeDurably(bytes, to: layout.schemaSnapshotPath(number))
        let temporary = layout.schemaPath + ".tmp-\(getpid())"
        try FileSync.writeDurably(bytes, to: temporary)
        guard rename(temporary, layout.schemaPath) == 0 else {
            let code = errno
            unlink(temporary)
            throw RunStoreError.system(path: layout.schemaPath, operation: "replace the schema", code: code)
        }
    }

    static func encode(_ schema: DatasetSchema) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(schema)) + [0x0A]
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "it is not valid JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): return "it has no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "'\(path)' has the wrong type"
        default: return String(describing: error)
        }
    }
}
