import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct HashingTests {
    /// Writes `text` at `relative` with a modification time an hour ago (old enough to be cached).
    @discardableResult
    func write(_ folder: TemporaryDirectory, _ relative: String, _ text: String, age: TimeInterval = 3600) throws -> URL
    {
        let url = try folder.write(relative, text)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: url.path)
        return url
    }

    @Test func aFileHashesToTheSHA256OfItsBytes() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "hello.txt", "hello\n")
        let hash = try TreeHasher(cache: nil).hash(absolute: folder.path + "/hello.txt", key: "hello.txt")
        #expect(hash == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
    }

    @Test func aFolderHashesAsAMerkleTreeOfItsSortedEntries() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "tree/b.txt", "hello\n")
        try write(folder, "tree/a/inner.txt", "hello\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/tree/link", withDestinationPath: "b.txt")
        let fileHash = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
        func entry(_ kind: String, _ digest: String, _ name: String) -> [UInt8] {
            Array(kind.utf8) + Array(digest.utf8) + Array(name.utf8) + [0]
        }
        let inner = Digest.sha256Hex(entry("f", fileHash, "inner.txt"))
        let expected = Digest.sha256Hex(
            entry("d", inner, "a") + entry("f", fileHash, "b.txt")
                + entry("l", Digest.sha256Hex(Array("b.txt".utf8)), "link"))
        #expect(try TreeHasher(cache: nil).hash(absolute: folder.path + "/tree", key: "tree") == expected)
    }

    @Test func renamingAddingOrEmptyingChangesTheFolderHash() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "tree/a.txt", "1")
        let hasher = TreeHasher(cache: nil)
        func hash() throws -> String? { try hasher.hash(absolute: folder.path + "/tree", key: "tree") }
        let original = try hash()
        try FileManager.default.createDirectory(atPath: folder.path + "/tree/empty", withIntermediateDirectories: true)
        let withEmpty = try hash()
        try FileManager.default.moveItem(atPath: folder.path + "/tree/a.txt", toPath: folder.path + "/tree/b.txt")
        let renamed = try hash()
        #expect(Set([original, withEmpty, renamed]).count == 3)
        #expect(try TreeHasher(cache: nil).hash(absolute: folder.path + "/missing", key: "missing") == nil)
    }

    @Test func unchangedFilesAreNotReadAgain() throws {
        let folder = try TemporaryDirectory()
        for index in 0..<20 { try write(folder, "data/sub\(index % 3)/f\(index).csv", "row \(index)\n") }
        let cache = StatCache()
        let first = TreeHasher(cache: cache)
        let hash = try first.hash(absolute: folder.path + "/data", key: "data")
        #expect(first.filesRead == 20)
        #expect(cache.changes.keys.filter { !$0.hasPrefix("/") }.count == 20)
        #expect(
            cache.changes.keys.filter { $0.hasPrefix("/") }.sorted() == [
                "/data/", "/data/sub0/", "/data/sub1/", "/data/sub2/",
            ])
        #expect(cache.changes["data/sub1/f1.csv"]?.sha256 == Digest.sha256Hex(Array("row 1\n".utf8)))

        let second = TreeHasher(cache: cache)
        #expect(try second.hash(absolute: folder.path + "/data", key: "data") == hash)
        #expect(second.filesRead == 0)
        #expect(second.filesChecked == 20)
        // Every folder's signature matched: no file's entry was even looked up.
        #expect(cache.hits == 0)
        #expect(cache.folderHits == 4)
    }

    @Test func aChangedFileIsReadEvenWithTheSameSize() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "data/a.csv", "aaaa")
        try write(folder, "data/b.csv", "bbbb")
        let cache = StatCache()
        let before = try TreeHasher(cache: cache).hash(absolute: folder.path + "/data", key: "data")
        try write(folder, "data/a.csv", "AAAA", age: 1800)
        let hasher = TreeHasher(cache: cache)
        let after = try hasher.hash(absolute: folder.path + "/data", key: "data")
        #expect(hasher.filesRead == 1)
        #expect(before != after)
    }

    @Test func filesModifiedJustNowAreNotRemembered() throws {
        let folder = try TemporaryDirectory()
        try folder.write("data/fresh.csv", "new")
        try write(folder, "data/old.csv", "old")
        let cache = StatCache()
        _ = try TreeHasher(cache: cache).hash(absolute: folder.path + "/data", key: "data")
        #expect(cache.changes.keys.sorted() == ["data/old.csv"])
        #expect(try TreeHasher(cache: cache).hash(absolute: folder.path + "/data", key: "data") != nil)
        #expect(cache.folderHits == 0)
    }

    @Test func deletedFilesAreForgotten() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "data/a.csv", "a")
        try write(folder, "data/b.csv", "b")
        let cache = StatCache()
        _ = try TreeHasher(cache: cache).hash(absolute: folder.path + "/data", key: "data")
        try FileManager.default.removeItem(atPath: folder.path + "/data/b.csv")
        #expect(cache.forgetMissing(root: folder.path) == 1)
        #expect(cache.removals == ["data/b.csv"])
        #expect(cache.count == 2)
        try FileManager.default.removeItem(atPath: folder.path + "/data")
        #expect(cache.forgetMissing(root: folder.path) == 2)
        #expect(cache.count == 0)
    }

    @Test func theStatCacheSurvivesTheStateStore() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "data/a.csv", "a")
        let store = try StateStore(path: folder.path + "/.weir/state.sqlite")
        let cache = try StatCache(store: store)
        _ = try TreeHasher(cache: cache).hash(absolute: folder.path + "/data", key: "data")
        try cache.save(to: store)
        let reloaded = try StatCache(store: store)
        let hasher = TreeHasher(cache: reloaded)
        _ = try hasher.hash(absolute: folder.path + "/data", key: "data")
        #expect(hasher.filesRead == 0)
        #expect(reloaded.folderHits == 1)
    }

    @Test func fifosCannotBeHashed() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
        #expect(mkfifo(folder.path + "/data/pipe", 0o644) == 0)
        let error = #expect(throws: HashingError.self) {
            try TreeHasher(cache: nil).hash(absolute: folder.path + "/data", key: "data")
        }
        #expect(
            error?.description
                == "'\(folder.path)/data/pipe' is not a file, folder or symlink (a fifo, socket or device), so it cannot be hashed. Move it out of the hashed folder."
        )
    }

    /// The manifest of an output walks subfolders on all cores (two levels deep when there are
    /// few); it must list every file and give the same hash as the plain walk.
    @Test func aParallelManifestListsEveryFileAndMatchesTheHash() throws {
        let folder = try TemporaryDirectory()
        var expected: [String] = []
        for top in ["a=1", "a=2", "_meta"] {
            for middle in 0..<3 {
                for leaf in 0..<4 {
                    let path = "\(top)/m=\(middle)/run_id=\(leaf)/part-000.parquet"
                    try write(folder, "out/" + path, path)
                    expected.append(path)
                }
            }
        }
        try write(folder, "out/top.txt", "top")
        expected.append("top.txt")
        let (digest, leaves) = try TreeHasher(cache: nil).manifest(ofFolder: folder.path + "/out")
        #expect(leaves.map(\.path) == expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(leaves.allSatisfy { $0.sha256 == Digest.sha256Hex(Array($0.path.utf8)) || $0.path == "top.txt" })
        #expect(try TreeHasher(cache: nil).hash(absolute: folder.path + "/out", key: "out") == digest)
    }

    @Test func entriesAreOrderedByTheirUTF8Bytes() throws {
        let folder = try TemporaryDirectory()
        for name in ["b", "é", "B", "z", "a.txt", "ab"] { try write(folder, "out/\(name)", name) }
        let (_, leaves) = try TreeHasher(cache: nil).manifest(ofFolder: folder.path + "/out")
        #expect(leaves.map(\.path) == ["B", "a.txt", "ab", "b", "z", "é"])
        let descriptor = try DirectoryReader.open(folder.path + "/out", path: folder.path + "/out")
        defer { close(descriptor) }
        #expect(try DirectoryReader.names(in: descriptor, path: "out") == ["B", "a.txt", "ab", "b", "z", "é"])
    }

    @Test func manifestsListEveryFileWithSizeAndHash() throws {
        let folder = try TemporaryDirectory()
        try write(folder, "out/x/y.txt", "hello\n")
        try write(folder, "out/z.txt", "")
        let (hash, leaves) = try TreeHasher(cache: nil).manifest(ofFolder: folder.path + "/out")
        #expect(hash == (try TreeHasher(cache: nil).hash(absolute: folder.path + "/out", key: "out")))
        #expect(leaves.map(\.path) == ["x/y.txt", "z.txt"])
        #expect(leaves.map(\.size) == [6, 0])
        #expect(leaves[0].sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
    }
}
