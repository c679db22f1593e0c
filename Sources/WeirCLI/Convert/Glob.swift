import Foundation

/// Shell-style globs over the file system: `*`, `?` and `[…]` within one path component,
/// `**` for any number of folders. Hidden entries match only a pattern that starts with a dot.
enum Glob {
    static func hasWildcards(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// The folder before the first component with a wildcard (`raw` for `raw/*/x*.csv`).
    static func base(of pattern: String) -> String {
        var components: [String] = []
        for component in pattern.split(separator: "/", omittingEmptySubsequences: false) {
            if hasWildcards(String(component)) { break }
            components.append(String(component))
        }
        let base = components.joined(separator: "/")
        return base.isEmpty && pattern.hasPrefix("/") ? "/" : base
    }

    /// The regular files matching `pattern`, sorted.
    static func matches(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/").map(String.init)
        var results: [String] = []
        walk(components, 0, directory: absolute ? "/" : "", into: &results)
        return Array(Set(results)).sorted()
    }

    private static func walk(_ components: [String], _ index: Int, directory: String, into results: inout [String]) {
        let fileManager = FileManager.default
        func join(_ name: String) -> String {
            directory.isEmpty ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
        }
        guard index < components.count else {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
                results.append(directory)
            }
            return
        }
        let component = components[index]
        if component == "**" {
            walk(components, index + 1, directory: directory, into: &results)
            for entry in entries(of: directory) where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = join(entry)
                if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    walk(components, index, directory: path, into: &results)
                }
            }
        } else if hasWildcards(component) {
            for entry in entries(of: directory) where fnmatch(component, entry, FNM_PERIOD) == 0 {
                walk(components, index + 1, directory: join(entry), into: &results)
            }
        } else {
            let path = join(component)
            if fileManager.fileExists(atPath: path) { walk(components, index + 1, directory: path, into: &results) }
        }
    }

    private static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory))?.sorted() ?? []
    }
}
