import Foundation
import Testing
import Weir

@testable import WeirServer

@Suite("Compare page and API")
struct CompareRouteTests {
    /// Three versions of `clean`, its factor 2, 3 (a hostile string in v3) and its score metric.
    static func fixture() throws -> ServerFixture {
        let fixture = try ServerFixture.simple()
        let store = try fixture.store()
        let session = try store.beginSession(command: "weir run", arguments: []).id
        let factors = [#"2"#, #"3"#, #""<script>alert(1)</script>""#]
        for (index, factor) in factors.enumerated() {
            let run = String(format: "%064x", index + 1)
            try store.recordRun(
                RunRecord(
                    id: run, stage: "clean", fingerprintJSON: #"{"params":{"factor":\#(factor),"mode":"fast"}}"#,
                    session: session, status: .succeeded, reasonsJSON: "[]", startedAt: Date()))
            try store.recordMetric(
                MetricRecord(
                    session: session, stage: "clean", run: run, name: "score", value: Double(index) / 4, unit: ""))
            try store.recordMetric(
                MetricRecord(session: session, stage: "clean", run: run, name: "wall_time", value: 1.5, unit: "s"))
            _ = try store.createVersion(
                parent: index == 0 ? nil : Int64(index), command: "weir run", session: session,
                stages: ["clean": run], note: nil,
                overrides: index == 0 ? [] : [ParamOverride(stage: "clean", name: "factor", value: 3, source: "--set")])
        }
        return fixture
    }

    @Test func thePageShowsTheTableEscapedAndIsInTheNavigation() async throws {
        let fixture = try Self.fixture()
        let reply = try await fixture.get("/compare")
        #expect(reply.status == 200)
        #expect(reply.contentType.hasPrefix("text/html"))
        #expect(reply.body.contains("<a href=\"/compare\" aria-current=\"page\">Compare</a>"))
        #expect(reply.body.contains(">clean.factor</a></th>"))
        #expect(reply.body.contains(">clean:score</a></th>") && reply.body.contains(">clean:wall_time</a></th>"))
        #expect(!reply.body.contains(">clean.mode<"), "a param with one value has no column")
        #expect(reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!reply.body.contains("<script>alert"))
        #expect(reply.body.contains("<td class=\"num\">0.5</td>"))
        #expect(reply.body.contains("v2: clean.factor=3 (--set)"))
        // Newest first: v3 comes before v1.
        let v3 = try #require(reply.body.range(of: "href=\"/versions/3\""))
        let v1 = try #require(reply.body.range(of: "href=\"/versions/1\""))
        #expect(v3.lowerBound < v1.lowerBound)

        let other = try await fixture.get("/versions")
        #expect(other.body.contains("<a href=\"/compare\">Compare</a>"))
        let detail = try await fixture.get("/versions/2")
        #expect(detail.body.contains("<tr><th>Overrides</th><td>clean.factor=3 (--set)</td></tr>"))
        let api = try await fixture.get("/api/versions/2")
        let overrides = try #require(try api.object()["overrides"] as? [[String: Any]])
        #expect(overrides.first?["source"] as? String == "--set")
    }

    @Test func theAPISortsChoosesVersionsAndRefusesUnknownColumns() async throws {
        let fixture = try Self.fixture()
        let sorted = try await fixture.get("/api/compare?sort=score&order=asc")
        #expect(sorted.status == 200)
        let rows = try #require(try sorted.json() as? [[String: Any]])
        #expect(rows.map { $0["version"] as? String } == ["v1", "v2", "v3"])
        #expect((rows[1]["metrics"] as? [String: Any])?["clean:score"] as? Double == 0.25)
        #expect((rows[1]["params"] as? [String: Any])?["clean.factor"] as? Int == 3)
        let chosen = try #require(try await fixture.get("/api/compare?versions=v3,1").json() as? [[String: Any]])
        #expect(chosen.map { $0["version"] as? String } == ["v3", "v1"])

        let unknown = try await fixture.get("/api/compare?sort=scroe")
        #expect(unknown.status == 400)
        #expect(
            try unknown.object()["error"] as? String
                == "The value 'scroe' is invalid for '--sort <column>': no column is named so. Did you mean 'score'? A column may be named by its full name or by the part after ':' or '.' when only one column ends so."
        )
        let missing = try await fixture.get("/compare?versions=v9")
        #expect(missing.status == 404)
        let bad = try await fixture.get("/compare?limit=0")
        #expect(bad.status == 400 && bad.body.contains("The limit &#39;0&#39; is invalid."))
    }

    @Test func withoutVersionsThePageSaysSo() async throws {
        let fixture = try ServerFixture.simple()
        _ = try fixture.store()
        let reply = try await fixture.get("/compare")
        #expect(reply.status == 200)
        #expect(reply.body.contains("No version yet"))
        #expect(try await fixture.get("/api/compare").body.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
