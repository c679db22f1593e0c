import Foundation
import Testing
import WeirParquet
import WeirTestSupport

@Suite struct DuckDBInteropTests {
    @Test func readsDuckDBFilesOfBothFormatVersions() throws {
        let directory = try TemporaryDirectory("weir-duckdb")
        let files = try InteropFiles.generate(
            #"""
            import duckdb
            source = sample_table(with_float16=False)
            connection = duckdb.connect().execute('SET enable_progress_bar = false')
            connection.register('source', source)
            for name, options in [('duckdb_default', 'FORMAT parquet'),
                                  ('duckdb_v2', 'FORMAT parquet, PARQUET_VERSION V2'),
                                  ('duckdb_v2_snappy_small_groups',
                                   'FORMAT parquet, PARQUET_VERSION V2, COMPRESSION snappy, ROW_GROUP_SIZE 100'),
                                  ('duckdb_uncompressed', 'FORMAT parquet, COMPRESSION uncompressed'),
                                  ('duckdb_zstd', 'FORMAT parquet, COMPRESSION zstd'),
                                  ('duckdb_gzip', 'FORMAT parquet, COMPRESSION gzip'),
                                  ('duckdb_lz4', 'FORMAT parquet, COMPRESSION lz4'),
                                  ('duckdb_brotli', 'FORMAT parquet, COMPRESSION brotli')]:
                emit(name, lambda p: connection.execute("COPY (SELECT * FROM source) TO '%s' (%s)" % (p, options)))
            """#, in: directory)
        #expect(files.count == 8)
        for file in files { try InteropFiles.check(file) }
    }
}

@Suite struct PolarsInteropTests {
    @Test func readsPolarsFiles() throws {
        let directory = try TemporaryDirectory("weir-polars")
        let files = try InteropFiles.generate(
            #"""
            import polars as pl
            frame = pl.from_arrow(sample_table(with_float16=False))
            emit('polars_default', lambda p: frame.write_parquet(p))
            emit('polars_snappy_small_groups', lambda p: frame.write_parquet(p, compression='snappy', row_group_size=64))
            emit('polars_uncompressed_no_statistics',
                 lambda p: frame.write_parquet(p, compression='uncompressed', statistics=False))
            emit('polars_lz4', lambda p: frame.write_parquet(p, compression='lz4'))
            """#, in: directory)
        #expect(files.count == 4)
        for file in files { try InteropFiles.check(file) }
    }
}
