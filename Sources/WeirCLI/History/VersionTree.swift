import Weir

/// The parent tree of versions as text.
///
/// An only child is drawn under its parent at the same indentation, so a straight line of versions
/// does not drift to the right; several children of one parent get `├──` / `└──` branches.
/// Separate trees (versions without a parent) are separated by a blank line.
struct VersionTree {
    let versions: [VersionRecord]
    let head: Int64?
    let label: (VersionRecord) -> String

    func rendered() -> String {
        let ids = Set(versions.map(\.id))
        var children: [Int64: [VersionRecord]] = [:]
        var roots: [VersionRecord] = []
        for version in versions {
            if let parent = version.parent, ids.contains(parent), parent != version.id {
                children[parent, default: []].append(version)
            } else {
                roots.append(version)
            }
        }
        var lines: [String] = []
        for (index, root) in roots.sorted(by: { $0.id < $1.id }).enumerated() {
            if index > 0 { lines.append("") }
            // Pre-order walk with an explicit stack: (version, prefix of its line, prefix of its children).
            var stack: [(VersionRecord, String, String)] = [(root, "", "")]
            while let (version, linePrefix, childPrefix) = stack.popLast() {
                let mark = version.id == head ? " *" : ""
                lines.append("\(linePrefix)\(version.name)\(mark)  \(label(version))")
                let kids = (children[version.id] ?? []).sorted { $0.id < $1.id }
                if kids.count == 1 {
                    stack.append((kids[0], childPrefix, childPrefix))
                    continue
                }
                for (position, kid) in kids.enumerated().reversed() {
                    let last = position == kids.count - 1
                    stack.append((kid, childPrefix + (last ? "└── " : "├── "), childPrefix + (last ? "    " : "│   ")))
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
