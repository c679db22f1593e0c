import WeirColumns

/// Reads the names ``ColumnTypeName`` gives nested types back into the types:
/// `list<int64 not null>`, `struct<x: double, "a b": list<string>>`,
/// `map<string, struct<v: double not null>>`. A list's element is named `element`, a map's key
/// (never null) `key` and its value `value`, as Weir reads them from Parquet.
enum NestedTypeName {
    /// A struct field's name as the type name writes it: bare when it is a plain identifier,
    /// else in double quotes with `"` and `\` escaped.
    static func fieldName(_ name: String) -> String {
        let plain =
            !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F
            }
        guard !plain else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    static func parse(_ text: String) -> ColumnType? {
        var parser = Parser(text: Array(text.unicodeScalars))
        guard let type = parser.type(), parser.atEnd else { return nil }
        return type
    }

    private struct Parser {
        let text: [Unicode.Scalar]
        var position = 0
        /// Bounds the recursion a hostile name can cause.
        var depth = 0

        var atEnd: Bool {
            mutating get {
                skipSpaces()
                return position == text.count
            }
        }

        mutating func type() -> ColumnType? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 256 else { return nil }
            skipSpaces()
            let start = position
            // A simple name runs to the next delimiter outside parentheses: `decimal(10,2)`.
            var parentheses = 0
            while position < text.count {
                let scalar = text[position]
                if scalar == "(" { parentheses += 1 }
                if scalar == ")" { parentheses -= 1 }
                if parentheses == 0 && (scalar == "<" || scalar == ">" || scalar == "," || scalar == " ") { break }
                position += 1
            }
            let word = String(String.UnicodeScalarView(text[start..<position])).lowercased()
            skipSpaces()
            switch word {
            case "list":
                guard take("<"), let element = member("element"), take(">") else { return nil }
                return .list(element)
            case "map":
                guard take("<"), let key = type(), take(","), let value = member("value"), take(">") else { return nil }
                return .map(key: Field("key", key, nullable: false), value: value)
            case "struct":
                guard take("<") else { return nil }
                var fields: [Field] = []
                repeat {
                    guard let name = fieldName(), take(":"), let field = member(name) else { return nil }
                    fields.append(field)
                } while take(",")
                guard take(">") else { return nil }
                return .structure(fields)
            default:
                guard !word.isEmpty, !word.contains("<") else { return nil }
                return ColumnTypeName.parse(word)
            }
        }

        /// A type and an optional `not null`, as a field named `name`.
        mutating func member(_ name: String) -> Field? {
            guard let type = type() else { return nil }
            skipSpaces()
            if word("not") {
                guard word("null") else { return nil }
                return Field(name, type, nullable: false)
            }
            return Field(name, type)
        }

        mutating func fieldName() -> String? {
            skipSpaces()
            guard position < text.count else { return nil }
            if text[position] == "\"" {
                position += 1
                var name = String.UnicodeScalarView()
                while position < text.count && text[position] != "\"" {
                    if text[position] == "\\" { position += 1 }
                    guard position < text.count else { return nil }
                    name.append(text[position])
                    position += 1
                }
                guard position < text.count else { return nil }
                position += 1
                return String(name)
            }
            let start = position
            while position < text.count && text[position] != ":" && text[position] != " " { position += 1 }
            return position > start ? String(String.UnicodeScalarView(text[start..<position])) : nil
        }

        /// Consumes the keyword `keyword` (any case) when it comes next as a whole word.
        mutating func word(_ keyword: String) -> Bool {
            skipSpaces()
            let scalars = Array(keyword.unicodeScalars)
            guard position + scalars.count <= text.count,
                String(String.UnicodeScalarView(text[position..<(position + scalars.count)])).lowercased() == keyword
            else { return false }
            let end = position + scalars.count
            if end < text.count, ![" ", ",", ">"].contains(text[end]) { return false }
            position = end
            return true
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
            return true
        }

        mutating func skipSpaces() {
            while position < text.count && text[position] == " " { position += 1 }
        }
    }
}
