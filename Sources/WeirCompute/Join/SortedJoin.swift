import WeirColumns

/// A join of two inputs sorted by the join's keys (with the as-of column last), a slice of the
/// right input at a time: each slice is indexed in memory and meets the left rows whose keys sort
/// before the next slice's first key.
///
/// Slices end where the key changes, so equal keys meet in one slice. For an as-of join a slice
/// also holds every earlier row a left row of it may pair with backward (they are in the slice or
/// in no slice: the left row's key is not below the slice's first key); forward and nearest joins
/// add the next slice's first row.
struct SortedJoin {
    private var left: ExternalSort
    private var right: ExternalSort
    private let routing: JoinKeys
    private let keys: JoinKeys
    private let layout: JoinLayout
    private let chunkBytes: Int
    private let appendFollowing: Bool
    private let outer: Bool
    private let reservation: MemoryReservation
    private let builder: JoinTableBuilder
    private var rightCarry: RecordBatch?
    private var rightDone = false
    private var leftCarry: RecordBatch?
    private var leftDone = false
    private var table: JoinTable?
    /// The first key of the next slice; `nil` for the last slice.
    private var boundary: [UInt8]?
    private var lastSlice = false
    private(set) var rightRows = 0
    private(set) var pairedRows = 0

    init(
        left: ExternalSort, right: ExternalSort, routing: JoinKeys, keys: JoinKeys, layout: JoinLayout,
        chunkBytes: Int, appendFollowing: Bool, outer: Bool, reservation: MemoryReservation, build: JoinTableBuilder
    ) {
        self.left = left
        self.right = right
        self.routing = routing
        self.keys = keys
        self.layout = layout
        self.chunkBytes = chunkBytes
        self.appendFollowing = appendFollowing
        self.outer = outer
        self.reservation = reservation
        builder = build
    }

    mutating func next() throws -> RecordBatch? {
        while true {
            if table == nil {
                if lastSlice { return nil }
                guard try loadSlice() else {
                    // No right rows at all: the left rows meet an empty slice.
                    table = builder.build(RecordBatch.empty(right.schema))
                    boundary = nil
                    lastSlice = true
                    continue
                }
            }
            if let batch = try leftRowsOfSlice() {
                let pairs = table!.probe(batch, keys: keys)
                pairedRows += pairs.right.count { $0 >= 0 }
                let output = layout.assemble(left: batch, right: table!.batch, pairs: pairs)
                if output.rowCount > 0 { return output }
                continue
            }
            let finishing = table!
            table = nil
            reservation.free()
            if outer {
                let pairs = finishing.unmatched()
                if !pairs.right.isEmpty {
                    return layout.assemble(left: RecordBatch.empty(left.schema), right: finishing.batch, pairs: pairs)
                }
            }
        }
    }

    /// The next left rows whose keys sort before ``boundary``, or `nil` when the slice has them all.
    private mutating func leftRowsOfSlice() throws -> RecordBatch? {
        if leftCarry == nil {
            while !leftDone {
                guard let batch = try left.next() else {
                    leftDone = true
                    break
                }
                if batch.rowCount > 0 {
                    leftCarry = batch
                    break
                }
            }
        }
        guard let batch = leftCarry else { return nil }
        guard let boundary else {
            leftCarry = nil
            return batch
        }
        let encoded = routing.encode(batch, side: .left).keys
        // The first row whose key is not below the boundary (the rows are sorted).
        var low = 0
        var high = batch.rowCount
        boundary.withUnsafeBufferPointer { bound in
            encoded.bytes.withUnsafeBufferPointer { bytes in
                while low < high {
                    let middle = (low + high) >> 1
                    let key = UnsafeBufferPointer(
                        rebasing: bytes[encoded.offsets[middle]..<encoded.offsets[middle + 1]])
                    if EncodedKeys.compare(key, bound) < 0 { low = middle + 1 } else { high = middle }
                }
            }
        }
        if low == 0 { return nil }
        if low == batch.rowCount {
            leftCarry = nil
            return batch
        }
        leftCarry = batch.slice(low..<batch.rowCount)
        return batch.slice(0..<low)
    }

    /// `slice` with the rows of the next slice's first key after it: `run` (the carried rows, all
    /// of that key) and any more of it at the start of the batches still to come, which join the
    /// carried rows. A forward join pairs with the first of them, a nearest join with the last.
    private mutating func withFollowingRun(_ slice: RecordBatch, run: RecordBatch) throws -> RecordBatch {
        var parts = [slice, run]
        var carried = [run]
        while !rightDone, let boundary {
            guard let batch = try right.next() else {
                rightDone = true
                break
            }
            guard batch.rowCount > 0 else { continue }
            rightRows += batch.rowCount
            carried.append(batch)
            let encoded = routing.encode(batch, side: .right).keys
            var same = 0
            boundary.withUnsafeBufferPointer { bound in
                encoded.bytes.withUnsafeBufferPointer { bytes in
                    while same < batch.rowCount,
                        EncodedKeys.compare(
                            UnsafeBufferPointer(rebasing: bytes[encoded.offsets[same]..<encoded.offsets[same + 1]]),
                            bound) == 0
                    {
                        same += 1
                    }
                }
            }
            parts.append(batch.slice(0..<same))
            if same < batch.rowCount { break }
        }
        rightCarry = RecordBatch.concatenate(carried, schema: right.schema)
        return RecordBatch.concatenate(parts, schema: right.schema)
    }

    /// Reads the next slice of the right input and indexes it; `false` when there is none.
    private mutating func loadSlice() throws -> Bool {
        var parts: [RecordBatch] = []
        var bytes = 0
        if let carry = rightCarry {
            parts.append(carry)
            bytes += carry.memorySize
            rightCarry = nil
        }
        func pull() throws -> Bool {
            while !rightDone {
                guard let batch = try right.next() else {
                    rightDone = true
                    return false
                }
                guard batch.rowCount > 0 else { continue }
                rightRows += batch.rowCount
                parts.append(batch)
                bytes += batch.memorySize
                return true
            }
            return false
        }
        while bytes < chunkBytes, try pull() {}
        guard !parts.isEmpty else { return false }
        var rows = RecordBatch.concatenate(parts, schema: right.schema)
        var cut: Int?
        var encoded = EncodedKeys()
        while !rightDone {
            encoded = routing.encode(rows, side: .right).keys
            var position = rows.rowCount - 1
            while position > 0 && encoded.compare(position, encoded, position - 1) == 0 { position -= 1 }
            if position > 0 {
                cut = position
                break
            }
            // One key throughout: the slice grows until the key changes.
            guard try pull() else { break }
            rows = RecordBatch.concatenate(parts, schema: right.schema)
        }
        var slice = rows
        if let cut {
            slice = rows.slice(0..<cut)
            rightCarry = rows.slice(cut..<rows.rowCount)
            boundary = Array(encoded.bytes[encoded.offsets[cut]..<encoded.offsets[cut + 1]])
            if appendFollowing { slice = try withFollowingRun(slice, run: rightCarry!) }
        } else {
            boundary = nil
            lastSlice = true
        }
        reservation.forceResize(to: slice.memorySize * 2 + slice.rowCount * 16)
        table = builder.build(slice)
        return true
    }
}
