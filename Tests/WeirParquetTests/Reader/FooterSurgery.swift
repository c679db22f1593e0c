import Foundation
import WeirParquet

/// Rewrites the footer of a Parquet file held in memory, leaving its pages as they are.
enum FooterSurgery {
    static func footer(of bytes: [UInt8]) throws -> (metadata: FileMetaData, start: Int) {
        let count = bytes.count
        let length =
            Int(bytes[count - 8]) | Int(bytes[count - 7]) << 8 | Int(bytes[count - 6]) << 16
            | Int(bytes[count - 5]) << 24
        let start = count - 8 - length
        return (try FileMetaData.decode(Array(bytes[start..<(count - 8)])), start)
    }

    static func rewrite(_ bytes: [UInt8], _ transform: (inout FileMetaData) -> Void) throws -> [UInt8] {
        var (metadata, start) = try footer(of: bytes)
        transform(&metadata)
        let encoded = metadata.thriftBytes
        var length = UInt32(encoded.count).littleEndian
        var result = Array(bytes[..<start]) + encoded
        withUnsafeBytes(of: &length) { result.append(contentsOf: $0) }
        return result + ParquetFormat.magic
    }
}
