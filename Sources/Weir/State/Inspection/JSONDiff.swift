/// One difference between two JSON documents: the value at `path` in each (nil where it is absent).
package struct JSONDifference: Sendable, Hashable {
    /// Dotted keys and `[index]` from the root, e.g. `params.factor` or `deps[1]`; empty for the root.
    package var path: String
    package var old: JSONDocument?
    package var new: JSONDocument?
}

/// Compares two JSON documents member by member, as `weir diff` does with fingerprints.
package enum JSONDiff {
    /// The leaf-most differences between `old` and `new`, ordered by path.
    package static func differences(_ old: JSONDocument, _ new: JSONDocument) -> [JSONDifference] {
        var result: [JSONDifference] = []
        // An explicit stack instead of recursion: depth is bounded by the heap, not the call stack.
        var pending: [(path: String, old: JSONDocument?, new: JSONDocument?)] = [("", old, new)]
        while let (path, old, new) = pending.popLast() {
            if old == new { continue }
            switch (old, new) {
            case (.object(let a)?, .object(let b)?):
                for key in Set(a.keys).union(b.keys).sorted().reversed() {
                    pending.append((path.isEmpty ? key : path + "." + key, a[key], b[key]))
                }
            case (.array(let a)?, .array(let b)?):
                for index in (0..<max(a.count, b.count)).reversed() {
                    pending.append(
                        (path + "[\(index)]", index < a.count ? a[index] : nil, index < b.count ? b[index] : nil))
                }
            default:
                result.append(JSONDifference(path: path, old: old, new: new))
            }
        }
        return result
    }
}
