import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct SourceDiscoveryTests {
    @Test func findsMatchesAndRejectsUnmatchedNames() throws {
        let root = try TemporaryDirectory()
        try root.write("2025-09-01/Alisson67_IV_1.csv", "x\n1\n")
        try root.write("2025-09-01/scan 4.csv", "x\n1\n")
        try root.write("2025-09-02/Encap3_ITS_2.csv", "x\n1\n")
        try root.write("notes/readme.txt", "hello")
        try root.write(".hidden/Alisson1_IV_9.csv", "x\n")
        let discovery = SourceDiscovery(
            root: root.path,
            pattern: try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"),
            include: [Glob("*.csv")]
        )
        let result = try discovery.discover()
        #expect(result.matches.map(\.relativePath) == ["2025-09-01/Alisson67_IV_1.csv", "2025-09-02/Encap3_ITS_2.csv"])
        #expect(result.matches[0].fields["chip"] == .int(67))
        #expect(result.matches[0].stat.size == 4)
        #expect(result.rejections.map(\.relativePath) == ["2025-09-01/scan 4.csv"])
        #expect(result.rejections[0].reason == "The name does not match the pattern: 'scan 4.csv' does not match '{group}{chip:int}_{proc}_{idx:int}.csv'.")
    }

    @Test func appliesInclusiveRangesAndSkipsMissingFolders() throws {
        let root = try TemporaryDirectory()
        for year in 2013...2017 {
            for month in [1, 6, 7] {
                try root.write("\(year)/\(month)/EURUSD_M1_H4_\(year)_\(month)_ab.csv", "x\n")
            }
        }
        let discovery = SourceDiscovery(
            root: root.path,
            pattern: try FilenamePattern("{y:int}/{m:int}/{symbol}_{timeframe}_{horizon}_{year:int}_{month:int}_{hash}.csv"),
            filters: [
                "year": try FieldFilter.parse("2014..2016", field: "year", type: .int),
                "month": try FieldFilter.parse("1..6", field: "month", type: .int),
            ]
        )
        let result = try discovery.discover()
        #expect(result.matches.count == 6)
        #expect(result.matches.allSatisfy { ($0.fields["year"]!, $0.fields["month"]!) >= (.int(2014), .int(1)) })
        #expect(result.rejections.isEmpty)
        #expect(result.filteredOut == 9)

        let missing = SourceDiscovery(root: root.path + "/nope", pattern: try FilenamePattern("{a}.csv"))
        #expect(try missing.discover().matches.isEmpty)
    }

    @Test func aFileAsTheRootIsAnError() throws {
        let root = try TemporaryDirectory()
        let file = try root.write("raw.csv", "x\n")
        #expect {
            _ = try SourceDiscovery(root: file.path, pattern: try FilenamePattern("{a}.csv")).discover()
        } throws: { error in
            (error as? DiscoveryError)?.description
                == "Cannot read the source folder '\(file.path)': it is not a folder. Point 'source' at the folder that holds the raw files."
        }
    }
}
