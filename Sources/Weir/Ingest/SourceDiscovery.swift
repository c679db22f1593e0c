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

    public init(
        root: String, pattern: FilenamePattern, filters: [String: FieldFilter] = [:], include: [Glob] = [],
        exclude: [Glob] = []
    ) {
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
        /// The hash that stands for it when it cannot be read (a link that dangles or leads to a
        /// folder: the hash of the link's target text).
        package var sha256: String? = nil
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
        guard stat(root, &kind) == 0 else {
            if errno == ENOENT { return result }
            throw DiscoveryError(path: root, message: String(cString: strerror(errno)))
        }
        guard (kind.st_mode & S_IFMT) == S_IFDIR else {
            throw DiscoveryError(
                path: root, message: "it is not a folder. Point 'source' at the folder that holds the raw files")
        }
        try walk(relative: "", depth: 0, fieldsSoFar: [:], into: &result)
        result.matches.sort { $0.relativePath < $1.relativePath }
        result.rejections.sort { $0.relativePath < $1.relativePath }
        return result
    }

    private func walk(relative: String, depth: Int, fieldsSoFar: [String: FieldValue], into result: inout Result)
        throws(DiscoveryError)
    {
        let folder = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            // The source folder itself may be a link; links below it are handled one by one.
            let descriptor = try DirectoryReader.open(folder, path: folder, followLink: relative.isEmpty)
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
            guard lstat(root + "/" + path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                // A link to a file is followed; one that dangles or leads to a folder is reported.
                let text = (try? DirectoryReader.linkTarget(root + "/" + path, path: root + "/" + path)) ?? []
                let target = String(decoding: text, as: UTF8.self)
                var reason: String?
                if stat(root + "/" + path, &info) != 0 {
                    reason =
                        "It is a symbolic link to '\(target)', which does not exist. Restore the target or remove the link."
                } else if (info.st_mode & S_IFMT) == S_IFDIR {
                    reason =
                        "It is a symbolic link to the folder '\(target)'; links to folders inside the source are not followed. Point 'source' at the real folder, or move the files in."
                }
                if let reason {
                    if isSelected(path) {
                        var linkInfo = stat()
                        lstat(root + "/" + path, &linkInfo)
                        result.rejections.append(
                            Rejection(
                                relativePath: path, reason: reason, stat: FileStat(linkInfo),
                                sha256: Digest.sha256Hex(text)))
                    }
                    continue
                }
            }
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
            guard isSelected(path) else { continue }
            switch pattern.match(path) {
            case .success(let fields):
                if passesFilters(fields) {
                    result.matches.append(Match(relativePath: path, fields: fields, stat: fileStat))
                } else {
                    result.filteredOut += 1
                }
            case .failure(let mismatch):
                result.rejections.append(
                    Rejection(
                        relativePath: path, reason: "The name does not match the pattern: \(mismatch.reason).",
                        stat: fileStat)
                )
            }
        }
    }

    /// Whether the include globs select `path` and the exclude globs do not.
    private func isSelected(_ path: String) -> Bool {
        if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { return false }
        return !exclude.contains(where: { $0.matches(path) })
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
