import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct RunStoreTests {
    func record(_ runID: String, hash: String = "h") -> SuccessRecord {
        SuccessRecord(
            runID: runID, stage: "s", fingerprint: ["k": 1], outputHash: hash,
            files: [.init(path: "a.txt", size: 1, sha256: "x")], startedAt: Date(timeIntervalSince1970: 1_700_000_000),
            finishedAt: Date(timeIntervalSince1970: 1_700_000_001.5), wallSeconds: 1.5, cpuSeconds: 0.5,
            peakMemoryBytes: 1024)
    }

    @Test func aRunBecomesVisibleOnlyWhenCommitted() throws {
        let folder = try TemporaryDirectory()
        let runs = RunStore(directory: folder.path + "/runs")
        let pending = try runs.begin("r1")
        try Data("1".utf8).write(to: URL(fileURLWithPath: pending.outputFolder + "/a.txt"))
        #expect(!runs.isCommitted("r1"))
        #expect(runs.committedRunIDs().isEmpty)
        #expect(try runs.commit(pending, record: record("r1")) == .committed)
        #expect(runs.isCommitted("r1"))
        #expect(runs.committedRunIDs() == ["r1"])
        #expect(try runs.record("r1") == record("r1"))
        #expect(FileManager.default.fileExists(atPath: runs.outputFolder("r1") + "/a.txt"))
        #expect(runs.leftoverNames().isEmpty)
    }

    @Test func theSuccessRecordIsReadableJSON() throws {
        let folder = try TemporaryDirectory()
        let runs = RunStore(directory: folder.path)
        _ = try runs.commit(try runs.begin("r1"), record: record("r1"))
        let json = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: runs.successPath("r1")))))
        #expect(json["run_id"] == "r1")
        #expect(json["output_hash"] == "h")
        #expect(json["started_at"] == "2023-11-14T22:13:20.000Z")
        #expect(json["files"] == [["path": "a.txt", "size": 1, "sha256": "x"]])
        #expect(json["wall_seconds"] == 1.5)
    }

    @Test func aSecondCommitOfTheSameRunIsDiscardedUnlessReplacing() throws {
        let folder = try TemporaryDirectory()
        let runs = RunStore(directory: folder.path)
        _ = try runs.commit(try runs.begin("r1"), record: record("r1", hash: "first"))
        #expect(try runs.commit(try runs.begin("r1"), record: record("r1", hash: "second")) == .alreadyPresent)
        #expect(try runs.record("r1").outputHash == "first")
        #expect(
            try runs.commit(try runs.begin("r1"), record: record("r1", hash: "third"), replacing: true) == .replaced)
        #expect(try runs.record("r1").outputHash == "third")
        #expect(runs.leftoverNames().isEmpty)
    }

    @Test func leftoversOfDeadProcessesAreRemovedAndOursKept() throws {
        let folder = try TemporaryDirectory()
        let runs = RunStore(directory: folder.path)
        let ours = try runs.begin("r1")
        // A pid far above any pid_max belongs to no process.
        try FileManager.default.createDirectory(
            atPath: folder.path + "/.tmp-r2-999999999-1/out", withIntermediateDirectories: true)
        #expect(runs.removeLeftovers() == 1)
        #expect(runs.leftoverNames() == [(ours.path as NSString).lastPathComponent])
    }

    @Test func outputLinksAreRelativeAndSwappedInPlace() throws {
        let folder = try TemporaryDirectory()
        let project = ProjectLocation(root: folder.path)
        let runs = RunStore(project: project)
        for id in ["r1", "r2"] { _ = try runs.commit(try runs.begin(id), record: record(id)) }
        let link = OutputLink(project: project, path: "build/deep/out")
        #expect(link.state() == .missing)
        try link.point(to: "r1", stage: "s")
        #expect(link.currentRunID == "r1")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/build/deep/out")
                == "../../.weir/runs/r1/out")
        try link.point(to: "r2", stage: "s")
        #expect(link.currentRunID == "r2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/build/deep") == ["out"])
    }

    @Test func aFolderInTheWayOfAnOutputIsNotReplaced() throws {
        let folder = try TemporaryDirectory()
        try folder.write("build/clean/mine.txt", "keep me")
        let link = OutputLink(project: ProjectLocation(root: folder.path), path: "build/clean")
        let error = #expect(throws: RunStoreError.self) { try link.point(to: "r1", stage: "clean") }
        #expect(
            error?.description
                == "The output path 'build/clean' of stage 'clean' is a folder, not a link Weir manages. Move it away; Weir links that path to the stage's current run."
        )
        #expect(FileManager.default.fileExists(atPath: folder.path + "/build/clean/mine.txt"))
    }

    @Test func deletingARunRemovesItWhole() throws {
        let folder = try TemporaryDirectory()
        let runs = RunStore(directory: folder.path)
        _ = try runs.commit(try runs.begin("r1"), record: record("r1"))
        try runs.delete("r1")
        #expect(!runs.isCommitted("r1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
