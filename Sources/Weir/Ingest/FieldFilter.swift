import Foundation

/// A condition on one discovered field: a value, a list of values, or an inclusive range.
///
/// Written in `weir.yaml` as `year: 2014..2016`, `month: 1..6`, `proc: [IV, IVg]` or `symbol: EURUSD`
/// (a list is the text `[IV, IVg]`);
/// an open range leaves one side empty (`year: 2014..`).
public enum FieldFilter: Sendable, Hashable {
    case equals(FieldValue)
    case oneOf([FieldValue])
    case range(lower: FieldValue?, upper: FieldValue?)

    /// Whether `value` passes.
    public func accepts(_ value: FieldValue) -> Bool {
        switch self {
        case .equals(let expected): return value == expected
        case .oneOf(let values): return values.contains(value)
        case .range(let lower, let upper):
            if let lower, value < lower { return false }
            if let upper, upper < value { return false }
            return true
        }
    }

    /// Parses a filter's text for a field of `type`: `a..b`, `a..`, `..b`, or a single value.
    ///
    /// - Throws: ``FieldFilterError`` naming the field and the bad text.
    public static func parse(_ text: String, field: String, type: FilenamePattern.FieldType) throws(FieldFilterError)
        -> FieldFilter
    {
        func value(_ part: Substring) throws(FieldFilterError) -> FieldValue {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let parsed = FieldValue.parse(trimmed, as: type) else {
                throw FieldFilterError(field: field, text: text, expected: type)
            }
            return parsed
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            var values: [FieldValue] = []
            for part in trimmed.dropFirst().dropLast().split(separator: ",") { values.append(try value(part)) }
            guard !values.isEmpty else { throw FieldFilterError(field: field, text: text, expected: type) }
            return .oneOf(values)
        }
        if type != .string || text.contains(".."), let dots = text.range(of: "..") {
            let lowerText = text[text.startIndex..<dots.lowerBound]
            let upperText = text[dots.upperBound...]
            let lower = lowerText.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try value(lowerText)
            let upper = upperText.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try value(upperText)
            if lower == nil && upper == nil { throw FieldFilterError(field: field, text: text, expected: type) }
            if let lower, let upper, upper < lower {
                throw FieldFilterError(field: field, text: text, expected: type, emptyRange: true)
            }
            return .range(lower: lower, upper: upper)
        }
        return .equals(try value(text[...]))
    }
}

/// A filter that cannot be read for its field's type.
public struct FieldFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var text: String
    public var expected: FilenamePattern.FieldType
    public var emptyRange = false

    public var description: String {
        if emptyRange {
            return
                "The filter '\(text)' for field '\(field)' is an empty range: its lower bound is above its upper bound. Swap the bounds."
        }
        return
            "The filter '\(text)' for field '\(field)' is not a valid '\(expected.rawValue)' value or range. Write a value such as "
            + example + " or an inclusive range such as " + example + ".." + example + "."
    }

    private var example: String {
        switch expected {
        case .string: "'IV'"
        case .int: "2014"
        case .float: "0.5"
        case .date: "2025-01-31"
        }
    }
}
