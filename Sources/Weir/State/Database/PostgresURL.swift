import Foundation

/// A `postgres://user:password@host:port/database` URL naming a project's state database.
///
/// The user defaults to the login name, the port to 5432, the database to the user; a missing
/// password is taken from `PGPASSWORD`. `?sslmode=disable` (the default), `prefer` or `require`
/// chooses TLS. Messages show ``redacted``, never the password.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// How the connection negotiates TLS, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
    }

    /// Parses `text`; nil when it is not a PostgreSQL URL (scheme `postgres` or `postgresql`).
    ///
    /// - Throws: ``StateLocationError`` for a PostgreSQL URL that misses its host or has a bad port
    ///   or `sslmode`.
    public static func parse(_ text: String, environment: [String: String] = [:]) throws -> PostgresURL? {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else { return nil }
        func refuse(_ problem: String) -> StateLocationError {
            StateLocationError(value: Self.redact(text), problem: problem)
        }
        guard let components = URLComponents(string: text) else {
            throw refuse(
                "it is not a valid URL (characters such as '@', ':' or '/' in the password must be written %40, %3A, %2F)"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw refuse("it names no host; write it as postgres://user:password@host:port/database")
        }
        let user = components.user?.removingPercentEncoding ?? ProcessIdentity.user
        let password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port \(port) is not between 1 and 65535") }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        let database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw refuse("the option '\(item.name)' is not known; only 'sslmode' is")
            }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw refuse("sslmode '\(item.value ?? "")' is not one of 'disable', 'prefer' or 'require'")
            }
            tls = mode
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return PostgresURL(user: user, password: password, host: bare, port: port, database: database, tls: tls)
    }

    /// The URL as messages show it: `postgres://user@host:port/database`, without the password.
    public var redacted: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
            + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    public var description: String { redacted }

    /// `text` with any password between `://user:` and `@` replaced, for messages about a URL that
    /// could not be parsed.
    static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else {
            return text
        }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
