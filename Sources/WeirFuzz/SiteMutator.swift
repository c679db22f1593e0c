/// Overwrites one Thrift site with a value that a damaged or hostile file might hold.
enum SiteMutator {
    /// Mutates `site` in `bytes` (which may grow or shrink); returns a note of what was done.
    static func mutate(_ bytes: inout [UInt8], site: ThriftSites.Site, using random: inout FuzzRandom) -> String {
        let place = "\(site.kind) at byte \(site.offset) (field \(site.path.map(String.init).joined(separator: ".")))"
        switch site.kind {
        case .fieldHeader:
            let old = bytes[site.offset]
            let new: UInt8
            switch random.below(4) {
            case 0: new = (old & 0xF0) | UInt8(random.below(16))
            case 1: new = UInt8(random.below(16)) << 4 | (old & 0x0F)
            case 2: new = 0
            default: new = UInt8(truncatingIfNeeded: random.next())
            }
            bytes[site.offset] = new
            return "\(place) := 0x\(String(new, radix: 16))"
        case .listHeader:
            let old = bytes[site.offset]
            if random.oneIn(3) {
                // A long count follows the header.
                let count = interestingCount(old: Int64(old >> 4), using: &random)
                bytes.replaceSubrange(site.offset...site.offset, with: [0xF0 | (old & 0x0F)] + varint(count))
                return "\(place) count := \(count)"
            }
            let new =
                random.oneIn(2) ? (old & 0x0F) | UInt8(random.below(16)) << 4 : (old & 0xF0) | UInt8(random.below(16))
            bytes[site.offset] = new
            return "\(place) := 0x\(String(new, radix: 16))"
        case .integer:
            let value = interestingInteger(old: site.value, using: &random)
            let raw = UInt64(bitPattern: (value << 1) ^ (value >> 63))
            replace(&bytes, site: site, with: raw, using: &random)
            return "\(place) := \(value)"
        case .length, .count:
            let value = interestingCount(old: site.value, using: &random)
            replace(&bytes, site: site, with: value, using: &random)
            return "\(place) := \(value)"
        }
    }

    private static func interestingInteger(old: Int64, using random: inout FuzzRandom) -> Int64 {
        random.pick([
            0, 1, -1, 2, old &+ 1, old &- 1, old &* 2, old / 2, 0 &- old, old &* 1_000, Int64(Int32.max),
            Int64(Int32.min), Int64(Int32.max) - 1, Int64(Int32.max) + 1, 1 << 32, Int64(Int16.max) + 1, .max, .min,
            Int64(random.below(1 << 20)), Int64(random.below(256)) - 128,
        ])
    }

    private static func interestingCount(old: Int64, using random: inout FuzzRandom) -> UInt64 {
        random.pick([
            0, 1, UInt64(bitPattern: old) &+ 1, UInt64(bitPattern: old) &- 1, UInt64(bitPattern: old) &* 2,
            UInt64(Int32.max), UInt64(UInt32.max), 1 << 32, 1 << 62, UInt64(Int64.max), .max,
            UInt64(random.below(1 << 16)),
        ])
    }

    /// Writes `raw` as a varint over the site: in place, padded to the old length with overlong
    /// bytes when it is shorter, half the time; otherwise as short as it encodes.
    private static func replace(
        _ bytes: inout [UInt8], site: ThriftSites.Site, with raw: UInt64, using random: inout FuzzRandom
    ) {
        var encoded = varint(raw)
        if encoded.count < site.length, random.oneIn(2) {
            encoded[encoded.count - 1] |= 0x80
            encoded += Array(repeating: 0x80, count: site.length - encoded.count - 1) + [0]
        }
        bytes.replaceSubrange(site.offset..<(site.offset + site.length), with: encoded)
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var encoded: [UInt8] = []
        while value >= 0x80 {
            encoded.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return encoded + [UInt8(value)]
    }
}
