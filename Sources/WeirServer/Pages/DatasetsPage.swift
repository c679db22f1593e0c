import Foundation
import Weir
import WeirColumns
import WeirParquet

/// `/datasets`: the datasets of the pipeline's ingest stages; `/datasets/{stage}`: one dataset's
/// partitions, searchable manifest, rejects with their reasons, and schema.
struct DatasetsPage {
    let dashboard: Dashboard

    static let manifestPageSize = 100
    /// At most this many rejected rows are read from the rejects files.
    static let rejectRowLimit = 200

    /// The dataset an ingest stage writes, opened only when it lies inside the project.
    func dataset(stage name: String) throws -> (StageDefinition, Dataset) {
        let project = try dashboard.pipeline()
        guard let stage = project.pipeline.stage(named: name), stage.kind == .ingest else {
            throw DashboardError.notFound("No ingest stage '\(name)' in weir.yaml, so no dataset of that name.")
        }
        guard let path = dashboard.pathInside(stage.out) else {
            throw DashboardError.notFound(
                "The dataset of stage '\(name)' ('\(stage.out)') does not exist yet, or lies outside the project.")
        }
        do {
            return (stage, try Dataset(path: path))
        } catch {
            throw DashboardError.notFound("'\(stage.out)' is not a dataset yet: it has no manifest. Run 'weir run'.")
        }
    }

    struct Listing {
        var stage: StageDefinition
        var rows: [ManifestRow]?
        var problem: String?
    }

    func listing() throws -> [Listing] {
        try dashboard.pipeline().pipeline.stages.filter { $0.kind == .ingest }.map { stage in
            do {
                let (_, dataset) = try dataset(stage: stage.name)
                return Listing(stage: stage, rows: try dataset.manifestRows())
            } catch {
                return Listing(stage: stage, rows: nil, problem: Responses.describe(error).2)
            }
        }
    }

    func page() throws -> Page {
        let listings = try listing()
        guard !listings.isEmpty else {
            return Page(
                title: "Datasets", section: .datasets,
                body: "<p class=\"notice\">This pipeline has no ingest stage, so no dataset.</p>", api: "/api/datasets")
        }
        var rows: HTML = ""
        for listing in listings {
            let name = listing.stage.name
            guard let manifest = listing.rows else {
                rows +=
                    "<tr><td>\(name)</td><td class=\"mono\">\(listing.stage.out)</td><td colspan=\"4\" class=\"muted\">\(listing.problem ?? "")</td></tr>"
                continue
            }
            let staged = manifest.filter { $0.status == .staged }
            rows += """
                <tr><td><a href="/datasets/\(Link.encode(name))">\(name)</a></td><td class="mono">\(listing.stage.out)</td>\
                <td class="num">\(staged.count)</td><td class="num">\(manifest.count - staged.count)</td>\
                <td class="num">\(Format.count(staged.reduce(0) { $0 + $1.rows }))</td>\
                <td class="num">\(Format.count(manifest.reduce(0) { $0 + $1.rejectedRows }))</td></tr>
                """
        }
        let body: HTML = """
            <table><thead><tr><th>Stage</th><th>Folder</th><th class="num">Files staged</th><th class="num">Files rejected</th>\
            <th class="num">Rows</th><th class="num">Rows rejected</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page(title: "Datasets", section: .datasets, body: body, api: "/api/datasets")
    }

    func listJSON() throws -> JSONDocument {
        .array(
            try listing().map { listing in
                let rows = listing.rows ?? []
                return .object([
                    "stage": .string(listing.stage.name), "out": .string(listing.stage.out),
                    "problem": listing.problem.map { .string($0) } ?? .null,
                    "files_staged": .integer(Int64(rows.filter { $0.status == .staged }.count)),
                    "files_rejected": .integer(Int64(rows.filter { $0.status == .rejected }.count)),
                    "rows": .integer(rows.reduce(0) { $0 + $1.rows }),
                    "rows_rejected": .integer(rows.reduce(0) { $0 + $1.rejectedRows }),
                ])
            })
    }

    struct Search {
        var text: String
        var status: ManifestRow.Status?
        var offset: Int

        init(_ parameters: [String: String]) throws {
            text = parameters["q"] ?? ""
            if let value = parameters["status"], !value.isEmpty {
                guard let status = ManifestRow.Status(rawValue: value) else {
                    throw DashboardError.badRequest("The status '\(value)' is not one of 'staged' or 'rejected'.")
                }
                self.status = status
            }
            offset = 0
            if let value = parameters["offset"], !value.isEmpty {
                guard let number = Int(value), number >= 0 else {
                    throw DashboardError.badRequest(
                        "The offset '\(value)' is invalid. Please give a whole number from 0.")
                }
                offset = number
            }
        }

        /// Whether `row` matches: the text anywhere in its source path, reason or fields (ignoring case).
        func matches(_ row: ManifestRow) -> Bool {
            if let status, row.status != status { return false }
            if text.isEmpty { return true }
            if row.sourcePath.localizedCaseInsensitiveContains(text) { return true }
            if let reason = row.reason, reason.localizedCaseInsensitiveContains(text) { return true }
            return row.fields.values.contains { $0.text?.localizedCaseInsensitiveContains(text) ?? false }
        }
    }

    struct Detail {
        var stage: StageDefinition
        var summary: DatasetSummary
        var partitions: [DatasetPartition]
        var matches: [ManifestRow]
        var total: Int
        var rejectedFiles: [ManifestRow]
        var rejectedRows: RecordBatch?
        var fieldNames: [String]
    }

    func detail(_ name: String, search: Search) throws -> Detail {
        let (stage, dataset) = try dataset(stage: name)
        let rows = try dataset.manifestRows()
        let matches = rows.filter(search.matches)
        return Detail(
            stage: stage, summary: try dataset.summary(), partitions: try dataset.partitions(),
            matches: Array(matches.dropFirst(search.offset).prefix(Self.manifestPageSize)), total: matches.count,
            rejectedFiles: rows.filter { $0.status == .rejected },
            rejectedRows: try Self.rejectedRows(dataset), fieldNames: Set(rows.flatMap(\.fields.keys)).sorted())
    }

    /// The first rows of the dataset's rejects files, as stored (line, text, reason …).
    static func rejectedRows(_ dataset: Dataset) throws -> RecordBatch? {
        let folder = dataset.layout.rejectsDirectory
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasPrefix("run_id=")
        }.sorted()
        var batches: [RecordBatch] = []
        var count = 0
        for run in runs where count < rejectRowLimit {
            let path = folder + "/" + run + "/rejects.parquet"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let reader = try ParquetFileReader(path: path)
            for group in 0..<reader.rowGroupCount where count < rejectRowLimit {
                let batch = try reader.readRowGroup(group)
                batches.append(batch)
                count += batch.rowCount
            }
        }
        guard let first = batches.first else { return nil }
        return batches.count == 1 ? first : (try? RecordBatch.concatenate(batches)) ?? first
    }

    func detailPage(_ name: String, search: Search) throws -> Page {
        let detail = try detail(name, search: search)
        let summary = detail.summary
        var body: HTML = """
            <table><tbody>
            <tr><th>Folder</th><td class="mono">\(detail.stage.out)</td></tr>
            <tr><th>Files</th><td>\(summary.staged) staged, \(summary.rejected) rejected</td></tr>
            <tr><th>Rows</th><td>\(Format.count(summary.rows)) staged, \(Format.count(summary.rejectedRows)) rejected</td></tr>
            <tr><th>Size</th><td>\(Format.bytes(summary.sourceBytes)) of sources, \(Format.bytes(summary.dataBytes)) of Parquet</td></tr>
            <tr><th>Manifest snapshot</th><td>\(summary.snapshot.map { String($0) } ?? "–") (\(summary.snapshots) kept)</td></tr>
            <tr><th>Last staged</th><td>\(Format.microseconds(summary.lastIngestedAt))</td></tr>
            </tbody></table>
            """
        body += "<h2>Partitions</h2>"
        if detail.partitions.isEmpty {
            body += "<p class=\"muted\">No staged file yet.</p>"
        } else {
            var rows: HTML = ""
            for partition in detail.partitions {
                rows += """
                    <tr><td class="mono">\(partition.path.isEmpty ? "(not partitioned)" : partition.path)</td>\
                    <td class="num">\(partition.files)</td><td class="num">\(Format.count(partition.rows))</td>\
                    <td class="num">\(Format.bytes(partition.sourceBytes))</td></tr>
                    """
            }
            body += """
                <table><thead><tr><th>Partition</th><th class="num">Files</th><th class="num">Rows</th>\
                <th class="num">Source size</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        body += rejects(detail)
        body += manifest(detail, search: search)
        body += schema(summary)
        return Page(
            title: "Dataset \(detail.stage.name)", section: .datasets, body: body,
            api: Link.to(
                "/api/datasets/" + Link.encode(name),
                [("q", search.text.isEmpty ? nil : search.text), ("status", search.status?.rawValue)]))
    }

    private func rejects(_ detail: Detail) -> HTML {
        var body: HTML = "<h2>Rejects</h2>"
        if detail.rejectedFiles.isEmpty && detail.rejectedRows == nil {
            return body + "<p class=\"muted\">Nothing was rejected.</p>"
        }
        if !detail.rejectedFiles.isEmpty {
            var rows: HTML = ""
            for row in detail.rejectedFiles {
                rows += "<tr><td class=\"mono\">\(row.sourcePath)</td><td>\(row.reason ?? "–")</td></tr>"
            }
            body += """
                <h3>Files</h3><table><thead><tr><th>Source file</th><th>Reason</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        if let batch = detail.rejectedRows {
            body += "<h3>Rows</h3>" + Self.table(batch, limit: Self.rejectRowLimit)
        }
        return body
    }

    private func manifest(_ detail: Detail, search: Search) -> HTML {
        let name = detail.stage.name
        let statusOptions = HTML(
            joining: ["", "staged", "rejected"].map { value -> HTML in
                let label = value.isEmpty ? "any" : value
                return value == (search.status?.rawValue ?? "")
                    ? "<option selected value=\"\(value)\">\(label)</option>"
                    : "<option value=\"\(value)\">\(label)</option>"
            })
        var body: HTML = """
            <h2 id="manifest">Manifest</h2>
            <form class="filters" method="get" action="/datasets/\(Link.encode(name))#manifest">\
            <label>Search<input type="search" name="q" value="\(search.text)" placeholder="file, field or reason"></label>\
            <label>Status<select name="status">\(statusOptions)</select></label><button type="submit">Search</button></form>
            <p class="muted">\(detail.total) matching files\(detail.total > Self.manifestPageSize ? ", from \(search.offset + 1)" : "").</p>
            """
        var rows: HTML = ""
        for row in detail.matches {
            let fields = HTML(
                joining: detail.fieldNames.map { key -> HTML in "<td>\(row.fields[key]?.text ?? "")</td>" })
            rows += """
                <tr><td class="mono">\(row.sourcePath)</td><td><span class="badge s-\(row.status == .staged ? "succeeded" : "failed")">\
                \(row.status.rawValue)</span></td><td class="num">\(Format.count(row.rows))</td>\
                <td class="num">\(Format.count(row.rejectedRows))</td>\(fields)<td>\(row.reason ?? "")</td>\
                <td><a class="mono" href="/runs/\(row.runID)">\(Format.shortID(row.runID))</a></td></tr>
                """
        }
        let headers = HTML(joining: detail.fieldNames.map { name -> HTML in "<th>\(name)</th>" })
        body += """
            <table><thead><tr><th>Source file</th><th>Status</th><th class="num">Rows</th><th class="num">Rejected rows</th>\
            \(headers)<th>Reason</th><th>Run</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        var pager: HTML = ""
        func link(_ offset: Int) -> String {
            Link.to(
                "/datasets/" + Link.encode(name),
                [
                    ("q", search.text.isEmpty ? nil : search.text), ("status", search.status?.rawValue),
                    ("offset", String(offset)),
                ]) + "#manifest"
        }
        if search.offset > 0 {
            pager += "<a href=\"\(link(max(0, search.offset - Self.manifestPageSize)))\">« Previous</a>"
        }
        if search.offset + Self.manifestPageSize < detail.total {
            pager += "<a rel=\"next\" href=\"\(link(search.offset + Self.manifestPageSize))\">Next »</a>"
        }
        return body + "<div class=\"pager\">\(pager)</div>"
    }

    private func schema(_ summary: DatasetSummary) -> HTML {
        var body: HTML = "<h2>Schema</h2>"
        guard let schema = summary.datasetSchema else {
            var rows: HTML = ""
            for field in summary.schema.fields {
                rows += "<tr><td>\(field.name)</td><td>\(String(describing: field.type))</td></tr>"
            }
            return body + "<table><thead><tr><th>Column</th><th>Type</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        body +=
            "<p>Evolution: <code>\(schema.evolution.rawValue)</code>\(schema.key.map { ", kinds by '" + $0 + "'" } ?? "")</p>"
        for kind in schema.kinds {
            var columns: HTML = ""
            for column in kind.columns { columns += "<tr><td>\(column.name)</td><td>\(column.type)</td></tr>" }
            var history: HTML = ""
            for record in kind.history {
                let changes = record.changes.map(\.text).joined(separator: "; ")
                history +=
                    "<li>version \(record.version) at \(record.at)\(record.snapshot.map { ", snapshot \($0)" } ?? ""): \(changes.isEmpty ? "first schema" : changes)</li>"
            }
            body += """
                <h3>\(kind.kind.map { "Kind '" + $0 + "'" } ?? "All files") · schema version \(kind.version)</h3>
                <table><thead><tr><th>Column</th><th>Type</th></tr></thead><tbody>\(columns)</tbody></table>
                <ul>\(history)</ul>
                """
        }
        return body
    }

    /// A record batch as a table, every value as text.
    static func table(_ batch: RecordBatch, limit: Int) -> HTML {
        let headers = HTML(joining: batch.columns.map { column -> HTML in "<th>\(column.field.name)</th>" })
        var rows: HTML = ""
        for row in 0..<min(batch.rowCount, limit) {
            let cells = HTML(
                joining: batch.columns.map { column -> HTML in "<td>\(column.value(at: row).text ?? "")</td>" })
            rows += "<tr>\(cells)</tr>"
        }
        return "<table><thead><tr>\(headers)</tr></thead><tbody>\(rows)</tbody></table>"
    }

    func detailJSON(_ name: String, search: Search) throws -> JSONDocument {
        let detail = try detail(name, search: search)
        let summary = detail.summary
        func row(_ row: ManifestRow) -> JSONDocument {
            .object([
                "source_path": .string(row.sourcePath), "status": .string(row.status.rawValue),
                "reason": row.reason.map { .string($0) } ?? .null, "rows": .integer(row.rows),
                "rejected_rows": .integer(row.rejectedRows), "data_path": row.dataPath.map { .string($0) } ?? .null,
                "run": .string(row.runID), "source_size": .integer(row.sourceSize),
                "fields": .object(row.fields.mapValues { $0.text.map { .string($0) } ?? .null }),
            ])
        }
        var rejectedRows: [JSONDocument] = []
        if let batch = detail.rejectedRows {
            for index in 0..<min(batch.rowCount, Self.rejectRowLimit) {
                var members: [String: JSONDocument] = [:]
                for column in batch.columns {
                    members[column.field.name] = column.value(at: index).text.map { .string($0) } ?? .null
                }
                rejectedRows.append(.object(members))
            }
        }
        return .object([
            "stage": .string(detail.stage.name), "out": .string(detail.stage.out),
            "summary": .object([
                "files_staged": .integer(Int64(summary.staged)), "files_rejected": .integer(Int64(summary.rejected)),
                "rows": .integer(summary.rows), "rows_rejected": .integer(summary.rejectedRows),
                "source_bytes": .integer(summary.sourceBytes), "data_bytes": .integer(summary.dataBytes),
                "snapshot": summary.snapshot.map { .integer(Int64($0)) } ?? .null,
            ]),
            "partitions": .array(
                detail.partitions.map {
                    .object([
                        "path": .string($0.path), "files": .integer(Int64($0.files)), "rows": .integer($0.rows),
                        "source_bytes": .integer($0.sourceBytes),
                    ])
                }),
            "manifest": .object([
                "total": .integer(Int64(detail.total)), "offset": .integer(Int64(search.offset)),
                "rows": .array(detail.matches.map(row)),
            ]),
            "rejected_files": .array(detail.rejectedFiles.map(row)),
            "rejected_rows": .array(rejectedRows),
            "schema": .array(
                summary.schema.fields.map {
                    .object(["name": .string($0.name), "type": .string(String(describing: $0.type))])
                }),
        ])
    }
}
