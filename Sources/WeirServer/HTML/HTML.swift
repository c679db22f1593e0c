import Foundation

/// Markup that is safe to send: the only place where user text becomes HTML.
///
/// String literals in Weir's own source are trusted markup; every `String` interpolated into an
/// `HTML` value is escaped, so a stage name, a param, a raw file name, a reject reason or a log line
/// always shows as text:
///
/// ```swift
/// let cell: HTML = "<td>\(file.name)</td>"   // "<script>…" arrives as "&lt;script&gt;…"
/// ```
/// There is deliberately no way to wrap an arbitrary runtime `String` as markup.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, ready to send.
    private(set) var rendered: String

    init(stringLiteral literal: StaticString) {
        rendered = literal.description
    }

    init(stringInterpolation: StringInterpolation) {
        rendered = stringInterpolation.output
    }

    /// Escaped text.
    init(text: String) {
        rendered = Self.escape(text)
    }

    /// Several fragments one after the other.
    init(joining fragments: some Sequence<HTML>, separator: HTML = "") {
        rendered = fragments.map(\.rendered).joined(separator: separator.rendered)
    }

    static let empty: HTML = ""

    var description: String { rendered }

    static func + (lhs: HTML, rhs: HTML) -> HTML {
        var result = lhs
        result.rendered += rhs.rendered
        return result
    }

    static func += (lhs: inout HTML, rhs: HTML) {
        lhs.rendered += rhs.rendered
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            output += literal.description
        }

        /// User text: escaped.
        mutating func appendInterpolation(_ text: String) {
            output += HTML.escape(text)
        }

        mutating func appendInterpolation(_ text: Substring) {
            output += HTML.escape(String(text))
        }

        /// Markup built the same way: kept as it is.
        mutating func appendInterpolation(_ html: HTML) {
            output += html.rendered
        }

        mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { output += fragment.rendered }
        }

        mutating func appendInterpolation(_ number: Int) {
            output += String(number)
        }

        mutating func appendInterpolation(_ number: Int64) {
            output += String(number)
        }

        /// A coordinate or size in SVG, with at most two decimals.
        mutating func appendInterpolation(_ number: Double) {
            output += HTML.number(number)
        }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return String(rounded)
    }
}

/// Building links whose query holds user text.
enum Link {
    /// `path?key=value&…` with each value percent-encoded; nil values are left out.
    static func to(_ path: String, _ query: [(String, String?)] = []) -> String {
        let parts = query.compactMap { key, value in value.map { key + "=" + encode($0) } }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A path segment or query value with everything but unreserved characters percent-encoded.
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
