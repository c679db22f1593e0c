import Foundation
import Testing
import WeirTestSupport

/// `weir compare [V…]`: one row per version, the params that differ and every metric.
@Suite struct CompareCommandTests {
    /// v1 with the file's factor 2, v2 with 3, v3 with 5 (and kelvin), each run's score its factor.
    static func project(store: StateStoreKind = .sqlite) throws -> PipelineFixture {
        let project = try ExperimentProject.make(store: store)
        for arguments in [
            ["run"], ["run", "--set", "clean.factor=3"], ["run", "--set", "clean.factor=5", "--set", "units=kelvin"],
        ] {
            let result = try project.weir(arguments)
            guard result.status == 0 else { throw FixtureError(message: "\(arguments): \(result.stderr)") }
        }
        return project
    }

    static func rows(_ project: PipelineFixture, _ arguments: String...) throws -> [[String: Any]] {
        let result = try project.weir(["compare", "--json"] + arguments)
        guard result.status == 0 else { throw FixtureError(message: result.stderr) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test(arguments: StateStoreKind.allCases) func theHeadAndItsAncestorsNewestFirst(store: StateStoreKind) throws {
        let project = try Self.project(store: store)
        let table = try project.weir("compare")
        try #require(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(table.stdout)")
        let header = lines[0].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(
            header == [
                "VERSION", "PARENT", "CREATED", "(UTC)", "clean.factor", "units", "train:lr", "train:score.test",
                "clean:wall_time", "train:wall_time",
            ], "\(lines[0])")
        func tokens(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }
        // VERSION, PARENT, the date and time, clean.factor, units, train:lr, train:score.test
        let v3 = tokens(lines[1])
        #expect(
            Array(v3.prefix(3)) == ["v3", "(head)", "v2"] && Array(v3[5...8]) == ["5", "kelvin", "0.1", "5"],
            "\(lines[1])")
        let v2 = tokens(lines[2])
        #expect(
            Array(v2.prefix(2)) == ["v2", "v1"] && Array(v2[4...7]) == ["3", "celsius", "0.1", "3"], "\(lines[2])")
        let v1 = tokens(lines[3])
        #expect(Array(v1.prefix(2)) == ["v1", "-"] && Array(v1[4...7]) == ["2", "celsius", "0.1", "2"], "\(lines[3])")
        #expect(v1.last == "s", "wall times are durations: \(lines[3])")
        #expect(!lines[0].contains("mode"), "a param with one value in every version has no column")

        let rows = try Self.rows(project)
        #expect(rows.map { $0["version"] as? String } == ["v3", "v2", "v1"])
        #expect(rows[0]["head"] as? Bool == true && rows[1]["head"] as? Bool == false)
        let params = try #require(rows[0]["params"] as? [String: Any])
        #expect(params["clean.factor"] as? Int == 5 && params["units"] as? String == "kelvin")
        let metrics = try #require(rows[0]["metrics"] as? [String: Any])
        #expect(metrics["train:score.test"] as? Double == 5 && metrics["train:lr"] as? Double == 0.1)
        #expect((metrics["clean:wall_time"] as? Double ?? -1) >= 0)
        let overrides = try #require(rows[0]["overrides"] as? [[String: Any]])
        #expect(overrides.map { $0["name"] as? String } == ["factor", "units"])
        #expect(rows[2]["parent"] is NSNull)
    }

    @Test func csvHasAHeaderAndOneLinePerVersion() throws {
        let project = try Self.project()
        let csv = try project.weir("compare", "--csv", "v1", "v3")
        try #require(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines[0]
                == "version,parent,created_at,clean.factor,units,train:lr,train:score.test,clean:wall_time,train:wall_time"
        )
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(first[0] == "v1" && first[1] == "" && first[3] == "2" && first[4] == "celsius" && first[5] == "0.1")
        #expect(first[6] == "2")
        let last = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(last[0] == "v3" && last[1] == "v2" && last[3] == "5" && last[4] == "kelvin" && last[6] == "5")
        #expect(last[2].hasSuffix("Z"), "times are ISO 8601 UTC: \(last[2])")
    }

    @Test func sortStageAndVersionsChooseRowsAndColumns() throws {
        let project = try Self.project()
        #expect(
            try Self.rows(project, "--sort", "train:score.test").map { $0["version"] as? String } == ["v3", "v2", "v1"])
        #expect(
            try Self.rows(project, "--sort", "score.test", "--ascending").map { $0["version"] as? String } == [
                "v1", "v2", "v3",
            ])
        #expect(
            try Self.rows(project, "--sort", "factor", "--ascending").map { $0["version"] as? String } == [
                "v1", "v2", "v3",
            ])
        #expect(try Self.rows(project, "v2", "v1").map { $0["version"] as? String } == ["v2", "v1"])
        #expect(try Self.rows(project, "--limit", "2").map { $0["version"] as? String } == ["v3", "v2"])

        let clean = try Self.rows(project, "--stage", "clean")
        let metrics = try #require(clean.first?["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == ["clean:wall_time"])
        let params = try #require(clean.first?["params"] as? [String: Any])
        #expect(Set(params.keys) == ["clean.factor", "clean.units"], "one stage: its own columns")
        let text = try project.weir("compare", "--stage", "train")
        #expect(text.stdout.contains("train:score.test") && !text.stdout.contains("clean:wall_time"), "\(text.stdout)")
    }

    @Test func unknownColumnsStagesAndVersionsAreRefused() throws {
        let project = try Self.project()
        let sort = try project.weir("compare", "--sort", "scroe.test")
        #expect(sort.status == 2)
        #expect(
            sort.stderr.contains(
                "error: The value 'scroe.test' is invalid for '--sort <column>': no column is named so. Did you mean 'score.test'?"
            ), "\(sort.stderr)")
        let unknown = try project.weir("compare", "--sort", "accuracy")
        #expect(
            unknown.status == 2 && unknown.stderr.contains("The columns are 'clean.factor', 'units'"),
            "\(unknown.stderr)")
        let ambiguous = try project.weir("compare", "--sort", "wall_time")
        #expect(ambiguous.status == 2)
        #expect(
            ambiguous.stderr.contains(
                "error: The value 'wall_time' for '--sort <column>' matches the columns 'clean:wall_time' or 'train:wall_time'. Give the full name of one of them."
            ), "\(ambiguous.stderr)")
        let stage = try project.weir("compare", "--stage", "trian")
        #expect(stage.status == 2)
        #expect(
            stage.stderr.contains("error: None of the compared versions has the stage 'trian'. Did you mean 'train'?"),
            "\(stage.stderr)")
        let version = try project.weir("compare", "v1", "v9")
        #expect(version.status == 1)
        #expect(version.stderr.contains("v9"), "\(version.stderr)")
        let both = try project.weir("compare", "--json", "--csv")
        #expect(
            both.status == 2 && both.stderr.contains("Give either '--json' or '--csv', not both."), "\(both.stderr)")
    }

    @Test func aProjectWithoutVersionsSaysSo() throws {
        let project = try ExperimentProject.make()
        let text = try project.weir("compare")
        #expect(text.status == 0)
        #expect(text.stdout.contains("No versions yet."))
        #expect(try project.weir("compare", "--json").stdout == "[]\n")
        #expect(try project.weir("compare", "--csv").stdout == "version,parent,created_at\n")
        let named = try project.weir("compare", "v1")
        #expect(named.status == 1)
        #expect(named.stderr.contains("No version has been recorded yet; run 'weir run'."), "\(named.stderr)")
    }
}
