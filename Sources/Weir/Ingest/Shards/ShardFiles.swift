import Foundation
import WeirColumns

/// What the coordinating `weir run` hands every task of a sharded ingest: the files to stage, and
/// everything a task needs to stage them exactly as the coordinator would.
struct ShardPlan: Codable {
    struct Work: Codable {
        var path: String
        var fields: [String: ShardCoding.CodedFieldValue]
        var stat: ShardCoding.CodedStat
        var sha256: String
        var previousRunID: String?
    }

    var projectRoot: String
    var stage: String
    /// The dataset folder being written (the run's temporary output folder).
    var output: String
    /// The stage's configuration digest; a task whose `weir.yaml` says otherwise refuses to stage.
    var configurationDigest: String
    var session: String
    var weirVersion: String
    var now: Int64
    var known: DatasetSchema
    var settled: Bool
    var shards: Int
    var work: [Work]

    /// The indices of the files task `task` stages: every `shards`-th, for an even share of sizes.
    func share(of task: Int) -> [Int] {
        Array(stride(from: task, to: work.count, by: shards))
    }

    static func encode(_ work: IngestPlan.Work) -> Work {
        Work(
            path: work.relativePath, fields: work.fields.mapValues(ShardCoding.CodedFieldValue.init),
            stat: ShardCoding.CodedStat(work.stat), sha256: work.sha256, previousRunID: work.previousRunID)
    }

    static func decode(_ work: Work) throws -> IngestPlan.Work {
        IngestPlan.Work(
            relativePath: work.path, fields: try work.fields.mapValues { try $0.value() }, stat: work.stat.stat,
            sha256: work.sha256, previousRunID: work.previousRunID)
    }
}

/// What one task staged: an outcome per file of its share, by index into the plan's work.
struct ShardResult: Codable {
    struct Row: Codable {
        var runID: String
        var sourcePath: String
        var sourceSize: Int64
        var sourceHash: String
        var status: String
        var reason: String?
        var rows: Int64
        var rejectedRows: Int64
        var dataPath: String?
        var fields: [String: ShardCoding.CodedValue]
        var schemaVersion: Int32
        var weirVersion: String
        var session: String
        var ingestedAt: Int64
    }

    struct Rejected: Codable {
        var line: Int
        var column: Int?
        var byteOffset: Int?
        var reason: String
        var text: String
    }

    struct Part: Codable {
        var path: String
        var stat: ShardCoding.CodedStat
        var sha256: String
    }

    struct Field: Codable {
        var name: String
        /// The type by the name `schema:` entries use (`double`, `timestamp_us_utc`, `decimal(10,2)`).
        var type: String
        var nullable: Bool
    }

    struct Outcome: Codable {
        var index: Int
        var row: Row
        var rejectedRows: [Rejected]
        var bytesRead: Int64
        var part: Part?
        var stop: String?
        var kind: String?
        var fields: [Field]
        var valueless: [String]
    }

    var task: Int
    var outcomes: [Outcome]

    static func encode(_ outcome: FileStager.Outcome, index: Int) -> Outcome {
        let row = outcome.row
        return Outcome(
            index: index,
            row: Row(
                runID: row.runID, sourcePath: row.sourcePath, sourceSize: row.sourceSize, sourceHash: row.sourceHash,
                status: row.status.rawValue, reason: row.reason, rows: row.rows, rejectedRows: row.rejectedRows,
                dataPath: row.dataPath, fields: row.fields.mapValues(ShardCoding.CodedValue.init),
                schemaVersion: row.schemaVersion, weirVersion: row.weirVersion, session: row.session,
                ingestedAt: row.ingestedAt),
            rejectedRows: outcome.rejectedRows.map {
                Rejected(line: $0.line, column: $0.column, byteOffset: $0.byteOffset, reason: $0.reason, text: $0.text)
            },
            bytesRead: outcome.bytesRead,
            part: outcome.part.map { Part(path: $0.path, stat: ShardCoding.CodedStat($0.stat), sha256: $0.sha256) },
            stop: outcome.stop, kind: outcome.kind,
            fields: outcome.fields.map {
                Field(name: $0.name, type: ColumnTypeName.name(of: $0.type), nullable: $0.nullable)
            },
            valueless: outcome.valueless.sorted())
    }

    static func decode(_ coded: Outcome) throws -> FileStager.Outcome {
        let row = coded.row
        guard let status = ManifestRow.Status(rawValue: row.status) else {
            throw ShardFileError(message: "the unknown status '\(row.status)'")
        }
        let manifestRow = ManifestRow(
            runID: row.runID, sourcePath: row.sourcePath, sourceSize: row.sourceSize, sourceHash: row.sourceHash,
            status: status, reason: row.reason, rows: row.rows, rejectedRows: row.rejectedRows, dataPath: row.dataPath,
            fields: try row.fields.mapValues { try $0.value() }, schemaVersion: row.schemaVersion,
            weirVersion: row.weirVersion, session: row.session, ingestedAt: row.ingestedAt)
        return FileStager.Outcome(
            row: manifestRow,
            rejectedRows: coded.rejectedRows.map {
                FileStager.RejectedRow(
                    line: $0.line, column: $0.column, byteOffset: $0.byteOffset, reason: $0.reason, text: $0.text)
            },
            bytesRead: coded.bytesRead,
            part: coded.part.map { FileStager.WrittenPart(path: $0.path, stat: $0.stat.stat, sha256: $0.sha256) },
            stop: coded.stop, kind: coded.kind,
            fields: try coded.fields.map { field in
                guard let type = ColumnTypeName.parse(field.type) else {
                    throw ShardFileError(message: "the unknown column type '\(field.type)'")
                }
                return WeirColumns.Field(field.name, type, nullable: field.nullable)
            },
            valueless: Set(coded.valueless))
    }
}
