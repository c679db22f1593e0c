import Foundation
import Weir

/// `/versions`: the lineage tree; `/versions/{n}`: a version's stage → run table;
/// `/versions/diff?from=&to=`: what changed between two versions and why.
struct VersionsPage {
    let dashboard: Dashboard

    /// One row of the lineage tree, in depth-first order.
    struct TreeRow {
        var version: VersionRecord
        /// How many branches deep: a chain of single children stays at one depth.
        var indent: Int
        /// Whether the version is not its parent's first child (a branch).
        var branch: Bool
    }

    /// The versions depth first from each root, children oldest first.
    static func tree(_ versions: [VersionRecord]) -> [TreeRow] {
        let known = Set(versions.map(\.id))
        var children: [Int64: [VersionRecord]] = [:]
        var roots: [VersionRecord] = []
        for version in versions {
            if let parent = version.parent, known.contains(parent) {
                children[parent, default: []].append(version)
            } else {
                roots.append(version)
            }
        }
        var rows: [TreeRow] = []
        // An explicit stack: a chain of thousands of versions must not recurse thousands deep.
        var stack: [(VersionRecord, Int, Bool)] = roots.reversed().map { ($0, 0, false) }
        while let (version, indent, branch) = stack.popLast() {
            rows.append(TreeRow(version: version, indent: indent, branch: branch))
            let kids = children[version.id] ?? []
            for (index, child) in kids.enumerated().reversed() {
                stack.append((child, index == 0 ? indent : indent + 1, index > 0))
            }
        }
        return rows
    }

    func page() throws -> Page {
        let store = try dashboard.requireStore()
        let versions = try store.versions()
        let head = try store.head()?.id
        guard !versions.isEmpty else {
            return Page(
                title: "Versions", section: .versions,
                body: "<p class=\"notice\">No version yet: 'weir run' records one when it changes something.</p>",
                api: "/api/versions")
        }
        var rows: HTML = ""
        for row in Self.tree(versions).reversed() {
            let version = row.version
            let marker = String(repeating: "│ ", count: row.indent) + (row.branch ? "├ " : "")
            let headBadge: HTML = version.id == head ? " <span class=\"badge s-succeeded\">head</span>" : ""
            rows += """
                <tr><td class="tree">\(marker)<a href="/versions/\(version.id)">\(version.name)</a>\(headBadge)</td>\
                <td>\(version.parent.map { "v\($0)" } ?? "–")</td><td>\(version.command)</td>\
                <td>\(Format.time(version.createdAt))</td><td>\(version.user)@\(version.host)</td>\
                <td class="num">\(version.stages.count)</td><td>\(version.note ?? "")</td>\
                <td>\(version.parent.map { parent -> HTML in "<a href=\"/versions/diff?from=\(parent)&amp;to=\(version.id)\">diff</a>" } ?? "")</td></tr>
                """
        }
        let body: HTML = """
            \(diffForm(versions, from: versions.count > 1 ? versions[versions.count - 2].id : nil, to: versions.last?.id))
            <table><thead><tr><th>Lineage</th><th>Parent</th><th>Command</th><th>Created</th><th>By</th>\
            <th class="num">Stages</th><th>Note</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page(title: "Versions", section: .versions, body: body, api: "/api/versions")
    }

    private func diffForm(_ versions: [VersionRecord], from: Int64?, to: Int64?) -> HTML {
        func options(_ selected: Int64?) -> HTML {
            HTML(
                joining: versions.reversed().map { version -> HTML in
                    version.id == selected
                        ? "<option selected value=\"\(version.id)\">\(version.name)</option>"
                        : "<option value=\"\(version.id)\">\(version.name)</option>"
                })
        }
        return """
            <form class="filters" method="get" action="/versions/diff"><label>From<select name="from">\(options(from))</select></label>\
            <label>To<select name="to">\(options(to))</select></label><button type="submit">Compare</button></form>
            """
    }

    func listJSON() throws -> JSONDocument {
        let store = try dashboard.requireStore()
        let head = try store.head()?.id
        return .object([
            "head": head.map { .integer($0) } ?? .null,
            "versions": .array(try store.versions().map(Self.json)),
        ])
    }

    static func json(_ version: VersionRecord) -> JSONDocument {
        .object([
            "id": .integer(version.id), "parent": version.parent.map { .integer($0) } ?? .null,
            "command": .string(version.command), "session": .string(version.session), "user": .string(version.user),
            "host": .string(version.host), "created_at": .string(StateTime.format(version.createdAt)),
            "note": version.note.map { .string($0) } ?? .null,
            "overrides": JSONDocument(version.overrides.json),
            "stages": .object(version.stages.mapValues { .string($0) }),
        ])
    }

    /// `v3`, `3` or `head`.
    func version(_ text: String, in store: StateStore) throws -> VersionRecord {
        if text == "head" {
            guard let head = try store.head() else { throw DashboardError.notFound("There is no head version yet.") }
            return head
        }
        let digits = text.hasPrefix("v") ? String(text.dropFirst()) : text
        guard let id = Int64(digits), id > 0 else {
            throw DashboardError.badRequest("The version '\(text)' is invalid. Please give 'v3', '3' or 'head'.")
        }
        guard let version = try store.version(id) else {
            throw DashboardError.notFound("No version 'v\(id)' is recorded. See the list of versions.")
        }
        return version
    }

    func detail(_ text: String) throws -> (VersionRecord, [String: RunRecord]) {
        let store = try dashboard.requireStore()
        let version = try version(text, in: store)
        return (version, try store.runs(withIDs: version.stages.values))
    }

    func detailPage(_ text: String) throws -> Page {
        let (version, runs) = try detail(text)
        var rows: HTML = ""
        for (stage, id) in version.stages.sorted(by: { $0.key < $1.key }) {
            let run = runs[id]
            rows += """
                <tr><td>\(stage)</td><td><a class="mono" href="/runs/\(id)">\(Format.shortID(id))</a></td>\
                <td>\(run.map { $0.status.rawValue } ?? "not recorded")</td><td>\(Format.time(run?.startedAt))</td>\
                <td class="num">\(Format.duration(run?.wallSeconds))</td><td>\(run.map { RunsPage.reasonText($0.reasonsJSON) } ?? "")</td></tr>
                """
        }
        let parent: HTML =
            version.parent.map { parent in
                "<a href=\"/versions/\(parent)\">v\(parent)</a> · <a href=\"/versions/diff?from=\(parent)&amp;to=\(version.id)\">diff with it</a>"
            } ?? "none"
        let body: HTML = """
            <table><tbody><tr><th>Parent</th><td>\(parent)</td></tr>
            <tr><th>Command</th><td>\(version.command)</td></tr><tr><th>Session</th><td class="mono">\(version.session)</td></tr>
            <tr><th>Created</th><td>\(Format.time(version.createdAt)) by \(version.user)@\(version.host)</td></tr>
            <tr><th>Note</th><td>\(version.note ?? "–")</td></tr>
            <tr><th>Overrides</th><td>\(version.overrides.isEmpty ? "none: weir.yaml's params" : version.overrides.map(\.text).joined(separator: ", "))</td></tr></tbody></table>
            <h2>Stages</h2><table><thead><tr><th>Stage</th><th>Run</th><th>Status</th><th>Started</th>\
            <th class="num">Wall time</th><th>Why it ran</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page(
            title: "Version \(version.name)", section: .versions, body: body, api: "/api/versions/\(version.id)")
    }

    func detailJSON(_ text: String) throws -> JSONDocument {
        let (version, runs) = try detail(text)
        guard case .object(var members) = Self.json(version) else { return .null }
        members["runs"] = .object(runs.mapValues(RunsPage.json))
        return .object(members)
    }

    struct Diff {
        var old: VersionRecord
        var new: VersionRecord
        var changes: StageChanges
        var differences: [String: [JSONDifference]]
    }

    func diff(from: String?, to: String?) throws -> Diff {
        guard let from, let to, !from.isEmpty, !to.isEmpty else {
            throw DashboardError.badRequest("Give two versions to compare: '/versions/diff?from=v1&to=v2'.")
        }
        let store = try dashboard.requireStore()
        let old = try version(from, in: store)
        let new = try version(to, in: store)
        let changes = StageChanges(from: old.stages, to: new.stages)
        let runs = try store.runs(withIDs: changes.changed.flatMap { [$0.oldRun, $0.newRun] })
        var differences: [String: [JSONDifference]] = [:]
        for change in changes.changed {
            guard let oldRun = runs[change.oldRun], let newRun = runs[change.newRun] else { continue }
            differences[change.stage] = JSONDiff.differences(
                JSONDocument(parsingOrKeeping: oldRun.fingerprintJSON),
                JSONDocument(parsingOrKeeping: newRun.fingerprintJSON))
        }
        return Diff(old: old, new: new, changes: changes, differences: differences)
    }

    func diffPage(from: String?, to: String?) throws -> Page {
        let diff = try diff(from: from, to: to)
        var rows: HTML = ""
        for entry in diff.changes.added {
            rows += "<tr><td>added</td><td>\(entry.stage)</td><td>–</td><td>\(runLink(entry.run))</td><td></td></tr>"
        }
        for entry in diff.changes.removed {
            rows += "<tr><td>removed</td><td>\(entry.stage)</td><td>\(runLink(entry.run))</td><td>–</td><td></td></tr>"
        }
        for change in diff.changes.changed {
            let keys = (diff.differences[change.stage] ?? []).map { difference -> HTML in
                let old = difference.old.map { $0.rendered() } ?? "(absent)"
                let new = difference.new.map { $0.rendered() } ?? "(absent)"
                return
                    "<li><code>\(difference.path.isEmpty ? "(document)" : difference.path)</code>: \(old) → \(new)</li>"
            }
            rows += """
                <tr><td>changed</td><td>\(change.stage)</td><td>\(runLink(change.oldRun))</td><td>\(runLink(change.newRun))</td>\
                <td><ul>\(keys)</ul></td></tr>
                """
        }
        let unchanged: HTML =
            diff.changes.unchanged.isEmpty
            ? "" : "<p class=\"muted\">Unchanged: \(diff.changes.unchanged.joined(separator: ", "))</p>"
        let table: HTML =
            diff.changes.isEmpty
            ? "<p class=\"notice\">No stage changed.</p>"
            : """
            <table><thead><tr><th>Change</th><th>Stage</th><th>\(diff.old.name)</th><th>\(diff.new.name)</th>\
            <th>Fingerprint keys that differ</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page(
            title: "\(diff.old.name) → \(diff.new.name)", section: .versions, body: table + unchanged,
            api: "/api/versions/diff?from=\(diff.old.id)&to=\(diff.new.id)")
    }

    private func runLink(_ id: String) -> HTML {
        "<a class=\"mono\" href=\"/runs/\(id)\">\(Format.shortID(id))</a>"
    }

    func diffJSON(from: String?, to: String?) throws -> JSONDocument {
        let diff = try diff(from: from, to: to)
        return .object([
            "from": .integer(diff.old.id), "to": .integer(diff.new.id),
            "added": .array(diff.changes.added.map { .object(["stage": .string($0.stage), "run": .string($0.run)]) }),
            "removed": .array(
                diff.changes.removed.map { .object(["stage": .string($0.stage), "run": .string($0.run)]) }),
            "changed": .array(
                diff.changes.changed.map { change in
                    .object([
                        "stage": .string(change.stage), "old_run": .string(change.oldRun),
                        "new_run": .string(change.newRun),
                        "differences": diff.differences[change.stage].map { list in
                            .array(
                                list.map { difference in
                                    var members: [String: JSONDocument] = ["key": .string(difference.path)]
                                    members["old"] = difference.old
                                    members["new"] = difference.new
                                    return .object(members)
                                })
                        } ?? .null,
                    ])
                }),
            "unchanged": .array(diff.changes.unchanged.map { .string($0) }),
        ])
    }
}
