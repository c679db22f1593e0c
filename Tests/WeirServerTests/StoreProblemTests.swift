import Foundation
import Testing
import Weir

@testable import WeirServer

@Suite("A missing or damaged store")
struct StoreProblemTests {
    @Test(arguments: ["/runs", "/versions", "/metrics", "/runs/abcd1234"])
    func aMissingStoreIsAClearPage(uri: String) async throws {
        let fixture = try ServerFixture.simple()
        let reply = try await fixture.get(uri)
        #expect(reply.status == 404)
        #expect(reply.body.contains("no state store yet"))
        #expect(reply.body.contains("<nav>"))
        #expect(!fixture.project.exists(".weir/state.sqlite"))
    }

    @Test func thePipelinePageWorksWithoutAStore() async throws {
        let fixture = try ServerFixture.simple()
        let reply = try await fixture.get("/")
        #expect(reply.status == 200)
        #expect(reply.body.contains("<svg class=\"dag\""))
        #expect(reply.body.contains("new stage"))
        #expect(reply.body.contains("No session recorded yet."))
        #expect(!fixture.project.exists(".weir"))
        let live = try await fixture.get("/live/events")
        #expect(live.contentType.hasPrefix("text/event-stream"))
        #expect(live.body.hasPrefix("event: idle\n"))
    }

    @Test func aCorruptStoreIsAClearPageNotACrash() async throws {
        let fixture = try ServerFixture.simple()
        try fixture.project.write(".weir/state.sqlite", String(repeating: "this is not a database\n", count: 400))
        let runs = try await fixture.get("/runs")
        #expect(runs.status == 503)
        #expect(runs.body.contains("is not a valid SQLite database"))
        let api = try await fixture.get("/api/versions")
        #expect(api.status == 503)
        #expect((try api.object()["error"] as? String)?.contains("not a valid SQLite database") == true)
        let pipeline = try await fixture.get("/")
        #expect(pipeline.status == 200)
        #expect(pipeline.body.contains("not a valid SQLite database"))
    }

    @Test func theStoreIsNeverWritten() async throws {
        let fixture = try ServerFixture.simple()
        try fixture.recordRuns(5, stage: "clean", in: try fixture.store())
        let path = fixture.project.root + "/.weir/state.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for uri in ["/", "/runs", "/versions", "/metrics", "/api/status", "/api/runs"] {
            _ = try await fixture.get(uri)
        }
        let store = try #require(try StateStore.openForServing(fixture.location))
        #expect(throws: (any Error).self) {
            try store.recordEvent(EventRecord(session: "x", level: .info, stage: nil, kind: "k", message: "m"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(arguments: ["/nothing", "/etc/passwd", "/../../etc/passwd", "/.weir/state.sqlite", "/weir.yaml"])
    func noFileIsServedByPath(uri: String) async throws {
        let fixture = try ServerFixture.simple()
        let reply = try await fixture.get(uri)
        #expect(reply.status == 404)
        #expect(!reply.body.contains("root:"))
        #expect(!reply.body.contains("factor: 2"))
    }

    @Test func anUnknownAPIRouteIsAJSONNotFound() async throws {
        let fixture = try ServerFixture.simple()
        let reply = try await fixture.get("/api/nothing")
        #expect(reply.status == 404)
        #expect(reply.contentType.hasPrefix("application/json"))
    }
}
