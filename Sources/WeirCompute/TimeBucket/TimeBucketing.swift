import Foundation
import WeirColumns

/// Where each instant's bucket lies on the epoch grid, and how buckets are labelled.
///
/// The grid starts at 1970-01-01T00:00, in `timeZone`'s wall-clock time when one is given (so day
/// buckets start at local midnight, and last 23 or 25 hours across a DST change), else in UTC.
/// Buckets shorter than a day follow the wall clock too, but an hour that a DST change repeats
/// gives two buckets (one per offset), as in DuckDB; a skipped local midnight starts its day at
/// the change.
/// Buckets therefore do not depend on the data: the same rows fall in the same buckets however the
/// input is split. Weeks start on Thursday, as the epoch did.
public struct TimeBucketing: Sendable, Hashable {
    /// Which end of a bucket holds the instant on it.
    public enum Closed: String, Sendable, Hashable, CaseIterable {
        /// Buckets `[a, b)`.
        case left
        /// Buckets `(a, b]`, as pandas does for `closed="right"`.
        case right
    }

    /// Which end of a bucket names it.
    public enum Label: String, Sendable, Hashable, CaseIterable {
        case left, right
    }

    public var width: BucketWidth
    public var closed: Closed
    public var label: Label
    /// The zone whose wall clock the grid follows; `nil` for UTC.
    public var timeZone: TimeZone?

    public init(width: BucketWidth, closed: Closed = .left, label: Label = .left, timeZone: TimeZone? = nil) {
        self.width = width
        self.closed = closed
        self.label = label
        self.timeZone = timeZone
    }

    /// Reads a time zone name such as `America/Santiago`; `nil` for an unknown name.
    public static func zone(named name: String) -> TimeZone? {
        TimeZone(identifier: name)
    }
}

/// The grid of a ``TimeBucketing`` at one timestamp resolution, with the zone's offsets cached.
///
/// A bucket is identified by its key: the start of the bucket in the timestamp's units, as a UTC
/// instant, except for buckets of whole days in a zone, whose key is their local start (so that
/// the next day's key is always `key + period` and its instant is found when it is labelled).
struct BucketGrid {
    let bucketing: TimeBucketing
    let unit: TimeUnit
    /// The bucket width in the timestamp's units.
    let period: Int64
    /// The zone's offsets, for UTC timestamps bucketed in a zone; `nil` otherwise (wall-clock readings need none).
    private let offsets: ZoneOffsets?
    /// Whether keys are local wall-clock starts (whole days in a zone) rather than instants.
    private let localKeys: Bool

    init(_ bucketing: TimeBucketing, unit: TimeUnit, utc: Bool) {
        self.bucketing = bucketing
        self.unit = unit
        period = bucketing.width.seconds * unit.perSecond
        offsets = utc ? bucketing.timeZone.map(ZoneOffsets.init) : nil
        localKeys = offsets != nil && bucketing.width.seconds % 86_400 == 0
    }

    /// The key of the bucket holding the timestamp `raw`.
    @inline(__always)
    func key(_ raw: Int64) -> Int64 {
        let shift = offsets.map { $0.offset(atSeconds: Self.floorDivide(raw, unit.perSecond)) * unit.perSecond } ?? 0
        let local = raw + shift - (bucketing.closed == .right ? 1 : 0)
        let start = Self.floorDivide(local, period) * period
        return localKeys ? start : start - shift
    }

    /// The keys of the buckets holding `raw`: without a zone, one floor division a value, in a
    /// loop the compiler can keep in registers.
    func keys(_ raw: [Int64]) -> [Int64] {
        guard offsets == nil else { return raw.map { key($0) } }
        let period = period
        let before: Int64 = bucketing.closed == .right ? 1 : 0
        return [Int64](unsafeUninitializedCapacity: raw.count) { keys, initialized in
            raw.withUnsafeBufferPointer { raw in
                for index in 0..<raw.count {
                    let local = raw[index] - before
                    var quotient = local / period
                    if local % period != 0 && local < 0 { quotient -= 1 }
                    keys[index] = quotient * period
                }
            }
            initialized = raw.count
        }
    }

    /// The timestamp that labels the bucket `key`: its start, or its end with `label: right`.
    func label(_ key: Int64) -> Int64 {
        let local = bucketing.label == .right ? key + period : key
        guard localKeys, let offsets else { return local }
        let seconds = Self.floorDivide(local, unit.perSecond)
        return offsets.instant(ofLocal: seconds) * unit.perSecond + (local - seconds * unit.perSecond)
    }

    @inline(__always)
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
