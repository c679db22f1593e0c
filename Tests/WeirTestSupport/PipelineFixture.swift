import Foundation

/// A scratch Weir project for end-to-end tests of the `weir` binary.
public final class PipelineFixture: @unchecked Sendable {
    public let folder: TemporaryDirectory
    public var root: String { folder.path }
    /// The state store the project uses.
    public let store: StateStoreKind
    /// The project's own database on the test server, for ``StateStoreKind/postgres``.
    public let database: PostgresTestDatabase?
    /// What every `weir` the fixture runs gets in its environment: `WEIR_STATE` for PostgreSQL.
    public var environment: [String: String]

    /// A project in a fresh folder holding `files`, its state in `store` (a fresh database for PostgreSQL).
    public init(_ files: [String: String] = [:], store: StateStoreKind = .sqlite) throws {
        folder = try TemporaryDirectory("weir-pipeline")
        self.store = store
        switch store {
        case .sqlite:
            database = nil
            environment = [:]
        case .postgres:
            let database = try PostgresTestDatabase()
            self.database = database
            environment = ["WEIR_STATE": database.url]
        }
        for (path, text) in files { try write(path, text) }
    }

    /// Writes `text` to the project-relative `path`.
    public func write(_ path: String, _ text: String) throws {
        try folder.write(path, text)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root + "/" + path)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Replaces the first occurrence of `old` with `new` in the project file `path`.
    public func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw FixtureError(message: "'\(old)' not in \(path)") }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// The run a stage's output link points at, from the link text.
    public func linkedRun(_ out: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + out) else {
            return nil
        }
        let parts = target.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    /// Runs `weir` in the project folder.
    @discardableResult
    public func weir(_ arguments: String..., environment: [String: String] = [:]) throws -> ProcessResult {
        try weir(arguments, environment: environment)
    }

    /// Runs `weir` in the project folder with the fixture's environment and `environment`.
    @discardableResult
    public func weir(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try TestEnvironment.weir(arguments, in: root, environment: self.environment.merging(environment) { $1 })
    }

    /// Runs `weir` with `arguments` and parses its standard output as JSON.
    public func json(_ arguments: String...) throws -> Any {
        let result = try weir(arguments)
        guard result.status == 0 || arguments.contains("verify") else {
            throw FixtureError(
                message: "weir \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
