#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds an ingest stage's source files: walks the source root, keeps the files that the include
/// globs select and the exclude globs do not, matches each against the filename pattern and the
/// field filters.
///
/// Folders that do not exist are skipped. A folder whose name cannot match its pattern segment,
/// or whose field fails a filter, is not entered. A selected file whose name does not match the
/// pattern is returned as rejected with the reason, never dropped.
public struct SourceDiscovery: Sendable {
    public var root: String
    public var pattern: FilenamePattern
    public var filters: [String: FieldFilter]
    public var include: [Glob]
    public var exclude: [Glob]

    public init(root: String, pattern: FilenamePattern, filters: [String: FieldFilter] = [:], include: [Glob] = [], exclude: [Glob] = []) {
        self.root = root
        self.pattern = pattern
        self.filters = filters
        self.include = include
        self.exclude = exclude
    }

    /// A file that matched, with its typed fields and the stat data the stat cache keys on.
    public struct Match: Sendable, Hashable {
        public var relativePath: String
        public var fields: [String: FieldValue]
        package var stat: FileStat
    }

    /// A file the include globs selected whose name does not fit the pattern.
    public struct Rejection: Sendable, Hashable {
        public var relativePath: String
        public var reason: String
        package var stat: FileStat
    }

    public struct Result: Sendable {
        public var matches: [Match] = []
        public var rejections: [Rejection] = []
        /// Files that matched but a filter excluded, and folders not entered because of a filter.
        public var filteredOut = 0
    }

    /// Walks the tree. Paths come back sorted, so the result is the same on every machine.
    public func discover() throws(DiscoveryError) -> Result {
        var result = Result()
        var kind = stat()
        guard lstat(root, &kind) == 0 else {
            if errno == ENOENT { return result }
            throw DiscoveryError(path: root, message: String(cString: strerror(errno)))
        }
        guard (kind.st_mode & S_IFMT) == S_IFDIR else {
            throw DiscoveryError(path: root, message: "it is not a folder. Point 'source' at the folder that holds the raw files")
        }
        try walk(relative: "", depth: 0, fieldsSoFar: [:], into: &result)
        result.matches.sort { $0.relativePath < $1.relativePath }
        result.rejections.sort { $0.relativePath < $1.relativePath }
        return result
    }

    private func walk(relative: String, depth: Int, fieldsSoFar: [String: FieldValue], into result: inout Result) throws(DiscoveryError) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            let descriptor = try DirectoryReader.open(folder, path: folder)
            defer { close(descriptor) }
            names = try DirectoryReader.names(in: descriptor, path: folder)
        } catch {
            guard case .system(_, _, let code) = error else { throw DiscoveryError(path: folder, message: "\(error)") }
            if code == ENOENT || code == ENOTDIR { return }
            throw DiscoveryError(path: folder, message: String(cString: strerror(code)))
        }
        for name in names where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(root + "/" + path, &info) == 0 else { continue }
            let fileStat = FileStat(info)
            if (info.st_mode & S_IFMT) == S_IFDIR {
                if exclude.contains(where: { $0.matches(path) }) { continue }
                var fields = fieldsSoFar
                if depth < pattern.depth - 1 {
                    switch pattern.folderMatches(name, atSegment: depth) {
                    case .success(let found):
                        if !passesFilters(found) {
                            result.filteredOut += 1
                            continue
                        }
                        fields.merge(found) { first, _ in first }
                    case .failure:
                        // Files under it are reported by name when the include globs select them.
                        break
                    }
                }
                try walk(relative: path, depth: depth + 1, fieldsSoFar: fields, into: &result)
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { continue }
            if exclude.contains(where: { $0.matches(path) }) { continue }
            switch pattern.match(path) {
            case .success(let fields):
                if passesFilters(fields) {
                    result.matches.append(Match(relativePath: path, fields: fields, stat: fileStat))
                } else {
                    result.filteredOut += 1
                }
            case .failure(let mismatch):
                result.rejections.append(
                    Rejection(relativePath: path, reason: "The name does not match the pattern: \(mismatch.reason).", stat: fileStat)
                )
            }
        }
    }

    private func passesFilters(_ fields: [String: FieldValue]) -> Bool {
        for (name, value) in fields {
            if let filter = filters[name], !filter.accepts(value) { return false }
        }
        return true
    }
}

/// The source folder could not be read.
public struct DiscoveryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "Cannot read the source folder '\(path)': \(message)." }
}
