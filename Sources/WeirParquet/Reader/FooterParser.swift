/// Finds and decodes the footer of a Parquet file: `PAR1`, pages…, metadata, its 4-byte
/// little-endian length, `PAR1`.
enum FooterParser {
    /// The decoded metadata and the offset where it starts (the end of the column data).
    static func parse(_ source: ByteSource) throws(ParquetError) -> (metadata: FileMetaData, start: Int) {
        let subject = source.path.map { "'\($0)'" } ?? "The data"
        let size = source.count
        let magic = ParquetFormat.magic
        let tail = size >= 4 ? try source.read(offset: size - 4, length: 4) : []
        if tail == Array("PARE".utf8) {
            throw .unsupported(
                "\(subject) is an encrypted Parquet file (its footer ends with 'PARE'); Weir does not read "
                    + "encrypted files. Decrypt it with the tool that wrote it.")
        }
        guard tail == magic else {
            throw .corrupt("\(subject) is not a Parquet file: it does not end with the magic bytes 'PAR1'.")
        }
        guard size >= 12 else {
            throw .corrupt(
                "\(subject) is not a Parquet file: it has \(size) bytes, too few for the magic bytes and a footer.")
        }
        guard try source.read(offset: 0, length: 4) == magic else {
            throw .corrupt("\(subject) is not a Parquet file: it does not start with the magic bytes 'PAR1'.")
        }
        let lengthBytes = try source.read(offset: size - 8, length: 4)
        let length =
            Int(lengthBytes[0]) | Int(lengthBytes[1]) << 8 | Int(lengthBytes[2]) << 16 | Int(lengthBytes[3]) << 24
        guard length <= size - 12 else {
            throw .corrupt(
                "The footer claims \(length) bytes of metadata but the file has only \(size - 12) bytes between its "
                    + "magic bytes. The file is truncated or damaged.")
        }
        let start = size - 8 - length
        let footer = try source.read(offset: start, length: length)
        do throws(ParquetError) {
            return (try FileMetaData.decode(footer), start)
        } catch {
            throw error.at(location: "footer at byte \(start)")
        }
    }
}
