import Foundation
import Testing
import WeirParquet
import WeirTestSupport

@Suite struct PyArrowInteropTests {
    @Test func readsPyArrowFilesOfEveryPageVersionAndDictionarySetting() throws {
        let directory = try TemporaryDirectory("weir-pyarrow")
        let files = try InteropFiles.generate(
            #"""
            table = sample_table()
            for version in ['1.0', '2.0']:
                for codec in ['none', 'snappy', 'gzip', 'zstd', 'lz4', 'brotli']:
                    for dictionary in [True, False]:
                        name = 'v%s_%s_%s' % (version[0], codec, 'dict' if dictionary else 'plain')
                        emit(name, lambda p: pq.write_table(table, p, data_page_version=version, compression=codec,
                                                            use_dictionary=dictionary, row_group_size=120,
                                                            data_page_size=512))
            """#, in: directory)
        #expect(files.count == 24)
        for file in files { try InteropFiles.check(file) }
    }
}

@Suite struct PyArrowEncodingTests {
    @Test func readsDeltaAndByteStreamSplitEncodings() throws {
        let directory = try TemporaryDirectory("weir-pyarrow-encodings")
        let files = try InteropFiles.generate(
            #"""
            table = sample_table()
            ints = ['i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64', 'date', 'ts_ms', 'ts_us_utc', 'ts_ns', 'ts_ns_tz',
                    'dec9', 'dec18']
            decimals = table.select(['dec9', 'dec18', 'dec30'])
            emit('decimals_as_integers', lambda p: pq.write_table(decimals, p, store_decimal_as_integer=True))
            emit('decimals_as_integers_delta', lambda p: pq.write_table(
                decimals, p, store_decimal_as_integer=True, use_dictionary=False,
                column_encoding={'dec9': 'DELTA_BINARY_PACKED', 'dec18': 'DELTA_BINARY_PACKED'}))
            for version in ['1.0', '2.0']:
                for codec in ['none', 'snappy']:
                    v = version[0]
                    emit('delta_binary_packed_v%s_%s' % (v, codec), lambda p: pq.write_table(
                        table.select(ints), p, use_dictionary=False, data_page_version=version, compression=codec,
                        store_decimal_as_integer=True,
                        column_encoding={c: 'DELTA_BINARY_PACKED' for c in ints}, row_group_size=130,
                        data_page_size=300))
                    emit('delta_length_byte_array_v%s_%s' % (v, codec), lambda p: pq.write_table(
                        table.select(['str', 'bin']), p, use_dictionary=False, data_page_version=version,
                        compression=codec, column_encoding={'str': 'DELTA_LENGTH_BYTE_ARRAY',
                                                            'bin': 'DELTA_LENGTH_BYTE_ARRAY'}, data_page_size=300))
                    emit('delta_byte_array_v%s_%s' % (v, codec), lambda p: pq.write_table(
                        table.select(['str', 'bin', 'fixed', 'dec30']), p, use_dictionary=False,
                        data_page_version=version, compression=codec,
                        column_encoding={'str': 'DELTA_BYTE_ARRAY', 'bin': 'DELTA_BYTE_ARRAY',
                                         'fixed': 'DELTA_BYTE_ARRAY', 'dec30': 'DELTA_BYTE_ARRAY'},
                        data_page_size=300))
                    split = ['f32', 'f64', 'i32', 'i64', 'fixed', 'dec30', 'f16']
                    emit('byte_stream_split_v%s_%s' % (v, codec), lambda p: pq.write_table(
                        table.select(split), p, use_dictionary=False, data_page_version=version, compression=codec,
                        column_encoding={c: 'BYTE_STREAM_SPLIT' for c in split}, data_page_size=300))
            """#, in: directory)
        #expect(files.count == 18)
        for file in files { try InteropFiles.check(file) }
    }

    /// pyarrow writes INT96 from nanosecond timestamps: read at nanoseconds they match pyarrow
    /// digit for digit; at the default microseconds a value with nanoseconds is refused, not rounded.
    @Test func readsPyArrowInt96TimestampsAtNanosecondsWhenAsked() throws {
        let directory = try TemporaryDirectory("weir-pyarrow-int96")
        let files = try InteropFiles.generate(
            #"""
            import pyarrow as pa
            table = sample_table().select(['ts_ms', 'ts_us_utc', 'ts_ns', 'ts_ns_tz'])
            emit('int96', lambda p: pq.write_table(table, p, use_deprecated_int96_timestamps=True))
            emit('int96_plain_v2', lambda p: pq.write_table(table, p, use_deprecated_int96_timestamps=True,
                                                            use_dictionary=False, data_page_version='2.0'))
            """#, in: directory)
        #expect(files.count == 2)
        let nanoseconds = ParquetReadOptions(int96Unit: .nanoseconds)
        for file in files {
            try InteropFiles.check(file, options: nanoseconds)
            let reader = try ParquetFileReader(path: file.path, options: nanoseconds)
            #expect(reader.schema.fields.allSatisfy { $0.type == .timestamp(unit: .nanoseconds, utc: false) })
            let byDefault = try ParquetFileReader(path: file.path)
            #expect(byDefault.schema.fields.allSatisfy { $0.type == .timestamp(unit: .microseconds, utc: false) })
            // Milliseconds and microseconds read at microseconds; the nanosecond column is refused.
            let exact = try byDefault.readRowGroup(0, columns: ["ts_ms", "ts_us_utc"])
            #expect(
                exact.columns[0].value(at: 1)
                    == .timestamp(1_700_000_001_001_000 - 1_000_000_000_000_000, .microseconds, utc: false))
            let error = try #require(throws: ParquetError.self) { try byDefault.readRowGroup(0, columns: ["ts_ns"]) }
            #expect(error.message.contains("finer than the microseconds it is read at"))
            #expect(error.message.hasSuffix("(--int96-unit ns) to keep every digit."))
        }
    }
}
