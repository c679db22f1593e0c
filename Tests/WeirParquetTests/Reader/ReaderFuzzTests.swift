import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

/// Mutates valid files thousands of times; every read must return data or throw `ParquetError`
/// (a crash, trap or hang fails the whole test run).
@Suite struct ReaderFuzzTests {
    private static func seedFiles(in directory: TemporaryDirectory) throws -> [URL] {
        try InteropFiles.generate(
            #"""
            import duckdb
            table = sample_table(rows=40)
            small = dict(row_group_size=20, data_page_size=128)
            emit('a_v1_snappy_dict', lambda p: pq.write_table(table, p, compression='snappy', **small))
            emit('b_v2_zstd_plain', lambda p: pq.write_table(table, p, compression='zstd', use_dictionary=False,
                                                             data_page_version='2.0', **small))
            emit('c_delta_gzip', lambda p: pq.write_table(
                table.select(['i32', 'i64', 'str', 'bin', 'fixed']), p, compression='gzip', use_dictionary=False,
                column_encoding={'i32': 'DELTA_BINARY_PACKED', 'i64': 'DELTA_BINARY_PACKED',
                                 'str': 'DELTA_BYTE_ARRAY', 'bin': 'DELTA_LENGTH_BYTE_ARRAY',
                                 'fixed': 'DELTA_BYTE_ARRAY'}, **small))
            emit('d_split_none', lambda p: pq.write_table(
                table.select(['f32', 'f64', 'i32', 'dec30', 'f16']), p, compression='none', use_dictionary=False,
                column_encoding={c: 'BYTE_STREAM_SPLIT' for c in ['f32', 'f64', 'i32', 'dec30', 'f16']}, **small))
            emit('e_int96_lz4_v2', lambda p: pq.write_table(
                table.select(['ts_ms', 'bool', 'u64', 'date']), p, compression='lz4', data_page_version='2.0',
                use_deprecated_int96_timestamps=True, **small))
            emit('f_brotli', lambda p: pq.write_table(table.select(['str', 'i16', 'dec9']), p, compression='brotli',
                                                      **small))
            source = sample_table(rows=40, with_float16=False)
            connection = duckdb.connect().execute('SET enable_progress_bar = false')
            connection.register('source', source)
            emit('g_duckdb_v2', lambda p: connection.execute(
                "COPY (SELECT * FROM source) TO '%s' (FORMAT parquet, PARQUET_VERSION V2, ROW_GROUP_SIZE 20)" % p))
            """#, in: directory)
    }

    /// Reads everything the reader offers; returns the number of rows read.
    @discardableResult
    static func readAll(_ bytes: [UInt8]) -> Int {
        do throws(ParquetError) {
            let reader = try ParquetFileReader(bytes: bytes)
            var rows = 0
            for index in 0..<reader.rowGroupCount {
                let batch = try reader.readRowGroup(index)
                for column in batch.columns where batch.rowCount > 0 {
                    _ = column.value(at: batch.rowCount - 1).json
                }
                rows += batch.rowCount
            }
            for column in reader.columns {
                for group in 0..<reader.rowGroupCount { _ = reader.statistics(rowGroup: group, column: column) }
            }
            _ = reader.rowGroups(matching: .compare(column: "i32", op: .greater, value: .int(0)))
            return rows
        } catch {
            #expect(!error.message.isEmpty)
            return -1
        }
    }

    /// Offsets worth aiming at: the footer, and the first bytes of every page header.
    private static func targets(in bytes: [UInt8]) throws -> [Int] {
        let (metadata, start) = try FooterSurgery.footer(of: bytes)
        var offsets = Array(start..<(bytes.count - 4))
        for group in metadata.rowGroups {
            for chunk in group.columns {
                guard let meta = chunk.metaData else { continue }
                for base in [meta.dataPageOffset, meta.dictionaryPageOffset ?? meta.dataPageOffset] {
                    offsets += (Int(base)..<min(Int(base) + 24, start)).map { $0 }
                }
            }
        }
        return offsets
    }

    private static func mutate(_ original: [UInt8], targets: [Int], using random: inout SeededRandom) -> [UInt8] {
        var bytes = original
        let edits = Int.random(in: 1...3, using: &random)
        for _ in 0..<edits {
            guard !bytes.isEmpty else { break }
            let aimed = targets.isEmpty || Bool.random(using: &random) ? nil : targets.randomElement(using: &random)
            let position = min(aimed ?? Int.random(in: 0..<bytes.count, using: &random), bytes.count - 1)
            switch Int.random(in: 0..<8, using: &random) {
            case 0: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 1: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 2: bytes[position] = [0x00, 0xFF, 0x7F, 0x80, 0x15, 0x19, 0x1C][Int.random(in: 0..<7, using: &random)]
            case 3:
                // A long varint: continuation bits over the next bytes.
                for offset in position..<min(position + 6, bytes.count) { bytes[offset] |= 0x80 }
            case 4:
                bytes.removeSubrange(position..<min(position + Int.random(in: 1...16, using: &random), bytes.count))
            case 5:
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }, at: position)
            case 6:
                // The footer length field.
                if bytes.count >= 8 {
                    bytes[bytes.count - 8 + Int.random(in: 0..<4, using: &random)] = UInt8.random(
                        in: 0...255, using: &random)
                }
            default:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            }
        }
        return bytes
    }

    @Test func mutatedFilesGiveDataOrErrors() throws {
        let directory = try TemporaryDirectory("weir-fuzz")
        let files = try Self.seedFiles(in: directory)
        #expect(files.count == 7)
        var random = SeededRandom(seed: 0x5EED_0F_7E57)
        var outcomes = (data: 0, errors: 0)
        for file in files {
            let original = try [UInt8](Data(contentsOf: file))
            #expect(Self.readAll(original) == 40, "\(file.lastPathComponent) reads whole")
            let targets = try Self.targets(in: original)
            for _ in 0..<700 {
                let mutated = Self.mutate(original, targets: targets, using: &random)
                if Self.readAll(mutated) >= 0 { outcomes.data += 1 } else { outcomes.errors += 1 }
            }
        }
        // Both outcomes occur: the mutations reach past the first checks without breaking everything.
        #expect(outcomes.data > 100)
        #expect(outcomes.errors > 1_000)
    }

    @Test func everyTruncationFails() throws {
        let directory = try TemporaryDirectory("weir-fuzz-truncate")
        let files = try Self.seedFiles(in: directory)
        let original = try [UInt8](Data(contentsOf: try #require(files.first)))
        for length in 0..<original.count {
            #expect(Self.readAll(Array(original.prefix(length))) == -1)
        }
    }
}
