import PropertyBased
import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// Bytes that look like numbers, dates, booleans, comments and metadata as well as structure.
private let fuzzAlphabet: [UInt8] = Array("0123456789-+.:eTZ ,;\"\\#\n\r\ttruefalsNA".utf8) + [0xC3, 0xA9, 0xFF, 0x00]

private struct FuzzOptions: Sendable, CustomStringConvertible {
    var delimiter: UInt8
    var escape: UInt8?
    var comment: Bool
    var header: Bool
    var skipLines: Int
    var maxRecordBytes: Int
    var sampleRows: Int
    var declared: ColumnType?

    /// Options drawn from `seed`, so a failing case is reproduced by its seed.
    init(seed: UInt64) {
        var generator = SeededRandom(seed: seed)
        delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].randomElement(using: &generator)!
        escape = Bool.random(using: &generator) ? UInt8(ascii: "\\") : nil
        comment = Bool.random(using: &generator)
        header = Bool.random(using: &generator)
        skipLines = Int.random(in: 0...2, using: &generator)
        maxRecordBytes = Int.random(in: 1...40, using: &generator)
        sampleRows = Int.random(in: 0...5, using: &generator)
        declared = declarable.randomElement(using: &generator)!
    }

    var description: String {
        "delimiter \(delimiter) escape \(escape.map(String.init) ?? "-") comment \(comment) header \(header) skip "
            + "\(skipLines) max \(maxRecordBytes) sample \(sampleRows) declared \(declared?.name ?? "-")"
    }

    func options(rejecting: Bool, parallelism: Int, chunkBytes: Int) -> CSVOptions {
        var options = CSVOptions()
        options.dialect.delimiter = delimiter
        options.dialect.escape = escape
        options.dialect.commentPrefix = comment ? Array("#".utf8) : nil
        options.dialect.hasHeader = header
        options.skipLines = skipLines
        options.maxRecordBytes = maxRecordBytes
        options.sampleRows = sampleRows
        options.errorMode = rejecting ? .rejectRows : .failFile
        options.parallelism = parallelism
        options.chunkBytes = chunkBytes
        if let declared, !header { options.columnTypes = ["column_1": declared] }
        return options
    }
}

private let declarable: [ColumnType?] = [
    nil, .boolean, .int8, .int64, .uint64, .float32, .float64, .date, .timestamp(unit: .nanoseconds, utc: true),
    .decimal(precision: 4, scale: 2), .decimal(precision: 25, scale: 3),
]

private func read(_ input: [UInt8], _ options: CSVOptions) -> ReadOutcome {
    CSVTest.read(bytes: input, options)
}

@Suite struct FuzzTests {
    /// Whatever the bytes and options, reading ends with rows or an error, never a crash or a
    /// hang, and parsing in parallel chunks gives what parsing in one pass gives.
    @Test func anyInputReadsTheSameInChunks() async {
        await propertyCheck(
            count: 1500, input: Gen.element(of: fuzzAlphabet).compactMap { $0 }.array(of: 0...120),
            Gen.uint64(in: 0...UInt64.max), Gen.bool, Gen.int(in: 1...30)
        ) { input, seed, rejecting, chunkBytes in
            let fuzz = FuzzOptions(seed: seed)
            let sequential = read(input, fuzz.options(rejecting: rejecting, parallelism: 1, chunkBytes: 1 << 20))
            let parallel = read(input, fuzz.options(rejecting: rejecting, parallelism: 2, chunkBytes: chunkBytes))
            if rejecting || sequential.error != nil {
                #expect(parallel.error == sequential.error, "\(fuzz)")
            }
            if sequential.error == nil {
                #expect(parallel.rows == sequential.rows, "\(fuzz)")
                #expect(parallel.rejects == sequential.rejects, "\(fuzz)")
            }
        }
    }

    @Test func aLineLongerThanTheReadBufferIsSkippedInRejectMode() {
        var text = "a,b\n1,2\n" + String(repeating: "x", count: 300_000) + "\n3,4\n"
        text += "5,6\n"
        let outcome = CSVTest.read(
            text,
            CSVTest.options {
                $0.maxRecordBytes = 1_000
                $0.errorMode = .rejectRows
            })
        #expect(outcome.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(outcome.rejects.count == 1)
        #expect(
            outcome.rejects.first?.hasPrefix("3: 't.csv': line 3, byte 8: The record is longer than the limit") == true)
        #expect(outcome.rejectTexts.first?.utf8.count == CSVRejectedRow.maxTextBytes)
    }
}
