import Foundation
import Hummingbird
import Weir

/// The dashboard's routes, grouped by page; each has its JSON twin under `/api/`.
struct Routes {
    let dashboard: Dashboard

    func register(on router: Router<BasicRequestContext>) {
        let pipeline = PipelinePage(dashboard: dashboard)
        let runs = RunsPage(dashboard: dashboard)
        let run = RunDetailPage(dashboard: dashboard)
        let versions = VersionsPage(dashboard: dashboard)
        let compare = ComparePage(dashboard: dashboard)
        let datasets = DatasetsPage(dashboard: dashboard)
        let metrics = MetricsPage(dashboard: dashboard)

        // Pipeline and live progress.
        page(router, "/") { _, _ in try pipeline.page() }
        api(router, "/api/pipeline") { _, _ in try pipeline.json() }
        router.get("/api/status") { _, _ in
            do {
                return Responses.response(try pipeline.status(), type: "application/json; charset=utf-8")
            } catch {
                return Responses.failureJSON(error)
            }
        }
        api(router, "/api/live") { _, _ in try LiveSnapshot.read(try dashboard.store()).json }
        router.get("/live/events") { _, _ in LiveFeed.response(dashboard) }
        router.get("/assets/live.js") { _, _ in
            Responses.response(LiveFeed.script, type: "text/javascript; charset=utf-8")
        }

        // Runs.
        page(router, "/runs") { request, _ in try runs.page(RunsPage.Query(Self.query(request))) }
        api(router, "/api/runs") { request, _ in try runs.listJSON(RunsPage.Query(Self.query(request))) }
        page(router, "/runs/:id") { _, context in try run.page(Self.parameter(context, "id")) }
        api(router, "/api/runs/:id") { _, context in try run.json(Self.parameter(context, "id")) }

        // Versions.
        page(router, "/versions") { _, _ in try versions.page() }
        api(router, "/api/versions") { _, _ in try versions.listJSON() }
        page(router, "/versions/diff") { request, _ in
            let query = Self.query(request)
            return try versions.diffPage(from: query["from"], to: query["to"])
        }
        api(router, "/api/versions/diff") { request, _ in
            let query = Self.query(request)
            return try versions.diffJSON(from: query["from"], to: query["to"])
        }
        page(router, "/versions/:version") { _, context in try versions.detailPage(Self.parameter(context, "version")) }
        api(router, "/api/versions/:version") { _, context in
            try versions.detailJSON(Self.parameter(context, "version"))
        }

        // Versions side by side.
        page(router, "/compare") { request, _ in try compare.page(ComparePage.Query(Self.query(request))) }
        api(router, "/api/compare") { request, _ in try compare.json(ComparePage.Query(Self.query(request))) }

        // Datasets.
        page(router, "/datasets") { _, _ in try datasets.page() }
        api(router, "/api/datasets") { _, _ in try datasets.listJSON() }
        page(router, "/datasets/:stage") { request, context in
            try datasets.detailPage(
                Self.parameter(context, "stage"), search: DatasetsPage.Search(Self.query(request)))
        }
        api(router, "/api/datasets/:stage") { request, context in
            try datasets.detailJSON(
                Self.parameter(context, "stage"), search: DatasetsPage.Search(Self.query(request)))
        }

        // Metrics.
        page(router, "/metrics") { request, _ in
            let query = Self.query(request)
            return try metrics.page(
                stage: query["stage"].flatMap { $0.isEmpty ? nil : $0 }, limit: MetricsPage.limit(query))
        }
        api(router, "/api/metrics") { request, _ in
            let query = Self.query(request)
            return try metrics.json(
                stage: query["stage"].flatMap { $0.isEmpty ? nil : $0 }, limit: MetricsPage.limit(query))
        }

        // Anything else: a page or a JSON error, never a file.
        router.get("/api/**") { request, _ in
            Responses.failureJSON(DashboardError.notFound("No API route '\(request.uri.path)'."))
        }
        router.get("/**") { request, _ in
            Responses.failurePage(
                DashboardError.notFound("There is no page '\(request.uri.path)'. The dashboard serves no files."),
                project: dashboard.name)
        }
    }

    private func page(
        _ router: Router<BasicRequestContext>, _ path: RouterPath,
        _ render: @escaping @Sendable (Request, BasicRequestContext) throws -> Page
    ) {
        let name = dashboard.name
        router.get(path) { request, context in
            do {
                return Responses.html(try render(request, context), project: name)
            } catch {
                return Responses.failurePage(Self.mapped(error), project: name)
            }
        }
    }

    private func api(
        _ router: Router<BasicRequestContext>, _ path: RouterPath,
        _ read: @escaping @Sendable (Request, BasicRequestContext) throws -> JSONDocument
    ) {
        router.get(path) { request, context in
            do {
                return Responses.json(try read(request, context))
            } catch {
                return Responses.failureJSON(Self.mapped(error))
            }
        }
    }

    /// A missing route parameter is the router's own error; everything else stays as it is.
    private static func mapped(_ error: any Error) -> any Error {
        if let error = error as? HTTPError, error.status == .badRequest {
            return DashboardError.badRequest(error.body ?? "The request is incomplete.")
        }
        return error
    }

    /// The query parameters, decoded as HTML forms encode them ('+' for a space, then percent
    /// escapes); the last value of a repeated key wins.
    static func query(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    /// A path parameter, percent-decoded.
    static func parameter(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
