import Foundation
import Testing

@testable import Weir

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysByBytesAndWritesNoWhitespace() throws {
        let value: JSONValue = ["b": 1, "a": ["z": true, "Z": nil], "é": "x", "A": [1, 2.5, "s"]]
        #expect(try value.canonicalString() == #"{"A":[1,2.5,"s"],"a":{"Z":null,"z":true},"b":1,"é":"x"}"#)
    }

    @Test func keepsIntegersAndDoublesApart() throws {
        #expect(try JSONValue.int(2).canonicalString() == "2")
        #expect(try JSONValue.double(2).canonicalString() == "2.0")
        #expect(try JSONValue.double(0.1).canonicalString() == "0.1")
        #expect(try JSONValue.double(1e-7).canonicalString() == "1e-07")
        #expect(try JSONValue.double(-1.5e300).canonicalString() == "-1.5e+300")
        #expect(try JSONValue.int(.min).canonicalString() == "-9223372036854775808")
    }

    @Test func escapesOnlyWhatJSONRequires() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} slash / ünïcödé 😀"
        #expect(
            try JSONValue.string(text).canonicalString()
                == #""quote \" backslash \\ newline \n tab \t bell \u0007 slash / ünïcödé 😀""#)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func refusesNonFiniteNumbersNamingWhere(_ number: Double) {
        let value: JSONValue = ["params": ["rates": [1, .double(number)]]]
        let error = #expect(throws: CanonicalJSONError.self) { try value.canonicalBytes() }
        #expect(error?.path == "params.rates[1]")
        #expect(error?.description.hasPrefix("The value at 'params.rates[1]' is '\(number)'") == true)
    }

    @Test func parsesWhatItWritesBackToTheSameValue() throws {
        let value: JSONValue = [
            "int": 42, "negative": -7, "double": 2.0, "small": 1e-9, "text": "a\"b\\c\n\u{01}é",
            "list": [nil, true, false, [:], []], "nested": ["k": ["x": 1]],
        ]
        let parsed = try JSONValue.parse(value.canonicalBytes())
        #expect(parsed == value)
        #expect(try JSONValue.parse(value.prettyString()) == value)
    }

    @Test func parsesEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\u00e9\ud83d\ude00\/""#) == .string("é😀/"))
        #expect(try JSONValue.parse("[1.0, 1, 1e2, -0]") == [.double(1), .int(1), .double(100), .int(0)])
    }

    @Test(arguments: [
        ("{\"a\":1,}", 7, "Expected a key"),
        ("[1 2]", 3, "Expected ',' or ']'"),
        ("\"open", 5, "Unterminated string"),
        ("tru", 0, "Invalid literal"),
        ("1 x", 2, "Unexpected text after the JSON value"),
    ])
    func reportsWhereParsingStopped(_ text: String, _ offset: Int, _ problem: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        #expect(error?.problem == problem)
        #expect(error?.offset == offset || problem == "Invalid literal")
    }

    @Test func encodesEncodableValuesThroughJSONEncoder() throws {
        struct Config: Encodable {
            var gauges = ["b", "a"]
            var split = 0.8
            var years = 3
        }
        #expect(try JSONValue(encoding: Config()) == ["gauges": ["b", "a"], "split": 0.8, "years": 3])
    }
}
