import Dispatch
import Foundation
import WeirColumns

/// The sorted checks' fast path: when a rule's order is the group columns then one timestamp
/// column (`unique` of (station, time), `time_gaps` of time per station), each row becomes one
/// `UInt64` — the rank of its group in key order, a null flag and its time from the column's
/// minimum — and the keys are radix-sorted on every core, instead of an external sort of the rows.
/// The order is the external sort's: groups by their key (nulls last), then time, nulls last.
extension QualityChecker {
    /// Runs the sorted checks `indices` on packed keys and returns `true`; returns `false` (having
    /// done nothing) when `keys` do not have that form, the times span too many bits, or the
    /// budget cannot hold two keys a row.
    func packedSortedChecks(
        _ indices: [Int], keys: [String], schema: Schema, rows: Int, statistics: [ColumnStatistics],
        reopen: ([String]) throws -> any BatchStream, budget: MemoryBudget, outcomes: inout [QualityOutcome],
        groups: inout Groups
    ) throws -> Bool {
        guard keys.count == groupBy.count + 1, Array(keys.prefix(groupBy.count)) == groupBy,
            let timeIndex = schema.index(of: keys[groupBy.count])
        else { return false }
        let timeField = schema.fields[timeIndex]
        guard case .timestamp(let unit, let utc) = timeField.type else { return false }
        let timeName = timeField.name
        var low: Int64 = 0
        var high: Int64 = 0
        if let statistics = statistics.first(where: { $0.name == timeName }) {
            if let value = statistics.min { guard let raw = Self.raw(value) else { return false }; low = raw }
            if let value = statistics.max { guard let raw = Self.raw(value) else { return false }; high = raw }
        }
        let span = high.subtractingReportingOverflow(low)
        guard !span.overflow, span.partialValue >= 0 else { return false }
        let timeBits = UInt64.bitWidth - UInt64(span.partialValue).leadingZeroBitCount
        // Groups seen after the first pass (none should be) would have no rank.
        let groupCount = max(groups.values.count, 1)
        let rankBits = UInt64.bitWidth - UInt64(groupCount).leadingZeroBitCount
        guard timeBits + 1 + rankBits <= 64 else { return false }
        let reservation = MemoryReservation(consumer: "quality pair sort", budget: budget)
        guard reservation.tryResize(to: rows * 16) else { return false }
        defer { reservation.free() }

        // Ranks of the groups in the order of their encoded keys (nulls last, as the sort).
        var rank = [UInt64](repeating: 0, count: groupCount)
        var groupOfRank = [Int](repeating: 0, count: groupCount)
        if !groupBy.isEmpty {
            for (position, group) in groups.table.keys.sortedOrder().enumerated() {
                rank[group] = UInt64(position)
                groupOfRank[position] = group
            }
        }
        let nullBit = UInt64(1) << UInt64(timeBits)
        let rankShift = UInt64(timeBits + 1)

        var packed: [UInt64] = []
        packed.reserveCapacity(rows)
        var input = try reopen(keys)
        let groupEncoder = groupBy.isEmpty ? nil : try KeyEncoder(groupBy.map { SortKey($0) }, schema: input.schema)
        let inputTime = try input.schema.requireFlatIndex(of: timeName, for: "a quality check")
        while let batch = try input.next() {
            let ids = groups.ids(batch, encoder: groupEncoder, names: groupBy)
            guard ids.allSatisfy({ $0 < groupCount }) else { return false }
            let column = batch.columns[inputTime]
            guard case .int64(let times) = column.storage else { return false }
            let validity = column.validity
            for row in 0..<batch.rowCount {
                let base = rank[ids[row]] << rankShift
                if validity?[row] ?? true {
                    packed.append(base | UInt64(bitPattern: times[row] &- low))
                } else {
                    packed.append(base | nullBit)
                }
            }
        }
        Self.sortInParallel(&packed)

        // The rules, row by row in sorted order, as the external sort's path reads them.
        let timeMask = nullBit - 1
        let rulesTime = indices.map { rules[$0].columns.contains(timeName) }
        let rulesGroupNull = indices.map { index in
            // No group at all (an empty input) still counts one, which has no values.
            (0..<groupCount).map { group in
                group < groups.values.count && rules[index].columns.contains { groups.values[group][$0]?.isNull ?? false }
            }
        }
        var previousKey: UInt64?
        var previousGroup = -1
        var previousTime = [Int64?](repeating: nil, count: rules.count)
        var largest = [Double?](repeating: nil, count: rules.count)
        let perSecond = Double(unit.perSecond)
        func value(_ raw: Int64) -> Value { .timestamp(raw, unit, utc: utc) }
        func sample(_ group: Int, _ time: Int64?, columns: [String]) -> [String: Value] {
            var values: [String: Value] = [:]
            for name in groupBy + columns {
                let known = group < groups.values.count ? groups.values[group][name] : nil
                values[name] = name == timeName ? time.map(value) ?? .null : known ?? .null
            }
            return values
        }
        for key in packed {
            let group = groupOfRank[Int(key >> rankShift)]
            let isNull = key & nullBit != 0
            let time: Int64? = isNull ? nil : Int64(bitPattern: key & timeMask) &+ low
            let sameAsPrevious = previousKey == key
            previousKey = key
            defer { previousGroup = group }
            for (position, index) in indices.enumerated() {
                let rule = rules[index]
                switch rule.check {
                case .unique:
                    outcomes[index].total += 1
                    groups.tallies[index][group].total += 1
                    // Rows whose key has a null are not duplicates (as in SQL's UNIQUE).
                    if rulesGroupNull[position][group] || (rulesTime[position] && isNull) { continue }
                    if previousGroup == group, sameAsPrevious {
                        outcomes[index].failed += 1
                        groups.tallies[index][group].failed += 1
                        if outcomes[index].samples.count < Self.sampleLimit {
                            outcomes[index].samples.append(sample(group, time, columns: rule.columns))
                        }
                    }
                case .timeGaps:
                    guard let raw = time else { continue }
                    defer { previousTime[index] = raw }
                    guard previousGroup == group, let last = previousTime[index] else { continue }
                    let seconds = Double(raw - last) / perSecond
                    outcomes[index].total += 1
                    groups.tallies[index][group].total += 1
                    largest[index] = max(largest[index] ?? 0, seconds)
                    if let every = rule.everySeconds, seconds > Double(every) {
                        outcomes[index].failed += 1
                        groups.tallies[index][group].failed += 1
                        if outcomes[index].samples.count < Self.sampleLimit {
                            var sample = sample(group, raw, columns: rule.columns)
                            sample["previous"] = value(last)
                            sample["gap_seconds"] = .double(seconds)
                            outcomes[index].samples.append(sample)
                        }
                    }
                default:
                    break
                }
            }
        }
        for index in indices where rules[index].check == .timeGaps {
            outcomes[index].largestGapSeconds = largest[index]
        }
        return true
    }

    /// The integer of a timestamp or integer value.
    private static func raw(_ value: Value) -> Int64? {
        switch value {
        case .timestamp(let raw, _, _): raw
        case .int(let raw): raw
        default: nil
        }
    }

    /// Sorts `keys`: a slice per core radix-sorted in parallel, then the slices merged.
    static func sortInParallel(_ keys: inout [UInt64]) {
        let count = keys.count
        guard count > 1 else { return }
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 65_536))
        var scratch = [UInt64](repeating: 0, count: count)
        let bounds = (0...slices).map { $0 * count / slices }
        var highest: UInt64 = 0
        for key in keys { highest |= key }
        let passes = (UInt64.bitWidth - highest.leadingZeroBitCount + 7) / 8
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                let keys = SendableBuffer(keys)
                let scratch = SendableBuffer(scratch)
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    let range = bounds[slice]..<bounds[slice + 1]
                    radixSort(
                        UnsafeMutableBufferPointer(rebasing: keys.buffer[range]),
                        scratch: UnsafeMutableBufferPointer(rebasing: scratch.buffer[range]), passes: passes)
                }
                // Merge the sorted slices two at a time, back and forth between the buffers.
                var runs = (0..<slices).map { bounds[$0]..<bounds[$0 + 1] }
                var source = keys.buffer
                var target = scratch.buffer
                while runs.count > 1 {
                    var merged: [Range<Int>] = []
                    var index = 0
                    while index < runs.count {
                        if index + 1 == runs.count {
                            let run = runs[index]
                            for position in run { target[position] = source[position] }
                            merged.append(run)
                        } else {
                            let (a, b) = (runs[index], runs[index + 1])
                            var (i, j, k) = (a.lowerBound, b.lowerBound, a.lowerBound)
                            while i < a.upperBound && j < b.upperBound {
                                if source[j] < source[i] {
                                    target[k] = source[j]
                                    j += 1
                                } else {
                                    target[k] = source[i]
                                    i += 1
                                }
                                k += 1
                            }
                            while i < a.upperBound {
                                target[k] = source[i]
                                i += 1
                                k += 1
                            }
                            while j < b.upperBound {
                                target[k] = source[j]
                                j += 1
                                k += 1
                            }
                            merged.append(a.lowerBound..<b.upperBound)
                        }
                        index += 2
                    }
                    runs = merged
                    swap(&source, &target)
                }
                if source.baseAddress != keys.buffer.baseAddress {
                    _ = keys.buffer.update(fromContentsOf: source)
                }
            }
        }
    }

    /// Least-significant-byte-first radix sort of `keys` over their low `passes` bytes; the result
    /// ends in `keys`.
    static func radixSort(
        _ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>, passes: Int
    ) {
        var source = keys
        var target = scratch
        var counts = [Int](repeating: 0, count: 256)
        for pass in 0..<passes {
            let shift = UInt64(pass * 8)
            for index in counts.indices { counts[index] = 0 }
            for key in source { counts[Int((key >> shift) & 0xFF)] += 1 }
            // A byte that every key shares moves nothing.
            if counts.contains(source.count) { continue }
            var total = 0
            for index in counts.indices {
                let count = counts[index]
                counts[index] = total
                total += count
            }
            for key in source {
                let digit = Int((key >> shift) & 0xFF)
                target[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&source, &target)
        }
        if source.baseAddress != keys.baseAddress { _ = keys.update(fromContentsOf: source) }
    }
}

/// A buffer handed to the threads of a parallel sort, each of which writes its own part.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt64>
    init(_ buffer: UnsafeMutableBufferPointer<UInt64>) { self.buffer = buffer }
}
