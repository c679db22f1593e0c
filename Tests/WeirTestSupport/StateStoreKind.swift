import Foundation

/// The two state stores a project can use; end-to-end tests run once with each.
public enum StateStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `.weir/state.sqlite`, the default.
    case sqlite
    /// A fresh database on the test PostgreSQL server, named by `WEIR_STATE`.
    case postgres

    public var description: String { rawValue }
}
