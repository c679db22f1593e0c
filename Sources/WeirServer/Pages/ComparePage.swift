import Foundation
import Weir

/// `/compare?versions=v1,v3&stage=S&sort=COLUMN&order=asc&limit=N`: versions side by side, as
/// `weir compare` shows them: the params that differ and every metric of their runs.
struct ComparePage {
    let dashboard: Dashboard

    /// What the query string asks for.
    struct Query {
        var versions: [Int64]?
        var stage: String?
        var sort: String?
        var ascending = false
        var limit = 20

        init(_ query: [String: String]) throws {
            func nonEmpty(_ key: String) -> String? { query[key].flatMap { $0.isEmpty ? nil : $0 } }
            stage = nonEmpty("stage")
            sort = nonEmpty("sort")
            if let order = nonEmpty("order") {
                guard order == "asc" || order == "desc" else {
                    throw DashboardError.badRequest("The order '\(order)' is invalid. Use 'asc' or 'desc'.")
                }
                ascending = order == "asc"
            }
            if let text = nonEmpty("limit") {
                guard let value = Int(text), (1...1000).contains(value) else {
                    throw DashboardError.badRequest(
                        "The limit '\(text)' is invalid. Give a number of versions from 1 to 1000.")
                }
                limit = value
            }
            if let list = nonEmpty("versions") {
                versions = try list.split(separator: ",").map { item in
                    let text = item.trimmingCharacters(in: .whitespaces)
                    let digits = text.hasPrefix("v") || text.hasPrefix("V") ? String(text.dropFirst()) : text
                    guard let id = Int64(digits), id > 0 else {
                        throw DashboardError.badRequest(
                            "The version '\(text)' is invalid. List versions as 'v1,v3' or '1,3'.")
                    }
                    return id
                }
            }
        }
    }

    func comparison(_ query: Query) throws -> VersionComparison? {
        let store = try dashboard.requireStore()
        guard let head = try store.head()?.id else { return nil }
        let ids = try query.versions ?? store.lineage(from: head, limit: query.limit)
        do {
            return try VersionComparison.load(
                from: store, versions: ids, head: head, stage: query.stage, sort: query.sort,
                ascending: query.ascending)
        } catch let error as VersionComparisonError {
            throw DashboardError.badRequest(error.message)
        } catch let error as StateRecordNotFoundError {
            throw DashboardError.notFound(error.description)
        }
    }

    func json(_ query: Query) throws -> JSONDocument {
        JSONDocument(try comparison(query)?.json ?? .array([]))
    }

    func page(_ query: Query) throws -> Page {
        guard let comparison = try comparison(query) else {
            return Page(
                title: "Compare", section: .compare,
                body: "<p class=\"notice\">No version yet: 'weir run' records one when it changes something.</p>",
                api: "/api/compare")
        }
        let columns = comparison.columns
        var header: HTML = "<th>Version</th><th>Parent</th><th>Created</th>"
        for column in columns {
            let order = query.sort == column.name && !query.ascending ? "asc" : "desc"
            let link = "/compare?" + Self.parameters(query, sort: column.name, order: order)
            header += "<th class=\"\(column.kind == .metric ? "num" : "")\"><a href=\"\(link)\">\(column.name)</a></th>"
        }
        var rows: HTML = ""
        for row in comparison.rows {
            let version = row.version
            let badge: HTML = row.isHead ? " <span class=\"badge s-succeeded\">head</span>" : ""
            var cells: HTML = """
                <td><a href="/versions/\(version.id)">\(version.name)</a>\(badge)</td>\
                <td>\(version.parent.map { "v\($0)" } ?? "–")</td><td>\(Format.time(version.createdAt))</td>
                """
            for column in columns {
                switch column.kind {
                case .param:
                    cells += "<td>\(row.params[column.name]?.displayText ?? "–")</td>"
                case .metric:
                    cells +=
                        "<td class=\"num\">\(row.metrics[column.name].map { Self.metric($0, unit: column.unit ?? "") } ?? "–")</td>"
                }
            }
            rows += "<tr>\(cells)</tr>"
        }
        let overrides = comparison.rows.filter { !$0.version.overrides.isEmpty }
        var notes: HTML = ""
        if !overrides.isEmpty {
            notes = "<h2>Overrides</h2><ul>"
            for row in overrides {
                notes += "<li>\(row.version.name): \(row.version.overrides.map(\.text).joined(separator: ", "))</li>"
            }
            notes += "</ul>"
        }
        let body: HTML = """
            <form method="get" action="/compare">\
            <label>Versions <input name="versions" value="\(query.versions.map { $0.map { "v\($0)" }.joined(separator: ",") } ?? "")" placeholder="head and ancestors"></label> \
            <label>Stage <input name="stage" value="\(query.stage ?? "")"></label> \
            <button type="submit">Compare</button></form>
            <p>Params that differ between the versions, then every metric (user metrics, rows, wall time) as \
            stage:name. Click a column to sort by it.</p>
            <table><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table>
            \(notes)
            """
        return Page(
            title: "Compare", section: .compare, body: body,
            api: "/api/compare?" + Self.parameters(query, sort: query.sort, order: query.ascending ? "asc" : "desc"))
    }

    /// A metric as the dashboard shows it: durations and counts by unit, user metrics as numbers.
    static func metric(_ value: Double, unit: String) -> String {
        switch unit {
        case "s": Format.duration(value)
        case "rows": Format.count(Int64(value.rounded()))
        default: VersionComparison.numberText(value)
        }
    }

    /// The query string of this comparison with another sort.
    static func parameters(_ query: Query, sort: String?, order: String) -> String {
        var items: [(String, String)] = []
        if let versions = query.versions {
            items.append(("versions", versions.map { "v\($0)" }.joined(separator: ",")))
        }
        if let stage = query.stage { items.append(("stage", stage)) }
        if let sort { items.append(("sort", sort)) }
        if sort != nil { items.append(("order", order)) }
        if query.limit != 20 { items.append(("limit", String(query.limit))) }
        return items.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
