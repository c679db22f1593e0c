import Logging
import PostgresNIO

/// One PostgreSQL connection as a ``StateConnection``: `?` placeholders become `$1`, `$2` …, and
/// each statement is waited for on the calling thread.
struct PostgresSession: StateConnection {
    let connection: PostgresConnection
    let logger: Logger
    var isRetry = false
    var dialect: StateDialect { .postgres }

    func execute(_ sql: String, _ arguments: StateArguments) throws {
        _ = try run(sql, arguments)
    }

    func forEachRow(_ sql: String, _ arguments: StateArguments, _ body: (any StateRowValues) throws -> Void) throws {
        for row in try run(sql, arguments).rows { try body(PostgresRowValues(row: row.makeRandomAccess())) }
    }

    /// The first column of the first row, a boolean (`pg_try_advisory_lock` and the like).
    func boolean(_ sql: String, _ arguments: StateArguments) throws -> Bool {
        guard let row = try run(sql, arguments).rows.first else { return false }
        return try row.makeRandomAccess()[0].decode(Bool.self)
    }

    private func run(_ sql: String, _ arguments: StateArguments) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numberingPlaceholders(sql), binds: binds)
        return try connection.query(query, logger: logger).wait()
    }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2` … in order.
    static func numberingPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A PostgreSQL result row, decoded by index.
struct PostgresRowValues: StateRowValues {
    let row: PostgresRandomAccessRow

    func text(at index: Int) throws -> String? { try row[index].decode(String?.self) }
    func integer(at index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }

    /// A double; integer columns (a chart of `peak_memory_bytes`) convert as SQLite converts them.
    func real(at index: Int) throws -> Double? {
        let cell = row[index]
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64?.self).map(Double.init)
        default: return try cell.decode(Double?.self)
        }
    }
}
