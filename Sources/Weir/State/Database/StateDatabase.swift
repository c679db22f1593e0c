/// The database under a ``StateStore``: SQLite through GRDB (``SQLiteStateDatabase``) or PostgreSQL
/// through postgres-nio (``PostgresStateDatabase``).
///
/// The store's operations (record a run, create a version, append events) are written once, in
/// portable SQL with `?` placeholders, against ``StateConnection``; each database runs them in its
/// own transactions and maps its own failures to the store's user-facing errors.
protocol StateDatabase: AnyObject, Sendable {
    /// Which SQL dialect the connections speak, for the few statements that differ.
    var dialect: StateDialect { get }

    /// How the store is named in messages: a project-relative path, or a URL without its password.
    var displayName: String { get }

    /// Runs `body` in a read-only transaction that sees one consistent snapshot.
    func read<T>(_ body: (any StateConnection) throws -> T) throws -> T

    /// Runs `body` in a write transaction; it commits when `body` returns and rolls back when it throws.
    ///
    /// A PostgreSQL database may run `body` again after a lost connection, so `body` must do the same
    /// thing however often it runs.
    func write<T>(_ body: (any StateConnection) throws -> T) throws -> T

    /// Creates the schema or applies missing migrations; fails for a schema newer than this Weir's.
    func migrate() throws

    /// Whether every migration this Weir knows has been applied; fails for a newer schema.
    func isMigrated() throws -> Bool

    /// Whether the database holds a Weir state at all (its migrations table exists).
    func hasState() throws -> Bool

    /// Maps a failure of ``read(_:)`` or ``write(_:)`` during `operation` to a user-facing error.
    func userFacing(_ error: any Error, operation: String) -> any Error
}

/// The SQL dialects the state store speaks.
enum StateDialect: Sendable {
    case sqlite
    case postgres
}

/// One connection inside a transaction: runs statements with `?` placeholders.
protocol StateConnection {
    var dialect: StateDialect { get }

    /// Whether this transaction runs again after a lost connection, when the first attempt may
    /// have committed before the loss was noticed (never with SQLite).
    var isRetry: Bool { get }

    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: StateArguments) throws

    /// Runs a query and hands each row to `body`, in order.
    func forEachRow(_ sql: String, _ arguments: StateArguments, _ body: (any StateRowValues) throws -> Void) throws
}

extension StateConnection {
    func execute(_ sql: String) throws { try execute(sql, []) }

    /// The first column of the first row as an integer; nil without rows or for NULL.
    func integer(_ sql: String, _ arguments: StateArguments = []) throws -> Int64? {
        var result: Int64?
        var seen = false
        try forEachRow(sql, arguments) { row in
            if !seen { result = try row.integer(at: 0) }
            seen = true
        }
        return result
    }

    /// The first column of every row, as integers.
    func integers(_ sql: String, _ arguments: StateArguments = []) throws -> [Int64] {
        var result: [Int64] = []
        try forEachRow(sql, arguments) { row in
            if let value = try row.integer(at: 0) { result.append(value) }
        }
        return result
    }

    /// The first column of every row, as text.
    func texts(_ sql: String, _ arguments: StateArguments = []) throws -> [String] {
        var result: [String] = []
        try forEachRow(sql, arguments) { row in
            if let value = try row.text(at: 0) { result.append(value) }
        }
        return result
    }
}

/// The columns of one result row, by index; nil for NULL.
protocol StateRowValues {
    func text(at index: Int) throws -> String?
    func integer(at index: Int) throws -> Int64?
    func real(at index: Int) throws -> Double?
}

/// A value bound to a statement.
enum StateValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value that the store binds to a statement.
protocol StateValueConvertible {
    var stateValue: StateValue { get }
}

extension String: StateValueConvertible {
    var stateValue: StateValue { .text(self) }
}

extension Int64: StateValueConvertible {
    var stateValue: StateValue { .integer(self) }
}

extension Int: StateValueConvertible {
    var stateValue: StateValue { .integer(Int64(self)) }
}

extension Int32: StateValueConvertible {
    var stateValue: StateValue { .integer(Int64(self)) }
}

extension Double: StateValueConvertible {
    var stateValue: StateValue { .real(self) }
}

extension Optional: StateValueConvertible where Wrapped: StateValueConvertible {
    var stateValue: StateValue { map(\.stateValue) ?? .null }
}

/// The values bound to a statement's `?` placeholders, in order.
struct StateArguments: Sendable, ExpressibleByArrayLiteral {
    var values: [StateValue]

    init(_ values: [(any StateValueConvertible)?]) {
        self.values = values.map { $0?.stateValue ?? .null }
    }

    init(values: [StateValue]) { self.values = values }

    init(arrayLiteral elements: (any StateValueConvertible)?...) {
        self.init(elements)
    }

    static func + (lhs: StateArguments, rhs: StateArguments) -> StateArguments {
        StateArguments(values: lhs.values + rhs.values)
    }

    static func += (lhs: inout StateArguments, rhs: StateArguments) {
        lhs.values += rhs.values
    }
}

/// `LIMIT ?` without a limit: both dialects read the largest 64-bit integer as "all rows".
let unlimitedRows = Int64.max
