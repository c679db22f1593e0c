import PostgresNIO

/// How postgres-nio's failures read to Weir: lost connections, login refusals, and their details.
enum PostgresFailure {
    /// The SQLSTATE of a server error, e.g. `28P01`.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Whether `error` means the connection is gone (and a new one may succeed): the socket closed,
    /// the backend was terminated (`57P01`), the server is shutting down, restarting or recovering
    /// (`57P02`, `57P03`), or a connection exception (class `08`).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown, .connectionError, .clientClosedConnection:
                return true
            case .server:
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default:
                return false
            }
        }
        return error is ChannelError || error is IOError || error is NIOConnectionError
    }

    /// What went wrong, in words (postgres-nio's own description hides the details on purpose).
    static func detail(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = error.underlying { return detail(underlying) }
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
            case .authMechanismRequiresPassword: return "the server asks for a password and none was given"
            case .sslUnsupported: return "the server does not support TLS"
            default: return "\(error.code)"
            }
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return detail(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name '\(error.host)' is unknown" }
            return "no address to connect to for host '\(error.host)'"
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "the connection timed out"
        }
        return "\(error)"
    }

    /// The user-facing error for a failed first connection to `url`.
    static func connectError(_ error: any Error, url: PostgresURL) -> StateServerError {
        let detail = detail(error)
        switch sqlState(error) {
        case "28P01":
            return StateServerError(
                url: url, problem: "refused the login of user '\(url.user)': \(detail)",
                fix: "Check the user and password in the URL (or in PGPASSWORD).")
        case "28000":
            return StateServerError(
                url: url, problem: "refused the login of user '\(url.user)': \(detail)",
                fix: "Check the user in the URL and the server's pg_hba.conf.")
        case "3D000":
            return StateServerError(
                url: url, problem: "has no database '\(url.database)': \(detail)",
                fix: "Create it (createdb -h \(url.host) -p \(url.port) -U \(url.user) \(url.database)) or fix the URL."
            )
        default:
            if let psql = error as? PSQLError, psql.code == .authMechanismRequiresPassword {
                return StateServerError(
                    url: url, problem: "asks for the password of user '\(url.user)'",
                    fix: "Give it in the URL (postgres://user:password@…) or in PGPASSWORD.")
            }
            return StateServerError(
                url: url, problem: "could not be reached: \(detail)",
                fix: "Check that the PostgreSQL server runs and listens on \(url.host):\(url.port), "
                    + "and the 'state' URL in weir.yaml or \(StateLocation.environmentVariable).")
        }
    }
}
