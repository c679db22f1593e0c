/// The content hashes of the path deps of a pipeline's stages, computed once per command.
package struct InputHashes: Sendable {
    /// Hash by project-relative path.
    package private(set) var byPath: [String: String] = [:]

    /// Hashes every path dep of `stages` (each path once), consulting and filling `cache`.
    ///
    /// - Throws: ``MissingInputError`` for a dep that does not exist, ``HashingError`` for unreadable files.
    /// - Parameter listing: where to keep the file listing of each input folder whose content is new,
    ///   so a later status can name the files that changed (`weir run` passes it).
    package static func compute(
        for stages: [StageDefinition], project: ProjectLocation, cache: StatCache, listing: InputListing? = nil
    ) throws -> InputHashes {
        var result = InputHashes()
        let hasher = TreeHasher(cache: cache, followFileLinks: true)
        for stage in stages {
            for dep in stage.deps {
                guard let path = dep.path, result.byPath[path] == nil else { continue }
                let absolute = project.absolute(path)
                guard let hash = try hasher.hash(absolute: absolute, key: path) else {
                    throw MissingInputError(stage: stage.name, dep: dep.name, path: path, location: dep.location)
                }
                result.byPath[path] = hash
                if let listing, !listing.exists(hash), try FileStat.of(absolute, followLinks: true)?.kind == .directory,
                    let listed = try hasher.hash(absolute: absolute, key: path, collect: true), listed.hash == hash
                {
                    listing.store(listed.leaves, hash: hash)
                }
            }
        }
        return result
    }
}

/// A path dep that does not exist.
public struct MissingInputError: UserFacingError, Hashable {
    public let stage: String
    public let dep: String
    public let path: String
    public let location: SourceLocation

    public var exitStatus: Int32 { 2 }

    public var description: String {
        "\(location): The dep '\(dep)' of stage '\(stage)' is '\(path)', which does not exist. Create it, or fix the path in \(location.file)."
    }
}
