import Foundation
import Synchronization
import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// The writer's single-threaded mode and its byte observer: same file, every byte seen in order.
@Suite struct WriterThreadingTests {
    /// Several row groups with pages big enough to be written straight through and small ones
    /// that are gathered.
    private static func batches() -> [RecordBatch] {
        (0..<4).map { part in
            let rows = 2_500
            let numbers = (0..<rows).map { Int64(part * rows + $0) }
            let doubles = numbers.map { Double($0) * 0.37 }
            var texts = ByteArrays()
            var state = UInt64(part + 1)
            for number in numbers {
                // Hex digits of a running LCG: text that does not compress away.
                var text = ""
                for _ in 0..<(number % 7) {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text += String(state >> 8, radix: 16)
                }
                texts.append(text)
            }
            return RecordBatch(columns: [
                Column(field: Field("n", .int64, nullable: false), storage: .int64(numbers)),
                Column(field: Field("d", .float64, nullable: false), storage: .double(doubles)),
                Column(field: Field("s", .string, nullable: false), storage: .bytes(texts)),
            ])
        }
    }

    private final class Recorder: Sendable {
        let bytes = Mutex<[UInt8]>([])
        func append(_ chunk: UnsafeRawBufferPointer) { bytes.withLock { $0.append(contentsOf: chunk) } }
    }

    private static func write(_ path: String, parallel: Bool, recorder: Recorder) throws -> ParquetWriteSummary {
        var options = ParquetWriterOptions()
        options.rowGroupRows = 3_000
        options.parallel = parallel
        options.byteObserver = { recorder.append($0) }
        let batches = Self.batches()
        let writer = try ParquetWriter(path: path, schema: batches[0].schema, options: options)
        for batch in batches { try writer.write(batch) }
        return try writer.close()
    }

    @Test func oneThreadWritesTheSameFileAndTheObserverSeesEveryByte() throws {
        let directory = try TemporaryDirectory()
        var files: [[UInt8]] = []
        for parallel in [true, false] {
            let path = directory.file("\(parallel).parquet").path
            let recorder = Recorder()
            let summary = try Self.write(path, parallel: parallel, recorder: recorder)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(summary.rowGroups == 4)
            #expect(summary.bytes == bytes.count)
            #expect(recorder.bytes.withLock { $0 } == bytes, "parallel: \(parallel)")
            #expect(bytes.count > 1 << 18, "the file must be big enough to exercise direct writes")
            files.append(bytes)
        }
        #expect(files[0] == files[1])
        let reader = try ParquetFileReader(path: directory.file("false.parquet").path)
        let table = try reader.readRowGroup(3, columns: ["n", "s"])
        #expect(table.rowCount == 1_000)
        #expect(table.columns[0].value(at: 999) == .int(9_999))
    }
}
