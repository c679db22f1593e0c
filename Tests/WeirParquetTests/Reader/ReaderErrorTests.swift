import Testing
import WeirColumns
import WeirParquet

@Suite struct ReaderErrorTests {
    private func openError(_ bytes: [UInt8]) throws -> ParquetError {
        try #require(throws: ParquetError.self) { try ParquetFileReader(bytes: bytes) }
    }

    private func readError(_ bytes: [UInt8], columns: [String]? = nil) throws -> ParquetError {
        let reader = try ParquetFileReader(bytes: bytes)
        return try #require(throws: ParquetError.self) { try reader.readRowGroup(0, columns: columns) }
    }

    @Test func handmadeFileReads() throws {
        let reader = try ParquetFileReader(bytes: HandmadeFile.bytes())
        #expect(reader.schema == Schema([Field("n", .int32, nullable: false)]))
        #expect(try reader.readRowGroup(0).columns[0].storage == .int32([7, -1, 42]))
        #expect(reader.rowCount == 3)
        #expect(reader.keyValueMetadata.isEmpty)
    }

    @Test func filesThatAreNotParquetAreNamedSo() throws {
        let csv = try openError(Array("a,b\n1,2\n".utf8))
        #expect(csv.kind == .corrupt)
        #expect(csv.message == "The data is not a Parquet file: it does not end with the magic bytes 'PAR1'.")
        #expect(try openError([]).message == csv.message)
        let short = try openError(Array("PAR1PAR1".utf8))
        #expect(
            short.message == "The data is not a Parquet file: it has 8 bytes, too few for the magic bytes and a footer."
        )
        var noStart = HandmadeFile.bytes()
        noStart[0] = 0
        #expect(
            try openError(noStart).message
                == "The data is not a Parquet file: it does not start with the magic bytes 'PAR1'.")
    }

    @Test func encryptedFootersAreRefused() throws {
        var bytes = HandmadeFile.bytes()
        bytes[bytes.count - 1] = UInt8(ascii: "E")
        let error = try openError(bytes)
        #expect(error.kind == .unsupported)
        #expect(error.message.hasPrefix("The data is an encrypted Parquet file (its footer ends with 'PARE')"))
    }

    @Test func aFooterLongerThanTheFileIsCorrupt() throws {
        var bytes = HandmadeFile.bytes()
        bytes[bytes.count - 5] = 0x7F
        let error = try openError(bytes)
        #expect(error.kind == .corrupt)
        #expect(error.message.hasPrefix("The footer claims 2130706"))
        #expect(error.message.hasSuffix("The file is truncated or damaged."))
    }

    @Test func schemaAndRowGroupsMustAgree() throws {
        let extraChunk = HandmadeFile.bytes(metadata: { metadata in
            metadata.rowGroups[0].columns.append(metadata.rowGroups[0].columns[0])
        })
        #expect(try openError(extraChunk).message == "Row group 0 has 2 column chunks where the schema has 1 columns.")
        let tooManyChildren = HandmadeFile.bytes(metadata: { $0.schema[0].numChildren = 2 })
        #expect(
            try openError(tooManyChildren).message
                == "The file's schema ends before all the children its groups declare.")
        let negativeRows = HandmadeFile.bytes(metadata: { $0.rowGroups[0].numRows = -1 })
        #expect(try openError(negativeRows).message == "Row group 0 claims -1 rows.")
    }

    @Test func rowGroupIndicesAreChecked() throws {
        let reader = try ParquetFileReader(bytes: HandmadeFile.bytes())
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(1) }
        #expect(error.kind == .invalidArgument)
        #expect(error.message == "Row group 1 does not exist; the file has 1 row groups.")
    }

    @Test func unreadableCodecsAndEncryptedColumnsAreNamed() throws {
        let lzo = try readError(HandmadeFile.bytes(metadata: { $0.rowGroups[0].columns[0].metaData!.codec = .lzo }))
        #expect(lzo.kind == .codec)
        #expect(lzo.message == "Column 'n' is compressed with LZO, which Weir does not read.")
        #expect(lzo.location == "row group 0, column 'n'")

        let encrypted = try readError(
            HandmadeFile.bytes(metadata: { metadata in
                metadata.rowGroups[0].columns[0].metaData = nil
                metadata.rowGroups[0].columns[0].isEncrypted = true
            }))
        // The encoder writes no crypto metadata, so the chunk only lacks its metadata.
        #expect(encrypted.message == "The column chunk of 'n' has no metadata.")
    }

    @Test func pagesMustHoldTheRowGroupsRows() throws {
        let fewer = try readError(HandmadeFile.bytes(metadata: { $0.rowGroups[0].numRows = 4 }))
        #expect(fewer.message == "The column chunk holds 3 values where the row group has 4 rows.")
        let more = try readError(HandmadeFile.bytes(page: { $0.dataPageHeader!.numValues = 9 }))
        #expect(more.message == "The data page claims 9 values where the row group has 3 rows left.")
        #expect(more.location == "row group 0, column 'n', page at byte 4")
        let shortValues = try readError(
            HandmadeFile.bytes(metadata: { $0.rowGroups[0].columns[0].metaData!.totalCompressedSize -= 4 }))
        #expect(shortValues.message.hasPrefix("The page claims 12 bytes but the column chunk has 8 left."))
    }

    @Test func unsupportedEncodingsAreNamed() throws {
        let error = try readError(HandmadeFile.bytes(page: { $0.dataPageHeader!.encoding = .deltaLengthByteArray }))
        #expect(error.kind == .unsupported)
        #expect(
            error.message
                == "Column 'n' uses the encoding DELTA_LENGTH_BYTE_ARRAY for INT32 values, which Weir does not read.")
        let dictionaryWithoutPage = try readError(
            HandmadeFile.bytes(page: { $0.dataPageHeader!.encoding = .rleDictionary }))
        #expect(dictionaryWithoutPage.message == "Column 'n' has a dictionary-encoded page but no dictionary page.")
    }
}

@Suite struct ReaderErrorLocationTests {
    @Test func valueErrorsNameTheRowGroupColumnAndPage() throws {
        let short = try ParquetFileReader(
            bytes: HandmadeFile.bytes(
                values: [1, 2], page: { $0.dataPageHeader!.numValues = 3 }, metadata: { $0.rowGroups[0].numRows = 3 }))
        let error = try #require(throws: ParquetError.self) { try short.readRowGroup(0) }
        #expect(error.location == "row group 0, column 'n', page at byte 4")
        #expect(error.message == "The page holds 8 bytes of values where 3 values of 4 bytes belong.")
        #expect(error.description == "row group 0, column 'n', page at byte 4: " + error.message)
    }
}
