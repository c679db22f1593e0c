import Foundation
import Yams

/// Where a project keeps its state: the SQLite file `.weir/state.sqlite` (the default), or the
/// PostgreSQL database that `state:` in `weir.yaml` or the `WEIR_STATE` environment variable names.
public enum StateLocation: Sendable, Hashable {
    case sqlite
    case postgres(PostgresURL)

    /// The environment variable that names the state database; it wins over `state:` in `weir.yaml`.
    public static let environmentVariable = "WEIR_STATE"

    /// The state location of `project`: `WEIR_STATE` when set and not empty, else `state:` in its
    /// `weir.yaml`, else SQLite.
    ///
    /// - Throws: ``StateLocationError`` for a `WEIR_STATE` that is not a PostgreSQL URL,
    ///   ``ConfigError`` for such a `state:` (naming its line and column).
    public static func resolve(
        _ project: ProjectLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StateLocation {
        if let value = environment[environmentVariable], !value.isEmpty {
            guard let url = try PostgresURL.parse(value, environment: environment) else {
                throw StateLocationError(
                    value: PostgresURL.redact(value), problem: "it is not a PostgreSQL URL", source: environmentVariable
                )
            }
            return .postgres(url)
        }
        guard let data = FileManager.default.contents(atPath: project.configPath),
            let text = String(validating: data, as: UTF8.self)
        else { return .sqlite }
        let reader = YAMLReader(file: "weir.yaml")
        guard case .mapping(let mapping) = try reader.compose(text) else { return .sqlite }
        for (key, value) in mapping where key.scalar?.string == "state" {
            return try parse(value, reader: reader, environment: environment)
        }
        return .sqlite
    }

    /// The location that the `state:` node says.
    static func parse(
        _ node: Node, reader: YAMLReader, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> StateLocation {
        let example = "'state: postgres://user:password@host:5432/database'"
        let text = try reader.string(node, what: "'state'", example: example)
        let url: PostgresURL?
        do {
            url = try PostgresURL.parse(text, environment: environment)
        } catch let error as StateLocationError {
            throw ConfigError(
                .invalidValue(
                    what: "'state' URL '\(PostgresURL.redact(text))'",
                    problem: error.problem.prefix(1).uppercased() + error.problem.dropFirst() + "."),
                at: reader.location(node))
        } catch {
            throw ConfigError(
                .invalidValue(what: "'state' URL '\(PostgresURL.redact(text))'", problem: "\(error)."),
                at: reader.location(node))
        }
        guard let url else {
            throw ConfigError(
                .invalidValue(
                    what: "'state' value '\(PostgresURL.redact(text))'",
                    problem: "Give a PostgreSQL URL such as \(example), or leave 'state' out for the default "
                        + "'.weir/state.sqlite'."),
                at: reader.location(node))
        }
        return .postgres(url)
    }
}

/// `WEIR_STATE` (or `state:`) holds a value that names no state database.
public struct StateLocationError: UserFacingError {
    /// The value, its password hidden.
    public let value: String
    public let problem: String
    /// Where the value came from, e.g. `WEIR_STATE`; nil inside a URL parser that does not know.
    public var source: String?

    public init(value: String, problem: String, source: String? = nil) {
        self.value = value
        self.problem = problem
        self.source = source
    }

    public var exitStatus: Int32 { 2 }
    public var description: String {
        "The state database '\(value)'\(source.map { " in \($0)" } ?? "") is invalid: \(problem). "
            + "Use the form postgres://user:password@host:5432/database, or unset \(StateLocation.environmentVariable) "
            + "and leave 'state' out of weir.yaml for the default '.weir/state.sqlite'."
    }
}
