import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct StateStoreVersionTests {
    @Test(arguments: StateStoreKind.allCases) func versionsAreNumberedWithParentsAndMoveTheHead(
        store kind: StateStoreKind
    ) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        #expect(try store.head() == nil)
        #expect(try store.versions().isEmpty)
        let session = try store.beginSession(command: "weir run", arguments: []).id

        let v1 = try store.createVersion(
            parent: nil, command: "weir run", session: session, stages: ["clean": "r1", "features": "r2"], note: nil)
        #expect(v1.id == 1 && v1.name == "v1" && v1.parent == nil)
        #expect(v1.user == (try store.session(session))?.user)
        #expect(try store.head() == v1)

        let v2 = try store.createVersion(
            parent: 1, command: "weir run", session: session, stages: ["clean": "r1", "features": "r3"], note: nil)
        // A derived version from v1, as `weir run --from-version v1` makes.
        let v3 = try store.createVersion(
            parent: 1, command: "weir run --from-version v1", session: session, stages: ["clean": "r4"],
            note: "re-cleaned")
        #expect(v2.id == 2 && v2.parent == 1)
        #expect(v3.id == 3 && v3.parent == 1 && v3.note == "re-cleaned")
        #expect(try store.versions() == [v1, v2, v3])
        #expect(try store.version(2) == v2)
        #expect(try store.version(9) == nil)
        #expect(try store.head() == v3)

        try store.setHead(2)
        #expect(try store.head() == v2)
        #expect(try store.referencedRunIDs() == ["r1", "r2", "r3", "r4"])
    }

    @Test(arguments: StateStoreKind.allCases) func aVersionWithoutStagesIsKept(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let version = try fixture.store.createVersion(
            parent: nil, command: "weir run", session: "s", stages: [:], note: nil)
        #expect(try fixture.store.version(version.id)?.stages == [:])
        #expect(try fixture.store.referencedRunIDs().isEmpty)
    }

    @Test(arguments: StateStoreKind.allCases) func unknownParentsAndHeadsAreRefused(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let parentError = try #require(throws: StateRecordNotFoundError.self) {
            try store.createVersion(parent: 7, command: "weir run", session: "s", stages: [:], note: nil)
        }
        #expect(
            parentError.description == "There is no version 'v7'. A new version can only derive from a recorded one.")
        #expect(try store.versions().isEmpty)

        let headError = try #require(throws: StateRecordNotFoundError.self) { try store.setHead(4) }
        #expect(headError.description == "There is no version 'v4'. See 'weir versions' for the recorded versions.")
        #expect(try store.head() == nil)
    }
}
