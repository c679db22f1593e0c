import Foundation
import Testing
import Weir
import WeirTestSupport

/// Versions and what acts on them: checkout, gc and verify.
@Suite struct PipelineVersionTests {
    /// v1 with factor 2, v2 with factor 3.
    func twoVersions(store: StateStoreKind) throws -> (PipelineFixture, v1: String, v2: String) {
        let project = try SpecProject.make(store: store)
        try project.run()
        let v1 = try #require(project.linkedRun("build/clean"))
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
        try project.run()
        let v2 = try #require(project.linkedRun("build/clean"))
        return (project, v1, v2)
    }

    @Test(arguments: StateStoreKind.allCases) func checkoutSwapsTheLinksAndMovesTheHead(store: StateStoreKind) throws {
        let (project, v1, v2) = try twoVersions(store: store)
        let result = try project.weir("checkout", "v1")
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("Checked out v1; it is now the head.\n"))
        #expect(project.linkedRun("build/clean") == v1)
        #expect(try project.read("build/features/features.txt") == "rows=3 total=120\n")
        let versions = try project.weir("versions").stdout
        #expect(versions.contains("*  v1"))
        // The config still says factor 3, so status explains the way back to v2's runs.
        #expect(
            try project.status()[0]
                == [
                    "stage": "clean", "state": "will-reuse", "run": .string(v2),
                    "reasons": [["kind": "param-changed", "name": "factor", "old": 2, "new": 3]],
                ])
        let json = try JSONValue.parse(try project.weir("checkout", "2", "--json").stdout)
        #expect(json["version"] == 2)
        #expect(json["stages"]?["clean"] == .string(v2))
    }

    @Test(arguments: StateStoreKind.allCases) func checkoutRefusesAVersionWhoseRunsAreGone(store: StateStoreKind) throws
    {
        let (project, v1, v2) = try twoVersions(store: store)
        try project.remove(".weir/runs/\(v1)")
        let result = try project.weir("checkout", "v1")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: The run \(v1.prefix(12)) of stage 'clean' is no longer in '.weir/runs' (it was garbage-collected or deleted). Re-create it with 'weir run', or check out a version whose runs still exist.\n"
        )
        #expect(project.linkedRun("build/clean") == v2)
        let missing = try project.weir("checkout", "v7")
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: There is no version v7. Run 'weir versions' to list the versions.\n")
    }

    @Test(arguments: StateStoreKind.allCases) func gcDeletesOnlyRunsThatNoVersionHolds(store: StateStoreKind) throws {
        let (project, v1, v2) = try twoVersions(store: store)
        // A run that succeeds while its downstream fails is linked but belongs to no version.
        try project.edit("weir.yaml", replacing: "factor: 3", with: "factor: 5")
        try project.write("features.py", "raise SystemExit(4)\n")
        try project.run(expecting: 1)
        let orphan = try #require(project.linkedRun("build/clean"))
        try project.edit("weir.yaml", replacing: "factor: 5", with: "factor: 3")
        try project.write("features.py", SpecProject.features)
        try project.run()
        let bytes = try folderBytes(project.root + "/.weir/runs/\(orphan)")
        let dry = try project.weir("gc", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("Would delete run \(orphan.prefix(12)) (clean, "))
        #expect(dry.stdout.contains("Would delete 1 run(s), freeing "))
        #expect(project.exists(".weir/runs/\(orphan)"))
        let json = try JSONValue.parse(try project.weir("gc", "--json").stdout)
        #expect(json["removed"] == [["run": .string(orphan), "stage": "clean", "bytes": .int(bytes)]])
        #expect(json["bytes_freed"] == .int(bytes))
        #expect(!project.exists(".weir/runs/\(orphan)"))
        #expect(project.exists(".weir/runs/\(v1)") && project.exists(".weir/runs/\(v2)"))
        #expect(try project.weir("verify", "--all").status == 0)
    }

    /// The bytes of the regular files under `path` (run folder, logs and record included).
    func folderBytes(_ path: String) throws -> Int64 {
        var total: Int64 = 0
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
            if attributes[.type] as? FileAttributeType == .typeRegular { total += (attributes[.size] as? Int64) ?? 0 }
        }
        return total
    }

    @Test(arguments: StateStoreKind.allCases) func verifyReportsEveryMismatch(store: StateStoreKind) throws {
        let (project, _, v2) = try twoVersions(store: store)
        let clean = try project.weir("verify")
        #expect(clean.status == 0)
        #expect(clean.stdout == "Verified 2 run(s), 2 file(s): all match their records.\n")
        try project.write(".weir/runs/\(v2)/out/clean.csv", "1,30\n2,60\n3,99\n")
        try project.write(".weir/runs/\(v2)/out/extra.txt", "x")
        let broken = try project.weir("verify")
        #expect(broken.status == 1)
        #expect(
            broken.stdout
                == """
                clean (run \(v2.prefix(12))): 'clean.csv' has changed: its SHA-256 is \(Digest.sha256Hex(Array("1,30\n2,60\n3,99\n".utf8)).prefix(12)), the record says \(Digest.sha256Hex(Array("1,30\n2,60\n3,90\n".utf8)).prefix(12)).
                clean (run \(v2.prefix(12))): 'extra.txt' is not in the record.

                """)
        #expect(
            broken.stderr
                == "error: 2 problem(s) found. Re-run the stage of a damaged run with 'weir run --force STAGE', or delete the run's folder and let 'weir run' make it again.\n"
        )
        let json = try JSONValue.parse(try project.weir("verify", "--json").stdout)
        #expect(json["ok"] == false)
        try project.run("--force", "clean")
        #expect(try project.weir("verify").status == 0)
    }

    @Test(arguments: StateStoreKind.allCases) func verifyNoticesALinkToAMissingRun(store: StateStoreKind) throws {
        let (project, _, v2) = try twoVersions(store: store)
        try project.remove(".weir/runs/\(v2)")
        let result = try project.weir("verify")
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "The head version's run \(v2.prefix(12)) of stage 'clean' is missing from '.weir/runs'."))
        #expect(
            result.stdout.contains(
                "The output 'build/clean' of stage 'clean' points at run \(v2.prefix(12)), which is not committed."))
    }
}
