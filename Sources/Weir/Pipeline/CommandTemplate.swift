import Foundation

/// A stage command with its `${…}` placeholders located.
///
/// `${out}` is the stage's output folder, `${deps.NAME}` the path of a dep, `${params.NAME}` a param
/// (`${params.NAME.KEY}` reaches into a mapping). `$${` writes a literal `${`. Every substituted
/// value is shell-quoted.
package struct CommandTemplate: Sendable, Hashable {
    package enum Placeholder: Sendable, Hashable {
        case out
        case dep(String)
        case param(String, keys: [String])
        case unknown(String)
    }

    package enum Segment: Sendable, Hashable {
        case literal(String)
        /// `offset` counts characters from the start of the command to the `$`.
        case placeholder(Placeholder, text: String, offset: Int)
    }

    package let segments: [Segment]

    /// Splits `command` into literal text and placeholders.
    ///
    /// - Returns: the template, or the offset of a `${` that is never closed.
    package static func parse(_ command: String) -> Result<CommandTemplate, UnterminatedPlaceholder> {
        var segments: [Segment] = []
        var literal = ""
        let characters = Array(command)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "$", index + 2 < characters.count, characters[index + 1] == "$",
                characters[index + 2] == "{"
            {
                literal += "${"
                index += 3
                continue
            }
            guard character == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
                literal.append(character)
                index += 1
                continue
            }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                return .failure(UnterminatedPlaceholder(offset: index))
            }
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = ""
            }
            let body = String(characters[(index + 2)..<close])
            let text = "${" + body + "}"
            segments.append(.placeholder(Self.placeholder(body), text: text, offset: index))
            index = close + 1
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return .success(CommandTemplate(segments: segments))
    }

    package struct UnterminatedPlaceholder: Error, Hashable {
        package let offset: Int
    }

    private static func placeholder(_ body: String) -> Placeholder {
        if body == "out" { return .out }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, parts[0] == "deps", !parts[1].isEmpty { return .dep(parts[1]) }
        if parts.count >= 2, parts[0] == "params", !parts.dropFirst().contains("") {
            return .param(parts[1], keys: Array(parts.dropFirst(2)))
        }
        return .unknown(body)
    }

    /// The command with every placeholder replaced by its shell-quoted value.
    ///
    /// The template must have been validated: unknown placeholders and missing names render empty.
    package func render(out: String, deps: [String: String], params: [String: JSONValue]) -> String {
        var result = ""
        for segment in segments {
            switch segment {
            case .literal(let text): result += text
            case .placeholder(let placeholder, _, _):
                switch placeholder {
                case .out: result += ShellQuote.quote(out)
                case .dep(let name): result += ShellQuote.quote(deps[name] ?? "")
                case .param(let name, let keys):
                    let value = Self.lookup(params[name], keys: keys)
                    result += ShellQuote.quote(value.map(Self.text(of:)) ?? "")
                case .unknown: break
                }
            }
        }
        return result
    }

    /// The value under `keys` inside `value`, or nil when a key is missing.
    package static func lookup(_ value: JSONValue?, keys: [String]) -> JSONValue? {
        var current = value
        for key in keys { current = current?[key] }
        return current
    }

    /// How a param reaches a command: strings as they are, anything else as canonical JSON.
    package static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return (try? value.canonicalString()) ?? ""
    }
}

/// POSIX shell quoting.
package enum ShellQuote {
    /// `text` in single quotes, each `'` written as `'\''`, so the shell passes it through unchanged.
    package static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
