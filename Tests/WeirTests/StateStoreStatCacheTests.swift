import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct StateStoreStatCacheTests {
    static func entry(_ index: Int) -> StatCacheEntry {
        StatCacheEntry(
            path: "data/raw/file-\(index).csv", device: UInt64.max - UInt64(index), inode: UInt64(index) << 40,
            size: Int64(index * 100), mtimeNanoseconds: 1_800_000_000_000_000_000 + Int64(index),
            sha256: String(repeating: "ab", count: 32))
    }

    @Test(arguments: StateStoreKind.allCases) func insertsReplacesAndRemoves(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        #expect(try store.statCacheEntries().isEmpty)
        let entries = (0..<5).map(Self.entry)
        try store.updateStatCache(entries, removing: [])
        #expect(try store.statCacheEntries() == Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) }))

        var changed = entries[1]
        changed.size = 1
        changed.sha256 = String(repeating: "0", count: 64)
        try store.updateStatCache([changed], removing: [entries[2].path, "not/cached"])
        let after = try store.statCacheEntries()
        #expect(after.count == 4)
        #expect(after[changed.path] == changed)
        #expect(after[entries[2].path] == nil)
        #expect(after[entries[4].path]?.device == UInt64.max - 4)
    }

    @Test(arguments: StateStoreKind.allCases) func loadsManyEntries(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let entries = (0..<20_000).map(Self.entry)
        try fixture.store.updateStatCache(entries, removing: [])
        let loaded = try fixture.store.statCacheEntries()
        #expect(loaded.count == entries.count)
        #expect(loaded[entries[12_345].path] == entries[12_345])
    }
}
