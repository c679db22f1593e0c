import Testing
import WeirColumns
import WeirCompute

@Suite struct PeekedStreamTests {
    static func batch(_ values: [Int64]) -> RecordBatch {
        RecordBatch(columns: [Column(field: Field("x", .int64), storage: .int64(values))])
    }

    @Test func theFirstBatchIsHandedOutOnceThenTheRest() throws {
        let batches = [Self.batch([1, 2]), Self.batch([3]), Self.batch([4, 5, 6])]
        var stream = try PeekedStream(MemoryStream(batches))
        #expect(stream.first == batches[0])
        #expect(try stream.next() == batches[0])
        #expect(stream.first == nil, "the first batch is not held once handed out")
        #expect(try stream.next() == batches[1])
        #expect(try stream.next() == batches[2])
        #expect(try stream.next() == nil)
    }

    @Test func anEmptyInputHasNoFirstBatch() throws {
        let schema = Schema([Field("x", .int64)])
        var stream = try PeekedStream(MemoryStream([], schema: schema))
        #expect(stream.first == nil)
        #expect(stream.schema == schema)
        #expect(try stream.next() == nil)
    }
}
