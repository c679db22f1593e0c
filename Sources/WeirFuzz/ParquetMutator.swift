/// Damages valid Parquet files the ways real damage and hostile files do: flipped bits, overwritten
/// runs, truncation, a wrong footer length or magic, and Thrift-aware corruption of the footer and
/// of page headers (field ids and types, huge or negative integers, lengths and counts).
public enum ParquetMutator {
    /// `original` with one to three mutations drawn from `random`, and a note of what was done.
    public static func mutate(
        _ original: [UInt8], layout: ParquetLayout, using random: inout FuzzRandom
    ) -> (bytes: [UInt8], note: String) {
        var bytes = original
        var notes: [String] = []
        for _ in 0..<(1 + random.below(3)) {
            notes.append(mutateOnce(&bytes, layout: layout, using: &random))
        }
        return (bytes, notes.joined(separator: "; "))
    }

    private static func mutateOnce(_ bytes: inout [UInt8], layout: ParquetLayout, using random: inout FuzzRandom)
        -> String
    {
        guard !bytes.isEmpty else { return "nothing left to mutate" }
        switch random.below(18) {
        case 0, 1:
            let position = aimedPosition(bytes, layout: layout, using: &random)
            let bit = random.below(8)
            bytes[position] ^= 1 << UInt8(bit)
            return "bit \(bit) flipped at byte \(position)"
        case 2:
            let position = aimedPosition(bytes, layout: layout, using: &random)
            let length = min(1 + random.below(random.oneIn(4) ? 256 : 16), bytes.count - position)
            let fill = random.pick(["00", "FF", "7F", "80", "random"])
            for offset in position..<(position + length) {
                bytes[offset] = fill == "random" ? UInt8(truncatingIfNeeded: random.next()) : UInt8(fill, radix: 16)!
            }
            return "\(length) bytes at \(position) overwritten with \(fill)"
        case 3:
            let length = random.oneIn(2) ? random.below(bytes.count) : max(0, bytes.count - 1 - random.below(64))
            bytes.removeSubrange(length...)
            return "truncated to \(length) bytes"
        case 4:
            return corruptFooterLength(&bytes, layout: layout, using: &random)
        case 5:
            let atEnd = random.oneIn(2)
            let base = atEnd ? bytes.count - 4 : 0
            guard base >= 0, bytes.count >= 4 else { return "no magic to corrupt" }
            let replacement = random.pick([Array("PARE".utf8), Array("par1".utf8), [0, 0, 0, 0], Array("PAR".utf8)])
            bytes.replaceSubrange(base..<(base + 4), with: replacement)
            return "magic at \(base) replaced with \(replacement)"
        case 6, 7, 8, 9:
            guard !layout.footerSites.isEmpty else { return "no footer sites" }
            let site = random.pick(layout.footerSites)
            guard site.offset + site.length <= bytes.count else { return "footer site gone" }
            let before = bytes.count
            let note = SiteMutator.mutate(&bytes, site: site, using: &random)
            // Mostly keep the footer length right so the damage reaches the decoder.
            if bytes.count != before, let footer = layout.footer, !random.oneIn(4) {
                setFooterLength(&bytes, footer.count + bytes.count - before)
            }
            return "footer \(note)"
        case 10, 11, 12, 13:
            guard !layout.pageSites.isEmpty else { return "no page sites" }
            let site = random.pick(layout.pageSites)
            guard site.offset + site.length <= bytes.count else { return "page site gone" }
            return "page header \(SiteMutator.mutate(&bytes, site: site, using: &random))"
        case 14:
            let position = random.below(bytes.count)
            let inserted = (0..<(1 + random.below(8))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.insert(contentsOf: inserted, at: position)
            return "\(inserted.count) random bytes inserted at \(position)"
        case 16, 17:
            return corruptPageBody(&bytes, layout: layout, using: &random)
        default:
            // A page header copied over another: pages that lie about where they are.
            guard layout.pageStarts.count >= 2 else { return "too few pages to swap" }
            let from = random.pick(layout.pageStarts)
            let to = random.pick(layout.pageStarts)
            let length = min(24, bytes.count - from, bytes.count - to)
            guard length > 0 else { return "pages gone" }
            bytes.replaceSubrange(to..<(to + length), with: bytes[from..<(from + length)])
            return "24 bytes of the page header at \(from) copied over the one at \(to)"
        }
    }

    /// Half the time a place where the structure lies (the footer, a page header), else anywhere.
    private static func aimedPosition(_ bytes: [UInt8], layout: ParquetLayout, using random: inout FuzzRandom) -> Int {
        if random.oneIn(2), !layout.pageStarts.isEmpty {
            return min(random.pick(layout.pageStarts) + random.below(24), bytes.count - 1)
        }
        if random.oneIn(2), let footer = layout.footer {
            return min(footer.lowerBound + random.below(max(footer.count, 1)), bytes.count - 1)
        }
        return random.below(bytes.count)
    }

    /// Damages the encoded values of a page: in an uncompressed file this reaches the decoders
    /// (levels, run headers, dictionary indices, lengths, bit widths, delta headers).
    private static func corruptPageBody(_ bytes: inout [UInt8], layout: ParquetLayout, using random: inout FuzzRandom)
        -> String
    {
        guard !layout.pageBodies.isEmpty else { return "no page bodies" }
        let body = random.pick(layout.pageBodies)
        guard body.upperBound <= bytes.count else { return "page body gone" }
        let position = body.lowerBound + random.below(min(body.count, random.oneIn(2) ? 8 : body.count))
        switch random.below(4) {
        case 0:
            let bit = random.below(8)
            bytes[position] ^= 1 << UInt8(bit)
            return "bit \(bit) flipped in the page body at byte \(position)"
        case 1:
            let value = UInt8(truncatingIfNeeded: random.pick([0, 0xFF, 0x7F, 0x80, 0x3F, 0x21, random.next()]))
            bytes[position] = value
            return "page body byte \(position) := \(value)"
        case 2:
            // A 4-byte little-endian length, as before levels (V1) and PLAIN byte arrays.
            let value = UInt32(
                truncatingIfNeeded: random.pick([0, 1, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, random.next() % 4096]))
            for index in 0..<min(4, bytes.count - position) {
                bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))
            }
            return "page body bytes at \(position) := length \(value)"
        default:
            // A run header or delta header as a long varint.
            let encoded = SiteMutator.varint(
                random.pick([UInt64(Int32.max), UInt64(UInt32.max) << 1 | 1, 1 << 40, .max >> 1, 255 << 1]))
            let end = min(position + encoded.count, bytes.count)
            bytes.replaceSubrange(position..<end, with: encoded.prefix(end - position))
            return "page body at \(position) := varint \(encoded)"
        }
    }

    private static func corruptFooterLength(
        _ bytes: inout [UInt8], layout: ParquetLayout, using random: inout FuzzRandom
    )
        -> String
    {
        guard bytes.count >= 8 else { return "too short for a footer length" }
        let current = layout.footer?.count ?? 0
        let value = random.pick([
            0, 1, current - 1, current + 1, current * 2, bytes.count - 12, bytes.count - 11, bytes.count,
            Int(UInt32.max), Int(Int32.max), random.below(bytes.count + 1),
        ])
        setFooterLength(&bytes, value)
        return "footer length set to \(value)"
    }

    private static func setFooterLength(_ bytes: inout [UInt8], _ value: Int) {
        guard bytes.count >= 8 else { return }
        let field = UInt32(truncatingIfNeeded: value)
        for index in 0..<4 { bytes[bytes.count - 8 + index] = UInt8(truncatingIfNeeded: field >> (8 * index)) }
    }
}
