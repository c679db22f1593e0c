import Testing
import WeirColumns

@testable import WeirCSV

/// A parallel read leaves a chunk that starts inside a long record to the chunk before, which
/// reads that record whole; parsing it anyway scanned the rest of the record once per chunk it
/// spans (a fuzz finding: a 1 MB line in 4 KiB chunks took seconds).
@Suite struct LongRecordChunkTests {
    private static let text = "a,b\n1,2\n\"" + String(repeating: "x", count: 100_000) + "\",3\n4,5\n"

    private static func options(parallelism: Int) -> CSVOptions {
        CSVTest.options {
            $0.parallelism = parallelism
            $0.chunkBytes = 4_096
            $0.errorMode = .rejectRows
        }
    }

    @Test func aChunkInsideALongRecordIsNotParsedByTheWorkers() throws {
        let plan = try Prologue(
            source: ByteSource(bytes: Array(Self.text.utf8), name: "t.csv"), options: Self.options(parallelism: 2)
        ).plan
        let pipeline = ChunkPipeline(plan: plan, workers: 2)
        let parser = ChunkParser(plan: plan)
        // Chunks 1 to 23 start inside the 100,000-byte field, with no line break near their start.
        for index in [1, 12, 23] {
            let result = pipeline.parse(index, parser)
            #expect(result.start == -1 && result.batches.isEmpty && result.error == nil, "chunk \(index)")
        }
        // The first chunk reads the long record whole; the one after it starts at a line break.
        #expect(pipeline.parse(0, parser).end == Self.text.utf8.count - 4)
        #expect(pipeline.parse(24, parser).start == Self.text.utf8.count - 4)
    }

    @Test func theRowsAreThoseOfOnePass() {
        let parallel = CSVTest.read(Self.text, Self.options(parallelism: 2))
        #expect(parallel.error == nil)
        #expect(parallel.rows.map { $0[1] } == ["2", "3", "5"])
        #expect(parallel == CSVTest.read(Self.text, Self.options(parallelism: 1)))
    }
}
