/// A shell-style glob over `/`-separated relative paths: `*` and `?` within a segment, `**` across
/// segments, `[abc]` / `[a-z]` / `[!a]` classes, and `{a,b}` alternatives.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let alternatives: [[UInt8]]

    public init(_ pattern: String) {
        self.pattern = pattern
        alternatives = Self.expandBraces(Array(pattern.utf8))
    }

    /// Whether `path` matches. A pattern without `/` matches the last segment anywhere in the tree
    /// (as `.gitignore` does), so `*.csv` matches `a/b/c.csv`.
    public func matches(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        for alternative in alternatives {
            if alternative.contains(UInt8(ascii: "/")) {
                if Self.match(alternative[...], bytes[...]) { return true }
            } else {
                let lastSlash = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
                if Self.match(alternative[...], bytes[lastSlash...]) { return true }
            }
        }
        return false
    }

    private static func expandBraces(_ pattern: [UInt8]) -> [[UInt8]] {
        guard let open = pattern.firstIndex(of: UInt8(ascii: "{")),
            let close = pattern[open...].firstIndex(of: UInt8(ascii: "}"))
        else { return [pattern] }
        let prefix = Array(pattern[..<open])
        let suffix = Array(pattern[(close + 1)...])
        return pattern[(open + 1)..<close].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            .flatMap { option in expandBraces(prefix + option + suffix) }
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        let star = UInt8(ascii: "*")
        let slash = UInt8(ascii: "/")
        if first == star, pattern.dropFirst().first == star {
            // `**` matches any number of whole segments, including none.
            var rest = pattern.dropFirst(2)
            if rest.first == slash { rest = rest.dropFirst() }
            var position = text.startIndex
            while true {
                if match(rest, text[position...]) { return true }
                guard let nextSlash = text[position...].firstIndex(of: slash) else {
                    return rest.isEmpty
                }
                position = nextSlash + 1
            }
        }
        if first == star {
            var position = text.startIndex
            while true {
                if match(pattern.dropFirst(), text[position...]) { return true }
                guard position < text.endIndex, text[position] != slash else { return false }
                position += 1
            }
        }
        guard let character = text.first, character != slash || first == slash else { return false }
        if first == UInt8(ascii: "?") { return match(pattern.dropFirst(), text.dropFirst()) }
        if first == UInt8(ascii: "["), let close = pattern.dropFirst(2).firstIndex(of: UInt8(ascii: "]")) {
            var set = pattern[(pattern.startIndex + 1)..<close]
            let negated = set.first == UInt8(ascii: "!") || set.first == UInt8(ascii: "^")
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                if index + 2 < set.endIndex, set[index + 1] == UInt8(ascii: "-") {
                    if set[index] <= character && character <= set[index + 2] { found = true }
                    index += 3
                } else {
                    if set[index] == character { found = true }
                    index += 1
                }
            }
            return found != negated && match(pattern[(close + 1)...], text.dropFirst())
        }
        return first == character && match(pattern.dropFirst(), text.dropFirst())
    }
}
