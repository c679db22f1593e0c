import Testing
import WeirColumns

@testable import Weir

@Suite struct IngestPlanTests {
    let stat = FileStat(kind: .file, device: 1, inode: 2, size: 3, mtimeNanoseconds: 4)

    func row(_ path: String, hash: String, status: ManifestRow.Status = .staged, reason: String? = nil) -> ManifestRow {
        ManifestRow(
            runID: "run-" + path, sourcePath: path, sourceSize: 3, sourceHash: hash, status: status, reason: reason,
            rows: 1, dataPath: nil, fields: [:], weirVersion: "0.1.0", session: "s", ingestedAt: 0
        )
    }

    func discovery(_ paths: [String], rejected: [String] = []) -> SourceDiscovery.Result {
        var result = SourceDiscovery.Result()
        result.matches = paths.map { SourceDiscovery.Match(relativePath: $0, fields: [:], stat: stat) }
        result.rejections = rejected.map { SourceDiscovery.Rejection(relativePath: $0, reason: "The name does not match the pattern: x.", stat: stat) }
        return result
    }

    @Test func unchangedFilesWithAFreshStatCacheAreNotRead() throws {
        let plan = try IngestPlan.make(
            discovery: discovery(["a.csv"]), manifest: ["a.csv": row("a.csv", hash: "h1")],
            statCache: ["a.csv": (stat, "h1")],
            hash: { path in Issue.record("'\(path)' should not be read"); return "" }
        )
        #expect(plan.unchanged == ["a.csv"])
        #expect(plan.isNoOp)
        #expect(plan.hashed.isEmpty)
    }

    @Test func touchedButIdenticalFilesAreHashedThenSkipped() throws {
        var moved = stat
        moved.mtimeNanoseconds += 1
        let plan = try IngestPlan.make(
            discovery: discovery(["a.csv"]), manifest: ["a.csv": row("a.csv", hash: "h1")],
            statCache: ["a.csv": (moved, "h1")], hash: { _ in "h1" }
        )
        #expect(plan.unchanged == ["a.csv"])
        #expect(plan.hashed["a.csv"]?.sha256 == "h1")
    }

    @Test func newAndChangedFilesAreStagedAndSupersedeTheirRow() throws {
        let plan = try IngestPlan.make(
            discovery: discovery(["a.csv", "b.csv"]), manifest: ["a.csv": row("a.csv", hash: "old")],
            statCache: [:], hash: { _ in "new" }
        )
        #expect(plan.toStage.map(\.relativePath) == ["a.csv", "b.csv"])
        #expect(plan.toStage[0].previousRunID == "run-a.csv")
        #expect(plan.toStage[1].previousRunID == nil)
    }

    @Test func rejectedNamesAreReportedOnceAndDeletedSourcesListed() throws {
        let manifest = [
            "gone.csv": row("gone.csv", hash: "h"),
            "scan 1.csv": row("scan 1.csv", hash: "h", status: .rejected, reason: "The name does not match the pattern: x."),
        ]
        let plan = try IngestPlan.make(
            discovery: discovery([], rejected: ["scan 1.csv", "scan 2.csv"]), manifest: manifest, statCache: [:],
            hash: { _ in "h" }
        )
        #expect(plan.rejectedNames.map(\.relativePath) == ["scan 2.csv"])
        #expect(plan.unchanged == ["scan 1.csv"])
        #expect(plan.deleted == ["gone.csv"])
    }

    @Test func contentRejectionsAreRetriedOnlyWhenTheFileChanges() throws {
        let manifest = ["a.csv": row("a.csv", hash: "h", status: .rejected, reason: "Line 3: ragged row.")]
        let same = try IngestPlan.make(discovery: discovery(["a.csv"]), manifest: manifest, statCache: [:], hash: { _ in "h" })
        #expect(same.unchanged == ["a.csv"])
        let changed = try IngestPlan.make(discovery: discovery(["a.csv"]), manifest: manifest, statCache: [:], hash: { _ in "h2" })
        #expect(changed.toStage.map(\.relativePath) == ["a.csv"])
    }
}
