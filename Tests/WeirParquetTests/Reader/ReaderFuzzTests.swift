import Foundation
import Testing
import WeirColumns
import WeirFuzz
import WeirParquet
import WeirTestSupport

/// Mutates the peers' files and Weir's own with the seeded fuzzer (WeirFuzz): every read must end
/// in data or a located `ParquetError` within the watchdog's time. `bench/fuzz.sh` runs the same
/// cases for as long as asked.
@Suite struct ReaderFuzzTests {
    private static func peerFiles(in directory: TemporaryDirectory) throws -> [URL] {
        try InteropFiles.generate(
            #"""
            import duckdb, polars as pl
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
            import pyarrow as pa
            nested = pa.table({
                'id': pa.array(range(40), pa.int64()),
                'l': pa.array([None if i % 10 == 3 else [j * i for j in range(i % 4)] for i in range(40)],
                              pa.list_(pa.int64())),
                'p': pa.array([None if i % 9 == 4 else {'x': i / 3, 'y': None if i % 5 == 0 else 's%d' % i}
                               for i in range(40)], pa.struct([('x', pa.float64()), ('y', pa.string())])),
                'm': pa.array([[('k%d' % j, j) for j in range(i % 3)] for i in range(40)],
                              pa.map_(pa.string(), pa.int32())),
            })
            emit('i_nested_none', lambda p: pq.write_table(nested, p, compression='none', **small))
            emit('h_polars', lambda p: pl.from_arrow(source.select(['i32', 'i64', 'str', 'f64', 'bool', 'date']))
                 .write_parquet(p, row_group_size=20, data_page_size=128))
            """#, in: directory)
    }

    /// The peers' files and Weir's own, each checked to read whole before it is mutated.
    private static func corpus() throws -> FuzzCorpus {
        let directory = try TemporaryDirectory("weir-fuzz")
        let files = try peerFiles(in: directory)
        #expect(files.count == 9)
        var entries = try files.map {
            FuzzCorpus.Entry(name: $0.lastPathComponent, bytes: try [UInt8](Data(contentsOf: $0)))
        }
        entries += try FuzzSeeds.parquetEntries()
        for entry in entries {
            guard case .data(let rows, _) = ParquetTarget.read(entry.bytes) else {
                Issue.record("\(entry.name) does not read whole: \(ParquetTarget.read(entry.bytes))")
                continue
            }
            #expect(rows == (entry.name.hasPrefix("weir_") ? 60 : 40), "\(entry.name)")
        }
        return FuzzCorpus(entries)
    }

    @Test(arguments: [0xF0_22 as UInt64, 0x5EED])
    func mutatedFilesGiveDataOrLocatedErrors(seed: UInt64) throws {
        let corpus = try Self.corpus()
        let counts = corpus.tally(seed: seed, cases: 2_500, seconds: 10) {
            if case .parquetError = $0 { true } else { false }
        }
        for problem in counts.unexpected { Issue.record("\(problem)") }
        if let hang = counts.hang {
            Issue.record("\(hang)")
            return
        }
        // Both outcomes occur: the mutations reach past the first checks without breaking everything.
        #expect(counts.data > 100)
        #expect(counts.errors > 500)
    }

    @Test func theSameSeedMakesTheSameCase() throws {
        let corpus = FuzzCorpus(try FuzzSeeds.parquetEntries())
        for index in [0, 7, 1_000] {
            let first = FuzzCase(corpus, seed: 9, index: index)
            let again = FuzzCase(corpus, seed: 9, index: index)
            #expect(first.bytes == again.bytes && first.note == again.note)
        }
        #expect(FuzzCase(corpus, seed: 9, index: 1).bytes != FuzzCase(corpus, seed: 10, index: 1).bytes)
    }

    @Test func everyTruncationFails() throws {
        let entry = try #require(try FuzzSeeds.parquetEntries().first)
        for length in 0..<entry.bytes.count {
            guard case .parquetError(.corrupt, _) = ParquetTarget.read(Array(entry.bytes.prefix(length))) else {
                Issue.record("\(entry.name) cut to \(length) bytes does not fail as corrupt")
                return
            }
        }
    }
}
