/// Project-relative paths as fingerprints and links use them: `/`-separated, no `.` or `..`
/// components, no trailing `/`.
package enum ProjectPath {
    package enum Problem: Error, Hashable {
        case empty
        case outside
        /// The path is `.weir`, inside it, or the whole project (which holds it).
        case stateFolder
    }

    /// The normalized form of `path`, refusing paths that leave the project or touch `.weir`.
    package static func normalize(_ path: String) -> Result<String, Problem> {
        guard !path.isEmpty else { return .failure(.empty) }
        guard !path.hasPrefix("/") else { return .failure(.outside) }
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return .failure(.outside) }
                components.removeLast()
            default: components.append(component)
            }
        }
        guard let first = components.first, first != ".weir" else { return .failure(.stateFolder) }
        return .success(components.joined(separator: "/"))
    }

    /// Whether `inner` is `outer` or lies inside it.
    package static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer + "/")
    }
}
