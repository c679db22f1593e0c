/// A filename pattern with named, typed fields, such as
/// `{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv`.
///
/// The pattern is matched against a path relative to the source root, segment by segment (`/`
/// separates folders). A field matches within one segment: `string` any non-empty text, `int` an
/// optionally signed run of digits, `date` `YYYY-MM-DD`, `float` a decimal number. Adjacent fields
/// are resolved by backtracking, shortest text first, so `{group}{chip:int}` splits `Alisson67`
/// into `Alisson` and `67`.
public struct FilenamePattern: Sendable, Hashable {
    public enum FieldType: String, Sendable, Hashable, CaseIterable {
        case string, int, date, float
    }

    public struct FieldSpec: Sendable, Hashable {
        public var name: String
        public var type: FieldType
    }

    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case field(Int)
    }

    public let text: String
    public let fields: [FieldSpec]
    /// The tokens of each path segment.
    let segments: [[Token]]

    /// Parses a pattern.
    ///
    /// - Throws: ``FilenamePatternError`` for an unclosed brace, an empty or repeated field name,
    ///   an unknown field type, or two fields in a row where the first cannot end by itself.
    public init(_ text: String) throws(FilenamePatternError) {
        self.text = text
        var fields: [FieldSpec] = []
        var segments: [[Token]] = []
        for segmentText in text.split(separator: "/", omittingEmptySubsequences: false) {
            if segmentText.isEmpty {
                throw FilenamePatternError(
                    pattern: text, message: "it has an empty path segment ('//' or a leading or trailing '/')")
            }
            var tokens: [Token] = []
            var literal: [UInt8] = []
            var bytes = Array(segmentText.utf8)[...]
            while let byte = bytes.popFirst() {
                if byte == UInt8(ascii: "}") {
                    throw FilenamePatternError(pattern: text, message: "it has a '}' without a matching '{'")
                }
                guard byte == UInt8(ascii: "{") else {
                    literal.append(byte)
                    continue
                }
                guard let close = bytes.firstIndex(of: UInt8(ascii: "}")) else {
                    throw FilenamePatternError(pattern: text, message: "a '{' is never closed")
                }
                let spec = String(decoding: bytes[bytes.startIndex..<close], as: UTF8.self)
                bytes = bytes[(close + 1)...]
                let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let name = parts[0]
                guard !name.isEmpty, name.utf8.allSatisfy({ isIdentifierByte($0) }) else {
                    throw FilenamePatternError(
                        pattern: text,
                        message: "the field name '\(name)' is not a valid name. Use letters, digits and '_'"
                    )
                }
                guard !fields.contains(where: { $0.name == name }) else {
                    throw FilenamePatternError(pattern: text, message: "the field '\(name)' appears twice")
                }
                var type = FieldType.string
                if parts.count == 2 {
                    guard let parsed = FieldType(rawValue: parts[1]) else {
                        let known = FieldType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                        throw FilenamePatternError(
                            pattern: text,
                            message: "the field '\(name)' has the unknown type '\(parts[1])'. Use one of \(known)"
                        )
                    }
                    type = parsed
                }
                if !literal.isEmpty {
                    tokens.append(.literal(literal))
                    literal = []
                }
                tokens.append(.field(fields.count))
                fields.append(FieldSpec(name: name, type: type))
            }
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            segments.append(tokens)
        }
        self.fields = fields
        self.segments = segments
    }

    /// How many path segments a matching path has.
    public var depth: Int { segments.count }

    /// Matches a `/`-separated relative path; returns the fields' raw texts or why it does not match.
    public func match(_ relativePath: String) -> Result<[String: FieldValue], PatternMismatch> {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == segments.count else {
            return .failure(
                PatternMismatch(
                    reason:
                        "the path has \(parts.count) segment\(parts.count == 1 ? "" : "s") but the pattern '\(text)' has \(segments.count)"
                )
            )
        }
        var values: [String: FieldValue] = [:]
        for (index, part) in parts.enumerated() {
            switch matchSegment(index, Array(part.utf8)) {
            case .success(let found): values.merge(found) { first, _ in first }
            case .failure(let mismatch): return .failure(mismatch)
            }
        }
        return .success(values)
    }

    /// Whether a folder at segment `index` can hold matching files (used to prune the walk).
    public func folderMatches(_ name: String, atSegment index: Int) -> Result<[String: FieldValue], PatternMismatch> {
        guard index < segments.count - 1 else {
            return .failure(PatternMismatch(reason: "the pattern '\(text)' expects a file at this depth, not a folder"))
        }
        return matchSegment(index, Array(name.utf8))
    }

    private func matchSegment(_ index: Int, _ bytes: [UInt8]) -> Result<[String: FieldValue], PatternMismatch> {
        var captures: [(Int, Range<Int>)] = []
        guard matchTokens(segments[index][...], bytes, 0, &captures) else {
            return .failure(
                PatternMismatch(
                    reason: "'\(String(decoding: bytes, as: UTF8.self))' does not match '\(segmentText(index))'")
            )
        }
        var values: [String: FieldValue] = [:]
        for (fieldIndex, range) in captures {
            let field = fields[fieldIndex]
            let raw = String(decoding: bytes[range], as: UTF8.self)
            guard let value = FieldValue.parse(raw, as: field.type) else {
                return .failure(
                    PatternMismatch(
                        reason:
                            "field '\(field.name)' has the value '\(raw)', which is not a valid \(field.type.rawValue)")
                )
            }
            values[field.name] = value
        }
        return .success(values)
    }

    private func segmentText(_ index: Int) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false)[index].description
    }

    private func matchTokens(
        _ tokens: ArraySlice<Token>,
        _ bytes: [UInt8],
        _ position: Int,
        _ captures: inout [(Int, Range<Int>)]
    ) -> Bool {
        guard let token = tokens.first else { return position == bytes.count }
        let rest = tokens.dropFirst()
        switch token {
        case .literal(let literal):
            guard bytes.count - position >= literal.count,
                bytes[position..<(position + literal.count)].elementsEqual(literal)
            else { return false }
            return matchTokens(rest, bytes, position + literal.count, &captures)
        case .field(let fieldIndex):
            let type = fields[fieldIndex].type
            var end = position + 1
            while end <= bytes.count {
                let candidate = bytes[position..<end]
                if !FieldValue.couldStart(candidate, as: type) { return false }
                if FieldValue.isComplete(candidate, as: type) {
                    captures.append((fieldIndex, position..<end))
                    if matchTokens(rest, bytes, end, &captures) { return true }
                    captures.removeLast()
                }
                end += 1
            }
            return false
        }
    }
}

private func isIdentifierByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
}

/// Why a path does not match a pattern.
public struct PatternMismatch: Error, Sendable, Hashable {
    public var reason: String
}

/// A malformed filename pattern in the configuration.
public struct FilenamePatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var message: String
    public var description: String { "The pattern '\(pattern)' is invalid: \(message)." }
}
