import Foundation

/// Column decoding shared by the store's queries: by index, without per-row dictionaries.
struct StateRow {
    let row: any StateRowValues
    let table: String
    let store: StateStore

    func text(_ index: Int) throws -> String { try required(row.text(at: index), index) }
    func optionalText(_ index: Int) throws -> String? { try row.text(at: index) }
    func integer(_ index: Int) throws -> Int64 { try required(row.integer(at: index), index) }
    func optionalInteger(_ index: Int) throws -> Int64? { try row.integer(at: index) }
    func real(_ index: Int) throws -> Double { try required(row.real(at: index), index) }
    func optionalReal(_ index: Int) throws -> Double? { try row.real(at: index) }

    private func required<T>(_ value: T?, _ index: Int) throws -> T {
        guard let value else { throw store.invalid(table, "#\(index)", "NULL") }
        return value
    }

    func int32(_ index: Int, _ column: String) throws -> Int32 {
        let value = try integer(index)
        guard let narrow = Int32(exactly: value) else { throw store.invalid(table, column, String(value)) }
        return narrow
    }

    func optionalInt32(_ index: Int, _ column: String) throws -> Int32? {
        guard let value = try optionalInteger(index) else { return nil }
        guard let narrow = Int32(exactly: value) else { throw store.invalid(table, column, String(value)) }
        return narrow
    }

    func time(_ index: Int, _ column: String) throws -> Date {
        let value = try text(index)
        guard let date = StateTime.parse(value) else { throw store.invalid(table, column, value) }
        return date
    }

    func optionalTime(_ index: Int, _ column: String) throws -> Date? {
        guard let value = try optionalText(index) else { return nil }
        guard let date = StateTime.parse(value) else { throw store.invalid(table, column, value) }
        return date
    }

    func enumeration<E: RawRepresentable>(_ index: Int, _ column: String) throws -> E where E.RawValue == String {
        let value = try text(index)
        guard let result = E(rawValue: value) else { throw store.invalid(table, column, value) }
        return result
    }
}

extension StateStore {
    /// The rows of `sql`, each turned into a value by `decode`.
    func fetch<T>(
        _ db: any StateConnection, table: String, sql: String, arguments: StateArguments = [],
        _ decode: (StateRow) throws -> T
    ) throws -> [T] {
        var result: [T] = []
        try db.forEachRow(sql, arguments) { row in
            result.append(try decode(StateRow(row: row, table: table, store: self)))
        }
        return result
    }

    /// `[String]` as the JSON text the store keeps in a column.
    static func jsonText(_ strings: [String]) -> String {
        let data = (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func strings(fromJSON text: String, table: String, column: String) throws -> [String] {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw invalid(table, column, text)
        }
        return strings
    }
}
