import Foundation

/// The files of an input folder with their hashes, kept by the folder's Merkle hash in
/// `.weir/inputs/<hash>`, so that `weir status` can name the files that changed since a run.
///
/// A listing is a hint for explanations only: a missing or unreadable one makes status name the
/// folder instead of its files.
package struct InputListing: Sendable {
    /// `.weir/inputs`.
    package let directory: String

    package init(project: ProjectLocation) {
        directory = project.stateDirectory + "/inputs"
    }

    package func exists(_ hash: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + hash)
    }

    /// Writes the listing of a folder whose Merkle hash is `hash` (lines of `sha256 TAB path`).
    package func store(_ leaves: [TreeHasher.Leaf], hash: String) {
        var text = ""
        text.reserveCapacity(leaves.count * 100)
        for leaf in leaves { text += leaf.sha256 + "\t" + leaf.path + "\n" }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.\(hash).\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return }
        if rename(temporary, directory + "/" + hash) != 0 { unlink(temporary) }
    }

    /// Path → SHA-256 of the folder whose hash is `hash`, if its listing was kept.
    package func load(_ hash: String) -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + hash) else { return nil }
        var files: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            files[String(line[line.index(after: tab)...])] = String(line[..<tab])
        }
        return files
    }

    /// The paths added, removed or changed between two listings, sorted.
    package static func changes(from old: [String: String], to new: [String: String]) -> [String] {
        var changed: [String] = []
        for (path, hash) in new where old[path] != hash { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
