import Foundation

/// A database of its own on the test PostgreSQL server, dropped when the value is released.
public final class PostgresTestDatabase: @unchecked Sendable {
    public let name: String
    /// `postgres://weir:…@127.0.0.1:PORT/NAME`.
    public let url: String

    public init() throws {
        name = "weir_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let server = try PostgresTestServer.url()
        try PostgresTestServer.sql("CREATE DATABASE \(name)")
        url = PostgresTestServer.replacingDatabase(of: server, with: name)
    }

    /// Runs `sql` in this database through `psql`; its output, unaligned without headers.
    @discardableResult
    public func sql(_ sql: String) throws -> String {
        try PostgresTestServer.sql(sql, url: url)
    }

    deinit {
        _ = try? PostgresTestServer.sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}

/// The PostgreSQL 15 server of the tests: the one `scripts/test` started (`WEIR_TEST_POSTGRES_URL`),
/// or, when the tests run by hand, one that `scripts/setup-postgres start` starts (and leaves running).
public enum PostgresTestServer {
    private static let started: Result<String, FixtureError> = {
        if let url = ProcessInfo.processInfo.environment["WEIR_TEST_POSTGRES_URL"], !url.isEmpty {
            return .success(url)
        }
        do {
            let result = try setup("start")
            guard result.status == 0 else {
                return .failure(FixtureError(message: "scripts/setup-postgres start failed: \(result.stderr)"))
            }
            let lines = result.stdout.split(separator: "\n")
            return .success(String(lines.last { $0.hasPrefix("postgres://") } ?? ""))
        } catch {
            return .failure(FixtureError(message: "scripts/setup-postgres start failed: \(error)"))
        }
    }()

    /// The URL of the server's maintenance database (`…/postgres`), as the superuser `weir`.
    public static func url() throws -> String { try started.get() }

    /// Runs `sql` through `psql` (in the maintenance database unless `url` is given).
    @discardableResult
    public static func sql(_ sql: String, url: String? = nil) throws -> String {
        let target = try url ?? self.url()
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["psql", target, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else {
            throw FixtureError(message: "psql '\(sql)' exited \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Crashes and restarts the server (`pg_ctl restart -m immediate`), waiting until it accepts
    /// connections again.
    public static func restartImmediately() throws {
        _ = try url()
        let result = try setup("restart")
        guard result.status == 0 else { throw FixtureError(message: "restart failed: \(result.stderr)") }
    }

    /// `url` with its database replaced by `database`.
    public static func replacingDatabase(of url: String, with database: String) -> String {
        guard let slash = url.range(of: "/", options: .backwards, range: url.range(of: "@")!.upperBound..<url.endIndex)
        else { return url + "/" + database }
        return String(url[..<slash.upperBound]) + database
    }

    private static func setup(_ command: String) throws -> ProcessResult {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/setup-postgres").path
        return try ProcessRunner.spawnAndWait(["/bin/bash", script, command])
    }
}

/// A PostgreSQL server of one test's own, in its own folder and on its own port, for the faults
/// that would disturb every other test of the shared server: a crash and restart, an outage.
public final class PostgresPrivateServer: @unchecked Sendable {
    public let folder: String
    /// The URL of its maintenance database.
    public private(set) var url = ""

    public init() throws {
        folder = NSTemporaryDirectory() + "weir-postgres-test-" + UUID().uuidString.prefix(8).lowercased()
        url = try setup("start")
    }

    /// A new database on this server, and its URL.
    public func createDatabase(_ name: String) throws -> String {
        try PostgresTestServer.sql("CREATE DATABASE \(name)", url: url)
        return PostgresTestServer.replacingDatabase(of: url, with: name)
    }

    /// Crashes and restarts the server (`pg_ctl restart -m immediate`).
    public func restart() throws { _ = try setup("restart") }

    /// Stops the server at once, keeping its data (`pg_ctl stop -m immediate`).
    public func halt() throws { _ = try setup("halt") }

    /// Starts the server again after ``halt()``, on the same port.
    public func start() throws { _ = try setup("start") }

    @discardableResult
    private func setup(_ command: String) throws -> String {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/setup-postgres").path
        let result = try ProcessRunner.spawnAndWait(
            ["/bin/bash", script, command], environment: ["WEIR_POSTGRES_FOLDER": folder])
        guard result.status == 0 else {
            throw FixtureError(message: "scripts/setup-postgres \(command) exited \(result.status): \(result.stderr)")
        }
        return String(result.stdout.split(separator: "\n").last { $0.hasPrefix("postgres://") } ?? "")
    }

    deinit {
        _ = try? setup("stop")
    }
}
