import Foundation

/// A time zone's offsets from UTC, looked up by instant without asking Foundation for every row.
///
/// The zone's transitions are listed once for a span of years around the instants asked about and
/// then found by binary search; the span grows when an instant falls outside it.
final class ZoneOffsets {
    let zone: TimeZone
    /// Transition instants in seconds, ascending; `offsets[k]` holds from `transitions[k - 1]` to `transitions[k]`.
    private var transitions: [Int64] = []
    private var offsets: [Int64] = []
    private var covered: Range<Int64> = 0..<0

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The offset in seconds at the instant `seconds` since the epoch.
    func offset(atSeconds seconds: Int64) -> Int64 {
        if !covered.contains(seconds) { cover(seconds) }
        // The number of transitions at or before `seconds`.
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= seconds { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }

    /// The earliest instant whose local wall-clock time is `local` (seconds); for a local time
    /// skipped by a transition, the same wall-clock time at the offset before it, which falls
    /// just after the transition.
    func instant(ofLocal local: Int64) -> Int64 {
        let before = offset(atSeconds: local - 2 * 86_400)
        let after = offset(atSeconds: local + 2 * 86_400)
        let candidates = [local - max(before, after), local - min(before, after), local - offset(atSeconds: local)]
        var best: Int64?
        for instant in candidates where instant + offset(atSeconds: instant) == local {
            best = min(best ?? instant, instant)
        }
        return best ?? local - before
    }

    private func cover(_ seconds: Int64) {
        let year: Int64 = 366 * 86_400
        let start = covered.isEmpty ? seconds - 2 * year : min(covered.lowerBound, seconds - 2 * year)
        let end = covered.isEmpty ? seconds + 2 * year : max(covered.upperBound, seconds + 2 * year)
        transitions = []
        offsets = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(start))))]
        var cursor = Date(timeIntervalSince1970: Double(start))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(end)
        {
            transitions.append(Int64(next.timeIntervalSince1970.rounded(.down)))
            offsets.append(Int64(zone.secondsFromGMT(for: next)))
            cursor = next
        }
        covered = start..<end
    }
}
