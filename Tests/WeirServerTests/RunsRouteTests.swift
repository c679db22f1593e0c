import Foundation
import Testing
import Weir

@testable import WeirServer

@Suite("Runs pages and API")
struct RunsRouteTests {
    @Test func runsArePagedByCursorWithoutGapsOrRepeats() async throws {
        let fixture = try ServerFixture.simple()
        let store = try fixture.store()
        let ids = try fixture.recordRuns(120, stage: "clean", in: store)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let uri = "/api/runs?limit=50" + (cursor.map { "&cursor=" + Link.encode($0) } ?? "")
            let reply = try await fixture.get(uri)
            #expect(reply.status == 200)
            #expect(reply.contentType.hasPrefix("application/json"))
            let object = try reply.object()
            let runs = try #require(object["runs"] as? [[String: Any]])
            seen += runs.compactMap { $0["id"] as? String }
            cursor = object["next"] as? String
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(seen == ids.reversed())
    }

    @Test func runsFilterByStageAndStatus() async throws {
        let fixture = try ServerFixture.simple()
        let store = try fixture.store()
        try fixture.recordRuns(14, stage: "clean", in: store)
        let reply = try await fixture.get("/api/runs?stage=clean&status=failed")
        let runs = try #require(try reply.object()["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["status"] as? String == "failed" && $0["stage"] as? String == "clean" })
        let other = try await fixture.get("/api/runs?stage=nothing")
        #expect((try other.object()["runs"] as? [Any])?.isEmpty == true)
    }

    @Test func runsPageLinksTheNextPageAndShowsReasons() async throws {
        let fixture = try ServerFixture.simple()
        try fixture.recordRuns(60, stage: "clean", in: try fixture.store())
        let reply = try await fixture.get("/runs")
        #expect(reply.status == 200)
        #expect(reply.contentType.hasPrefix("text/html"))
        #expect(reply.body.contains("param &#39;n&#39; changed 58 → 59"))
        #expect(reply.body.contains("rel=\"next\""))
        #expect(reply.body.components(separatedBy: "<tr><td>").count - 1 == 50)
        let next = try #require(reply.body.range(of: "rel=\"next\" href=\"")).upperBound
        let link = String(reply.body[next...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        let second = try await fixture.get(link)
        #expect(second.status == 200)
        #expect(second.body.components(separatedBy: "<tr><td>").count - 1 == 10)
        #expect(!second.body.contains("rel=\"next\""))
    }

    @Test(arguments: ["/api/runs?cursor=garbage", "/api/runs?limit=0", "/api/runs?status=done", "/runs?limit=9999"])
    func badQueriesAreRejectedWithAMessage(uri: String) async throws {
        let fixture = try ServerFixture.simple()
        try fixture.recordRuns(3, stage: "clean", in: try fixture.store())
        let reply = try await fixture.get(uri)
        #expect(reply.status == 400)
        #expect(reply.body.contains("invalid") || reply.body.contains("not one"))
    }

    @Test func aRunShowsItsReasonsFingerprintTimingsAndMetrics() async throws {
        let fixture = try ServerFixture.simple()
        let store = try fixture.store()
        let ids = try fixture.recordRuns(3, stage: "clean", in: store)
        try store.recordMetric(
            MetricRecord(session: "s1", stage: "clean", run: ids[1], name: "rows", value: 1234, unit: "rows"))
        let page = try await fixture.get("/runs/" + ids[1])
        #expect(page.status == 200)
        #expect(page.body.contains(ids[1]))
        #expect(page.body.contains("param &#39;n&#39; changed 1 → 2"))
        #expect(page.body.contains("&quot;params&quot;"))
        #expect(page.body.contains("1,234 rows"))
        #expect(page.body.contains("1.50 s"))
        let api = try await fixture.get("/api/runs/" + ids[1])
        let object = try api.object()
        #expect(object["id"] as? String == ids[1])
        #expect((object["fingerprint"] as? [String: Any])?["stage"] as? String == "clean")
        #expect((object["metrics"] as? [[String: Any]])?.first?["name"] as? String == "rows")
        #expect(object["wall_seconds"] as? Double == 1.5)
    }

    @Test func anUnknownRunIsANotFoundPage() async throws {
        let fixture = try ServerFixture.simple()
        try fixture.recordRuns(2, stage: "clean", in: try fixture.store())
        let page = try await fixture.get("/runs/ffffffffffff")
        #expect(page.status == 404)
        #expect(page.body.contains("No run &#39;ffffffffffff&#39; is recorded"))
        let api = try await fixture.get("/api/runs/zzzz")
        #expect(api.status == 404)
        #expect(try api.object()["error"] as? String != nil)
    }

    @Test func stageNamesAndReasonsAreEscaped() async throws {
        let fixture = try ServerFixture.simple()
        let store = try fixture.store()
        try store.recordRun(
            RunRecord(
                id: String(repeating: "a", count: 64), stage: "<script>alert(1)</script>", fingerprintJSON: "{}",
                session: "s1", status: .succeeded,
                reasonsJSON: #"[{"kind":"input-changed","path":"raw/<img src=x onerror=alert(2)>.csv"}]"#,
                startedAt: Date()))
        let page = try await fixture.get("/runs")
        #expect(!page.body.contains("<script>alert(1)"))
        #expect(!page.body.contains("<img src=x"))
        #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.body.contains("&lt;img src=x onerror=alert(2)&gt;"))
        let run = try await fixture.get("/runs/" + String(repeating: "a", count: 64))
        #expect(!run.body.contains("<script>alert"))
        #expect(run.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
    }
}
