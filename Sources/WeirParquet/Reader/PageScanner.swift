/// A page found in a column chunk: its header and where its body lies in the chunk.
struct PageLayout {
    var header: PageHeader
    /// The offset of the body (just after the header) within the chunk.
    var bodyOffset: Int
    var bodyLength: Int
    /// The offset of the page header in the file, for messages.
    var fileOffset: Int
}

/// The pages of one column chunk, found by walking the page headers before any value is decoded,
/// so that sizes and counts are checked against each other before anything is allocated.
struct ChunkPages {
    var dictionary: PageLayout?
    var data: [PageLayout]
    /// The largest decompressed size of any page, for the one scratch buffer the chunk needs.
    var largestUncompressedSize: Int

    /// Pages larger than this are refused: far above what writers produce (about 1 MiB), and a
    /// bound on what a corrupt size can make the reader allocate.
    static let maximumPageSize = 1 << 30

    /// Walks `chunk` until data pages holding `expectedValues` values have been seen.
    ///
    /// - Throws: `.corrupt` when a header is invalid, a page runs past the chunk, a dictionary
    ///   page comes after data or twice, or the data pages hold other than `expectedValues` values.
    static func scan(
        _ chunk: UnsafeRawBufferPointer, expectedValues: Int, codec: ParquetCompressionCodec, fileOffset: Int
    ) throws(ParquetError) -> ChunkPages {
        var pages = ChunkPages(dictionary: nil, data: [], largestUncompressedSize: 0)
        var position = 0
        var values = 0
        while values < expectedValues && position < chunk.count {
            var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: chunk[position...]))
            let header: PageHeader
            do throws(ParquetError) {
                header = try PageHeader(from: &reader)
            } catch {
                throw error.at(location: "page header at byte \(fileOffset + position)")
            }
            let bodyOffset = position + reader.position
            let location = "page at byte \(fileOffset + position)"
            let compressed = Int(header.compressedPageSize)
            let uncompressed = Int(header.uncompressedPageSize)
            guard compressed >= 0, compressed <= chunk.count - bodyOffset else {
                throw .corrupt(
                    "The page claims \(compressed) bytes but the column chunk has \(chunk.count - bodyOffset) left.",
                    location: location)
            }
            guard uncompressed >= 0, uncompressed <= maximumPageSize else {
                throw .corrupt("The page claims an uncompressed size of \(uncompressed) bytes.", location: location)
            }
            guard PageDecompressor.canExpand(compressed, to: uncompressed, codec: codec) else {
                throw .corrupt(
                    "The page claims \(compressed) compressed bytes expand to \(uncompressed), more than \(codec) "
                        + "can produce.",
                    location: location)
            }
            let layout = PageLayout(
                header: header, bodyOffset: bodyOffset, bodyLength: compressed, fileOffset: fileOffset + position)
            position = bodyOffset + compressed
            switch header.type {
            case .dictionaryPage:
                guard header.dictionaryPageHeader != nil else {
                    throw .corrupt("The dictionary page has no dictionary page header.", location: location)
                }
                guard pages.dictionary == nil, pages.data.isEmpty else {
                    throw .corrupt("A dictionary page follows other pages of the column chunk.", location: location)
                }
                pages.dictionary = layout
            case .dataPage, .dataPageV2:
                let count: Int32
                if let v1 = header.dataPageHeader, header.type == .dataPage {
                    count = v1.numValues
                } else if let v2 = header.dataPageHeaderV2, header.type == .dataPageV2 {
                    count = v2.numValues
                } else {
                    throw .corrupt("The data page has no header for its page type \(header.type).", location: location)
                }
                guard count >= 0, Int(count) <= expectedValues - values else {
                    throw .corrupt(
                        "The data page claims \(count) values where the row group has \(expectedValues - values) "
                            + "rows left.",
                        location: location)
                }
                values += Int(count)
                pages.data.append(layout)
            case .indexPage, .unknown:
                continue
            }
            pages.largestUncompressedSize = max(pages.largestUncompressedSize, uncompressed)
        }
        guard values == expectedValues else {
            throw .corrupt(
                "The column chunk holds \(values) values where the row group has \(expectedValues) rows.",
                location: "column chunk at byte \(fileOffset)")
        }
        return pages
    }
}
