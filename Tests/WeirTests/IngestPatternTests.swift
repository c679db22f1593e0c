import Testing
import WeirColumns

@testable import Weir

@Suite struct FilenamePatternTests {
    @Test func splitsAdjacentFieldsAndTypesThem() throws {
        let pattern = try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv")
        let fields = try pattern.match("2025-10-18/Alisson67_IVg_12.csv").get()
        #expect(fields["date"] == .date(Int32(CivilDate(year: 2025, month: 10, day: 18).daysSinceEpoch)))
        #expect(fields["group"] == .string("Alisson"))
        #expect(fields["chip"] == .int(67))
        #expect(fields["proc"] == .string("IVg"))
        #expect(fields["idx"] == .int(12))
    }

    @Test func matchesTheMarketDataLayout() throws {
        let pattern = try FilenamePattern("{symbol}_{timeframe}_{horizon}_{year:int}_{month:int}_{hash}.parquet")
        let fields = try pattern.match("EURUSD_M1_H4_2015_03_ab12cd.parquet").get()
        #expect(fields["symbol"] == .string("EURUSD"))
        #expect(fields["year"] == .int(2015))
        #expect(fields["month"] == .int(3))
        #expect(fields["hash"] == .string("ab12cd"))
    }

    @Test(arguments: [
        ("2025-10-18/scan 4.csv", "'scan 4.csv' does not match '{group}{chip:int}_{proc}_{idx:int}.csv'"),
        ("Alisson67_IV_1.csv", "the path has 1 segment but the pattern '{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv' has 2"),
        ("2025-13-01/Alisson67_IV_1.csv", "'2025-13-01' does not match '{date:date}'"),
    ])
    func reportsWhyANameDoesNotMatch(path: String, reason: String) throws {
        let pattern = try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv")
        guard case .failure(let mismatch) = pattern.match(path) else {
            Issue.record("'\(path)' should not match")
            return
        }
        #expect(mismatch.reason == reason)
    }

    @Test(arguments: [
        ("{a", "The pattern '{a' is invalid: a '{' is never closed."),
        ("a}", "The pattern 'a}' is invalid: it has a '}' without a matching '{'."),
        ("{a}_{a}", "The pattern '{a}_{a}' is invalid: the field 'a' appears twice."),
        ("{a:number}", "The pattern '{a:number}' is invalid: the field 'a' has the unknown type 'number'. Use one of 'string', 'int', 'date', 'float'."),
        ("x//y", "The pattern 'x//y' is invalid: it has an empty path segment ('//' or a leading or trailing '/')."),
        ("{a-b}", "The pattern '{a-b}' is invalid: the field name 'a-b' is not a valid name. Use letters, digits and '_'."),
    ])
    func rejectsMalformedPatterns(text: String, message: String) {
        #expect {
            _ = try FilenamePattern(text)
        } throws: { error in
            (error as? FilenamePatternError)?.description == message
        }
    }

    @Test func prunesFoldersBySegment() throws {
        let pattern = try FilenamePattern("{year:int}/{month:int}/{name}.csv")
        #expect((try? pattern.folderMatches("2015", atSegment: 0).get())?["year"] == .int(2015))
        #expect((try? pattern.folderMatches("misc", atSegment: 0).get()) == nil)
    }
}

@Suite struct FieldFilterTests {
    @Test func inclusiveRangesAndValues() throws {
        let years = try FieldFilter.parse("2014..2016", field: "year", type: .int)
        #expect(years.accepts(.int(2014)))
        #expect(years.accepts(.int(2016)))
        #expect(!years.accepts(.int(2017)))
        let open = try FieldFilter.parse("2014..", field: "year", type: .int)
        #expect(open.accepts(.int(9999)))
        #expect(!open.accepts(.int(2013)))
        let days = try FieldFilter.parse("2025-09-01..2025-09-30", field: "date", type: .date)
        #expect(days.accepts(FieldValue.parse("2025-09-30", as: .date)!))
        #expect(!days.accepts(FieldValue.parse("2025-10-01", as: .date)!))
        #expect(try FieldFilter.parse("IV", field: "proc", type: .string) == .equals(.string("IV")))
        let list = try FieldFilter.parse("[IV, IVg]", field: "proc", type: .string)
        #expect(list == .oneOf([.string("IV"), .string("IVg")]))
        #expect(!list.accepts(.string("ITS")))
        #expect(try FieldFilter.parse("[1,3]", field: "month", type: .int).accepts(.int(3)))
    }

    @Test func explainsBadFilters() {
        #expect {
            _ = try FieldFilter.parse("20x4..2016", field: "year", type: .int)
        } throws: { error in
            (error as? FieldFilterError)?.description
                == "The filter '20x4..2016' for field 'year' is not a valid 'int' value or range. Write a value such as 2014 or an inclusive range such as 2014..2014."
        }
        #expect {
            _ = try FieldFilter.parse("6..1", field: "month", type: .int)
        } throws: { error in
            (error as? FieldFilterError)?.description
                == "The filter '6..1' for field 'month' is an empty range: its lower bound is above its upper bound. Swap the bounds."
        }
    }
}

@Suite struct HivePartitionTests {
    @Test(arguments: [
        ("IV", "proc=IV"),
        ("a/b", "proc=a%2Fb"),
        ("..", "proc=%2E%2E"),
        ("x=y%", "proc=x%3Dy%25"),
        ("", "proc=__HIVE_DEFAULT_PARTITION__"),
        ("café", "proc=café"),
    ])
    func escapesValuesSoNoneLeavesTheDataset(value: String, segment: String) {
        let made = HivePartition.segment(key: "proc", value: value)
        #expect(made == segment)
        #expect(!made.contains("/"))
        if !value.isEmpty { #expect(HivePartition.parse(segment: made)?.value == value) }
    }

    @Test func nullIsTheHiveDefaultPartition() {
        #expect(HivePartition.segment(key: "date", value: nil) == "date=__HIVE_DEFAULT_PARTITION__")
        #expect(HivePartition.parse(segment: "date=__HIVE_DEFAULT_PARTITION__")?.value == nil)
    }
}

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.csv", "a/b/c.csv", true),
        ("*.csv", "a/b/c.txt", false),
        ("**/*.csv", "c.csv", true),
        ("**/*.csv", "x/y/c.csv", true),
        ("2025-*/*.csv", "2025-10-18/a.csv", true),
        ("2025-*/*.csv", "2024-10-18/a.csv", false),
        ("data/**", "data/a/b", true),
        ("*.{csv,tsv}", "x.tsv", true),
        ("file?.csv", "file1.csv", true),
        ("file[0-4].csv", "file5.csv", false),
        ("file[!0-4].csv", "file5.csv", true),
        ("a/*.csv", "a/b/c.csv", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }
}
