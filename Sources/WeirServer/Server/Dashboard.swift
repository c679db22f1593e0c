import Foundation
import Hummingbird
import Synchronization
import Weir

/// What every handler reads from: the project's files and its state store, opened read-only once.
///
/// Handlers only read and render; nothing here writes to the project.
final class Dashboard: Sendable {
    let project: ProjectLocation
    /// The project folder with symbolic links resolved, for checking that a served path stays inside.
    let realRoot: String
    private let opened = Mutex<StateStore?>(nil)

    init(project: ProjectLocation) {
        self.project = project
        realRoot = Self.realPath(project.root) ?? project.root
    }

    /// The project's name as the header shows it: its folder's name.
    var name: String { (project.root as NSString).lastPathComponent }

    /// The state store, read-only; nil when the project has none yet.
    ///
    /// - Throws: the store's own errors when it is corrupt or unreadable; the next call tries again.
    func store() throws -> StateStore? {
        if let store = opened.withLock({ $0 }) { return store }
        guard let store = try StateStore.openForServing(project) else { return nil }
        opened.withLock { $0 = store }
        return store
    }

    /// The state store, or a page-level error saying there is none yet.
    func requireStore() throws -> StateStore {
        guard let store = try store() else { throw DashboardError.noStore }
        return store
    }

    /// The pipeline of `weir.yaml`, parsed anew so that edits show at once.
    func pipeline() throws -> Project {
        try Project(location: project)
    }

    /// `relative` resolved inside the project, or nil when it leads outside it (through `..` or a link).
    func pathInside(_ relative: String) -> String? {
        let absolute = project.absolute(relative)
        guard let real = Self.realPath(absolute) else { return nil }
        return real == realRoot || real.hasPrefix(realRoot + "/") ? real : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a page cannot be shown, as its status and a sentence for the reader.
enum DashboardError: Error, Sendable {
    case notFound(String)
    case badRequest(String)
    case noStore

    var status: HTTPResponse.Status {
        switch self {
        case .notFound, .noStore: .notFound
        case .badRequest: .badRequest
        }
    }

    var message: String {
        switch self {
        case .notFound(let message), .badRequest(let message): message
        case .noStore:
            "This project has no state store yet (.weir/state.sqlite): nothing has run. Run 'weir run' and reload."
        }
    }
}
