/// Snappy's raw block format, compression side.
///
/// The input is cut into 64 KiB blocks that are compressed independently (so every offset fits in 16 bits). Within a
/// block a hash table of 4-byte windows finds earlier occurrences; when lookups keep missing, the scan takes ever
/// larger steps so incompressible data costs little. A block that saves less than 1/32 of its bytes (random
/// measurements, already compressed data) is taken as a sign for the blocks after it: they are stored as literals
/// without searching, and every ``probeInterval``-th block is searched again. The decision depends on the input
/// alone, so the same input always gives the same bytes. Everything runs on raw pointers into one output buffer sized
/// by the format's worst case.
enum SnappyEncoder {
    static let blockSize = 1 << 16
    /// After an incompressible block, every this many blocks one is searched again.
    static let probeInterval = 8
    static let maximumTableSize = 1 << 14
    /// Bytes at the end of a block that are never searched for matches, so 4- and 8-byte loads stay in bounds.
    static let inputMargin = 15

    /// The worst-case size of the compressed form of `count` bytes.
    static func maximumCompressedLength(_ count: Int) -> Int { 32 + count + count / 6 }

    static func compress(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> [UInt8] {
        guard input.count <= Int(UInt32.max) else {
            throw CompressionError(
                codec: .snappy,
                message: "A block of \(input.count) bytes is too large for Snappy, which takes at most "
                    + "\(UInt32.max) bytes. Split the data into smaller pages or row groups."
            )
        }
        let capacity = maximumCompressedLength(input.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let start = UnsafeMutableRawPointer(buffer.baseAddress!)
            var output = SnappyVarint.write(UInt32(input.count), to: start)
            if let base = input.baseAddress {
                let table = UnsafeMutablePointer<UInt16>.allocate(capacity: maximumTableSize)
                defer { table.deallocate() }
                var offset = 0
                var storedSince = -1
                while offset < input.count {
                    let length = min(blockSize, input.count - offset)
                    if storedSince >= 0 && storedSince < probeInterval - 1 {
                        output = emitLiteral(base + offset, length: length, to: output)
                        storedSince += 1
                    } else {
                        let before = output
                        output = compressBlock(base + offset, length: length, table: table, output: output)
                        let saved = length - before.distance(to: output)
                        storedSince = length == blockSize && saved < length / 32 ? 0 : -1
                    }
                    offset += length
                }
            }
            count = start.distance(to: output)
        }
    }

    @inline(__always)
    private static func load32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    }

    @inline(__always)
    private static func hash(_ word: UInt32, _ shift: UInt32) -> Int {
        Int(truncatingIfNeeded: (word &* 0x1e35_a7bd) >> shift)
    }

    private static func compressBlock(
        _ source: UnsafeRawPointer,
        length: Int,
        table: UnsafeMutablePointer<UInt16>,
        output: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer {
        var tableSize = 256
        while tableSize < maximumTableSize && tableSize < length { tableSize <<= 1 }
        table.initialize(repeating: 0, count: tableSize)
        let shift = UInt32(32 - tableSize.trailingZeroBitCount)
        var output = output
        var nextEmit = 0
        if length >= inputMargin {
            let limit = length - inputMargin
            var position = 1
            var nextHash = hash(load32(source, position), shift)
            scan: while true {
                // Look for a 4-byte match, stepping further each time 32 lookups in a row have failed.
                var skip = 32
                var next = position
                var candidate = 0
                repeat {
                    position = next
                    let slot = nextHash
                    next = position + skip >> 5
                    skip += 1
                    if next > limit { break scan }
                    nextHash = hash(load32(source, next), shift)
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: position)
                } while load32(source, position) != load32(source, candidate)

                output = emitLiteral(source + nextEmit, length: position - nextEmit, to: output)
                // Emit copies for as long as the byte after each one starts another match.
                repeat {
                    let matchStart = position
                    let matched =
                        4 + matchLength(source + candidate + 4, source + position + 4, limit: source + length)
                    position += matched
                    output = emitCopy(offset: matchStart - candidate, length: matched, to: output)
                    nextEmit = position
                    if position >= limit { break scan }
                    table[hash(load32(source, position - 1), shift)] = UInt16(truncatingIfNeeded: position - 1)
                    let slot = hash(load32(source, position), shift)
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: position)
                } while load32(source, position) == load32(source, candidate)
                position += 1
                nextHash = hash(load32(source, position), shift)
            }
        }
        if nextEmit < length {
            output = emitLiteral(source + nextEmit, length: length - nextEmit, to: output)
        }
        return output
    }

    /// How many bytes at `earlier` and `later` agree, reading `later` no further than `limit`.
    @inline(__always)
    private static func matchLength(_ earlier: UnsafeRawPointer, _ later: UnsafeRawPointer, limit: UnsafeRawPointer)
        -> Int
    {
        let available = later.distance(to: limit)
        var matched = 0
        while matched + 8 <= available {
            let a = UInt64(littleEndian: earlier.loadUnaligned(fromByteOffset: matched, as: UInt64.self))
            let b = UInt64(littleEndian: later.loadUnaligned(fromByteOffset: matched, as: UInt64.self))
            let difference = a ^ b
            if difference != 0 { return matched + difference.trailingZeroBitCount >> 3 }
            matched += 8
        }
        while matched < available
            && earlier.load(fromByteOffset: matched, as: UInt8.self)
                == later.load(fromByteOffset: matched, as: UInt8.self)
        {
            matched += 1
        }
        return matched
    }

    @inline(__always)
    private static func emitLiteral(_ source: UnsafeRawPointer, length: Int, to output: UnsafeMutableRawPointer)
        -> UnsafeMutableRawPointer
    {
        var output = output
        let stored = length - 1
        if stored < 60 {
            output.storeBytes(of: UInt8(truncatingIfNeeded: stored << 2), as: UInt8.self)
            output += 1
        } else {
            var extra = 1
            while extra < 4 && stored >> (8 * extra) != 0 { extra += 1 }
            output.storeBytes(of: UInt8(truncatingIfNeeded: (59 + extra) << 2), as: UInt8.self)
            output += 1
            for index in 0..<extra {
                output.storeBytes(of: UInt8(truncatingIfNeeded: stored >> (8 * index)), as: UInt8.self)
                output += 1
            }
        }
        output.copyMemory(from: source, byteCount: length)
        return output + length
    }

    @inline(__always)
    private static func emitCopy(offset: Int, length: Int, to output: UnsafeMutableRawPointer)
        -> UnsafeMutableRawPointer
    {
        var output = output
        var remaining = length
        // Copy-2 elements carry at most 64 bytes; keep at least 4 for the last element.
        while remaining >= 68 {
            output = emitCopy2(offset: offset, length: 64, to: output)
            remaining -= 64
        }
        if remaining > 64 {
            output = emitCopy2(offset: offset, length: 60, to: output)
            remaining -= 60
        }
        if remaining < 12 && offset < 2048 {
            output.storeBytes(
                of: UInt8(truncatingIfNeeded: 1 | (remaining - 4) << 2 | (offset >> 8) << 5),
                as: UInt8.self
            )
            output.storeBytes(of: UInt8(truncatingIfNeeded: offset), toByteOffset: 1, as: UInt8.self)
            return output + 2
        }
        return emitCopy2(offset: offset, length: remaining, to: output)
    }

    @inline(__always)
    private static func emitCopy2(offset: Int, length: Int, to output: UnsafeMutableRawPointer)
        -> UnsafeMutableRawPointer
    {
        output.storeBytes(of: UInt8(truncatingIfNeeded: 2 | (length - 1) << 2), as: UInt8.self)
        output.storeBytes(of: UInt16(truncatingIfNeeded: offset).littleEndian, toByteOffset: 1, as: UInt16.self)
        return output + 3
    }
}
