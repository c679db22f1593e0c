import Foundation
import Testing
import WeirTestSupport

@Suite struct HistoryVersionTests {
    @Test func versionsListsLineageWithTheHeadMarked() throws {
        let fixture = try HistoryFixture()
        let result = try TestEnvironment.weir(["versions", "-C", fixture.root])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("   VERSION  PARENT  CREATED (UTC)"))
        #expect(
            lines[0].split(separator: " ") == ["VERSION", "PARENT", "CREATED", "(UTC)", "COMMAND", "BY", "CHANGED"])
        #expect(lines[1].hasPrefix("   v1       -       "))
        #expect(lines[1].hasSuffix("added clean, features"))
        #expect(lines[2].hasPrefix("   v2       v1      "))
        #expect(lines[2].hasSuffix("changed clean, features"))
        #expect(lines[3].hasPrefix("*  v3       v1      "))
        #expect(lines[3].contains("  weir run --from-version v1  "))
        #expect(lines[3].hasSuffix("added report"))
    }

    @Test func versionsGraphDrawsTheParentTree() throws {
        let fixture = try HistoryFixture()
        _ = try fixture.store.createVersion(parent: 3, command: "weir run", session: "s", stages: [:], note: nil)
        _ = try fixture.store.createVersion(parent: nil, command: "weir run", session: "s", stages: [:], note: nil)
        let result = try fixture.weir(["versions", "--graph"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("v1  ") && lines[0].hasSuffix("added clean, features"))
        #expect(lines[1].hasPrefix("├── v2  ") && lines[1].hasSuffix("changed clean, features"))
        #expect(lines[2].hasPrefix("└── v3  ") && lines[2].hasSuffix("added report"))
        // v4 is v3's only child: drawn under it at the same indentation; it is the head until v5.
        #expect(lines[3].hasPrefix("    v4  ") && lines[3].hasSuffix("removed clean, features, report"))
        #expect(lines[4] == "")
        #expect(lines[5].hasPrefix("v5 *  ") && lines[5].hasSuffix("no stage changed"))
    }

    @Test func versionsJSONShape() throws {
        let fixture = try HistoryFixture()
        let versions = try #require(try fixture.json(["versions", "--json"]) as? [[String: Any]])
        #expect(versions.count == 3)
        let v3 = versions[2]
        #expect(
            Set(v3.keys) == [
                "id", "name", "parent", "head", "created_at", "command", "session", "user", "host", "note", "overrides",
                "stages", "changes",
            ])
        #expect(v3["id"] as? Int == 3 && v3["name"] as? String == "v3" && v3["parent"] as? Int == 1)
        #expect(v3["head"] as? Bool == true && versions[0]["head"] as? Bool == false)
        #expect(versions[0]["parent"] is NSNull && versions[0]["note"] is NSNull)
        #expect(v3["note"] as? String == "with the report")
        #expect((v3["stages"] as? [String: String])?["report"] == HistoryFixture.id("0001"))
        let changes = try #require(v3["changes"] as? [String: [String]])
        #expect(changes == ["added": ["report"], "removed": [], "changed": []])
        let created = try #require(v3["created_at"] as? String)
        #expect(created.count == 24 && created.hasSuffix("Z") && created.contains("T"))
    }

    @Test func showVersionListsItsStagesAndRuns() throws {
        let fixture = try HistoryFixture()
        for identifier in ["v2", "2", "V2"] {
            let result = try fixture.weir(["show", identifier])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines[0] == "Version v2")
            #expect(lines[1] == "Parent:   v1")
            #expect(lines[2].hasPrefix("Created:  ") && lines[2].contains(" UTC by "))
            #expect(lines[3] == "Command:  weir run")
            #expect(lines[4] == "Session:  \(fixture.sessions[1].id)")
            #expect(lines[5] == "STAGE     RUN           STATUS     FINISHED (UTC)")
            #expect(lines[6] == "clean     333300000000  succeeded  2026-11-18 11:16:42")
            #expect(lines[7] == "features  444400000000  succeeded  2026-11-18 11:17:42")
        }
        let head = try fixture.weir(["show", "head"])
        #expect(head.stdout.hasPrefix("Version v3 (head)\n"))
        #expect(head.stdout.contains("Note:     with the report\n"))
    }

    @Test func showVersionJSONShape() throws {
        let fixture = try HistoryFixture()
        let version = try #require(try fixture.json(["show", "v3", "--json"]) as? [String: Any])
        #expect(version["kind"] as? String == "version")
        #expect(version["id"] as? Int == 3 && version["head"] as? Bool == true)
        let stages = try #require(version["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == ["clean", "features", "report"])
        #expect(stages[2]["run"] as? String == HistoryFixture.id("0001"))
        #expect(stages[2]["status"] as? String == "succeeded")
        #expect(stages[2]["finished_at"] as? String == "2026-11-18T11:26:42.000Z")
    }

    @Test func diffNamesTheFingerprintKeysThatChanged() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["diff", "v1", "v2"])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                Comparing v1 with v2
                changed    clean  run 111100000000 → 333300000000
                             params.factor: 2 → 3
                changed    features  run 222200000000 → 444400000000
                             upstream.clean: "out1" → "out2"

                """)
        let added = try fixture.weir(["diff", "1", "head"])
        #expect(
            added.stdout == """
                Comparing v1 with v3
                added      report  run 000100000000
                unchanged  clean, features

                """)
        let removed = try fixture.weir(["diff", "v3", "v1"])
        #expect(removed.stdout.contains("removed    report  run 000100000000\n"))
        let same = try fixture.weir(["diff", "v1", "v1"])
        #expect(same.stdout == "Comparing v1 with v1\nNo stage changed: clean, features\n")
    }

    @Test func diffJSONShape() throws {
        let fixture = try HistoryFixture()
        let diff = try #require(try fixture.json(["diff", "v2", "v3", "--json"]) as? [String: Any])
        #expect(diff["from"] as? Int == 2 && diff["to"] as? Int == 3)
        #expect((diff["added"] as? [[String: String]]) == [["stage": "report", "run": HistoryFixture.id("0001")]])
        #expect((diff["removed"] as? [Any])?.isEmpty == true)
        #expect((diff["unchanged"] as? [String]) == [])
        let changed = try #require(diff["changed"] as? [[String: Any]])
        #expect(changed.map { $0["stage"] as? String } == ["clean", "features"])
        #expect(changed[0]["old_run"] as? String == HistoryFixture.id("3333"))
        #expect(changed[0]["new_run"] as? String == HistoryFixture.id("1111"))
        let differences = try #require(changed[0]["differences"] as? [[String: Any]])
        #expect(differences.count == 1)
        #expect(differences[0]["key"] as? String == "params.factor")
        #expect(differences[0]["old"] as? Int == 3 && differences[0]["new"] as? Int == 2)
    }

    @Test func diffOfUnknownVersionsFails() throws {
        let fixture = try HistoryFixture()
        let result = try fixture.weir(["diff", "v1", "v7"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: There is no version 'v7'. The versions are v1 to v3; see 'weir versions'.\n")
        let invalid = try fixture.weir(["diff", "v1", "latest"])
        #expect(invalid.status == 1)
        #expect(
            invalid.stderr == "error: The version 'latest' is not valid: write a version as 'v3', '3' or 'head'.\n")
    }
}
