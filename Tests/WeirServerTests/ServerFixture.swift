import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Weir
import WeirTestSupport

@testable import WeirServer

/// A project for the dashboard's tests, and a way to ask its routes.
struct ServerFixture {
    let project: PipelineFixture

    init(_ files: [String: String]) throws {
        project = try PipelineFixture(files)
    }

    /// A project with one command stage and no state store yet.
    static func simple() throws -> ServerFixture {
        try ServerFixture([
            "weir.yaml": """
            stages:
              clean:
                cmd: echo ${params.factor} > ${out}/value.txt
                params: {factor: 2}
                out: build/clean
            """
        ])
    }

    var location: ProjectLocation { ProjectLocation(root: project.root) }

    /// The store, created as `weir run` creates it, for writing records directly.
    func store() throws -> StateStore {
        try StateStore.open(location)
    }

    /// GETs `uri` through the router, as the server would serve it.
    func get(_ uri: String) async throws -> Reply {
        let app = DashboardServer(project: location).application()
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                Reply(
                    status: response.status.code, contentType: response.headers[.contentType] ?? "",
                    body: String(buffer: response.body), headers: response.headers)
            }
        }
    }

    /// Records `count` runs of `stage`, one second apart, the newest last; returns their ids.
    @discardableResult
    func recordRuns(_ count: Int, stage: String, in store: StateStore, session: String = "s1") throws -> [String] {
        var ids: [String] = []
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for index in 0..<count {
            let id = String(format: "%064x", index + 1)
            try store.recordRun(
                RunRecord(
                    id: id, stage: stage, fingerprintJSON: #"{"stage":"\#(stage)","params":{"n":\#(index)}}"#,
                    session: session, status: index % 7 == 3 ? .failed : .succeeded,
                    reasonsJSON: #"[{"kind":"param-changed","name":"n","old":\#(index),"new":\#(index + 1)}]"#,
                    startedAt: start.addingTimeInterval(Double(index)),
                    finishedAt: start.addingTimeInterval(Double(index) + 0.5), exitCode: 0, outputHash: "abc",
                    outputBytes: 1000, outputFiles: 1, wallSeconds: 0.5 + Double(index % 5), cpuSeconds: 0.4,
                    peakMemoryBytes: Int64(10_000_000 + index * 1000)))
            ids.append(id)
        }
        return ids
    }
}

struct Reply {
    var status: Int
    var contentType: String
    var body: String
    var headers: HTTPFields

    /// The body parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
    }

    func object() throws -> [String: Any] {
        try #require(try json() as? [String: Any])
    }
}
