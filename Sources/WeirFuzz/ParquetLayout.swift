import WeirParquet

/// Where the parts of a valid Parquet file lie: its footer and the Thrift sites in it, and the
/// page headers of every column chunk with theirs. Found once per corpus file.
public struct ParquetLayout: Sendable {
    /// Where the footer starts and how long it is; `nil` when the file has no readable footer.
    public var footer: Range<Int>?
    /// The footer's sites, at offsets in the file.
    public var footerSites: [ThriftSites.Site] = []
    /// The sites of every page header, at offsets in the file.
    public var pageSites: [ThriftSites.Site] = []
    /// Where each page header starts.
    public var pageStarts: [Int] = []
    /// Where each page's body (after its header) lies.
    public var pageBodies: [Range<Int>] = []

    public init(_ bytes: [UInt8]) {
        let count = bytes.count
        guard count >= 12 else { return }
        let length =
            Int(bytes[count - 8]) | Int(bytes[count - 7]) << 8 | Int(bytes[count - 6]) << 16
            | Int(bytes[count - 5]) << 24
        guard length <= count - 12 else { return }
        let start = count - 8 - length
        footer = start..<(count - 8)
        footerSites = ThriftSites(bytes, offset: start).sites
        guard let metadata = try? FileMetaData.decode(Array(bytes[start..<(count - 8)])) else { return }
        for group in metadata.rowGroups {
            for chunk in group.columns {
                guard let meta = chunk.metaData else { continue }
                var position = Int(
                    meta.dictionaryPageOffset.map { min($0, meta.dataPageOffset) } ?? meta.dataPageOffset)
                let end = min(position + Int(clamping: meta.totalCompressedSize), start)
                while position >= 4, position < end {
                    let header = ThriftSites(bytes, offset: position)
                    guard let headerEnd = header.end,
                        let size = header.sites.first(where: { $0.kind == .integer && $0.path == [3] })?.value,
                        size >= 0
                    else { break }
                    pageStarts.append(position)
                    pageSites += header.sites
                    position = headerEnd + Int(size)
                    if size > 0, position <= start { pageBodies.append(headerEnd..<position) }
                }
            }
        }
    }
}
