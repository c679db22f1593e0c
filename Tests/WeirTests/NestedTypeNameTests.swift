import Testing
import WeirColumns
import WeirTestSupport

@testable import Weir

/// The names of nested types in a dataset's schema and in a stage's `schema:` read back as the
/// same types, nullability and field names included.
@Suite struct NestedTypeNameTests {
    @Test func namesReadBackAsTheirTypes() throws {
        let cases: [(ColumnType, String)] = [
            (.list(Field("element", .int64)), "list<int64>"),
            (.list(Field("element", .string, nullable: false)), "list<string not null>"),
            (
                .structure([
                    Field("x", .float64), Field("Wind Speed", .decimal(precision: 10, scale: 2), nullable: false),
                ]),
                #"struct<x: double, "Wind Speed": decimal(10,2) not null>"#
            ),
            (
                .map(
                    key: Field("key", .string, nullable: false), value: Field("value", .list(Field("element", .date)))),
                "map<string, list<date>>"
            ),
            (
                .list(Field("element", .structure([Field(#"a"b\c"#, .timestamp(unit: .milliseconds, utc: true))]))),
                #"list<struct<"a\"b\\c": timestamp_ms_utc>>"#
            ),
        ]
        for (type, name) in cases {
            #expect(ColumnTypeName.name(of: type) == name)
            #expect(ColumnTypeName.parse(name) == type, "\(name)")
        }
        // Spaces and case in type words are free, as in flat names.
        #expect(ColumnTypeName.parse("LIST< Int64 NOT NULL >") == .list(Field("element", .int64, nullable: false)))
        #expect(
            ColumnTypeName.parse("struct<x:double,y:string>")
                == .structure([Field("x", .float64), Field("y", .string)]))
    }

    @Test func randomNestedTypesReadBack() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let type = Self.randomType(&random, depth: 4)
            #expect(ColumnTypeName.parse(ColumnTypeName.name(of: type)) == type, "\(ColumnTypeName.name(of: type))")
        }
    }

    @Test func malformedNamesAreUnknown() {
        for text in [
            "list<>", "list<int64", "list<int64>>", "struct<>", "struct<x double>", "struct<x: double,>",
            "map<string>", "map<string, int64", "list<int64 not>", "list<int64 null>", "list<nonsense>",
            "struct<\"x: double>",
            String(repeating: "list<", count: 400) + "int64" + String(repeating: ">", count: 400),
        ] {
            #expect(ColumnTypeName.parse(text) == nil, "\(text)")
        }
    }

    private static func randomType(_ random: inout SeededRandom, depth: Int) -> ColumnType {
        let leaves: [ColumnType] = [
            .boolean, .int8, .uint64, .float32, .float64, .string, .binary, .date, .fixedBinary(width: 4),
            .timestamp(unit: .nanoseconds, utc: false), .decimal(precision: 38, scale: 3),
        ]
        guard depth > 0, random.below(3) > 0 else { return leaves[random.below(leaves.count)] }
        let names = ["a", "B_2", "with space", "x:y", "<>", "quote\"", ""]
        switch random.below(3) {
        case 0: return .list(Field("element", randomType(&random, depth: depth - 1), nullable: random.below(2) == 0))
        case 1:
            var fields: [Field] = []
            for index in 0..<(1 + random.below(3)) {
                let name = names[random.below(names.count)] + String(index)
                fields.append(Field(name, randomType(&random, depth: depth - 1), nullable: random.below(2) == 0))
            }
            return .structure(fields)
        default:
            return .map(
                key: Field("key", leaves[random.below(leaves.count)], nullable: false),
                value: Field("value", randomType(&random, depth: depth - 1), nullable: random.below(2) == 0))
        }
    }
}
