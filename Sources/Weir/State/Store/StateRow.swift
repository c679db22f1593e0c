import Foundation
import GRDB

/// Column decoding shared by the store's queries: by index, without per-row dictionaries.
struct StateRow {
    let row: Row
    let table: String
    let store: StateStore

    func text(_ index: Int) throws -> String { try row.decode(String.self, atIndex: index) }
    func optionalText(_ index: Int) throws -> String? { try row.decode(String?.self, atIndex: index) }
    func integer(_ index: Int) throws -> Int64 { try row.decode(Int64.self, atIndex: index) }
    func optionalInteger(_ index: Int) throws -> Int64? { try row.decode(Int64?.self, atIndex: index) }
    func real(_ index: Int) throws -> Double { try row.decode(Double.self, atIndex: index) }
    func optionalReal(_ index: Int) throws -> Double? { try row.decode(Double?.self, atIndex: index) }

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
        _ db: Database, table: String, sql: String, arguments: StatementArguments = [],
        _ decode: (StateRow) throws -> T
    ) throws -> [T] {
        var result: [T] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
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
