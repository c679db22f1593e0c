import WeirColumns

/// How a join pairs the rows of its two inputs.
public enum JoinType: String, Sendable, Hashable, CaseIterable {
    /// Rows whose keys are equal on both sides; a row without a partner is left out.
    case inner
    /// Every left row, with its partners on the right or nulls.
    case left
    /// Every row of both sides: pairs, left rows without a partner, right rows without one.
    case outer
    /// Every left row with at most one right row: the one closest in time (or another ordered
    /// column) in the direction asked, within the tolerance, in the same `on` group.
    case asof
    /// Every left row with at most one right row: the one nearest by Euclidean distance over
    /// coordinate columns, within the tolerance.
    case nearest
}

/// Which right rows an as-of join may pair with a left row at time `t`.
public enum AsofDirection: String, Sendable, Hashable, CaseIterable {
    /// The latest right row at or before `t` (the last one in input order among equal times).
    case backward
    /// The earliest right row at or after `t` (the first one in input order among equal times).
    case forward
    /// The closest right row; of equal distances the later time, and of equal times the last in
    /// input order (as polars' `join_asof(strategy="nearest")`).
    case nearest
}

/// The largest distance a partner may have: a duration for timestamp columns, a number for
/// numeric ones.
public enum JoinTolerance: Sendable, Hashable {
    case duration(nanoseconds: Int64)
    case number(Double)
}

/// The ordered columns of an as-of join.
public struct AsofCondition: Sendable, Hashable {
    public var left: String
    public var right: String
    public var direction: AsofDirection
    public var tolerance: JoinTolerance?

    public init(left: String, right: String, direction: AsofDirection, tolerance: JoinTolerance? = nil) {
        self.left = left
        self.right = right
        self.direction = direction
        self.tolerance = tolerance
    }
}

/// The coordinate columns of a nearest join.
public struct NearestCondition: Sendable, Hashable {
    public var left: [String]
    public var right: [String]
    /// The largest Euclidean distance a partner may have; `nil` for any.
    public var tolerance: Double?

    public init(left: [String], right: [String], tolerance: Double? = nil) {
        self.left = left
        self.right = right
        self.tolerance = tolerance
    }
}

/// What a ``Join`` computes.
public struct JoinSpec: Sendable, Hashable {
    public var type: JoinType
    /// Equality keys: left names and right names, pairwise. For `asof` and `nearest` they are the
    /// groups within which partners are looked for.
    public var leftKeys: [String]
    public var rightKeys: [String]
    public var asof: AsofCondition?
    public var nearest: NearestCondition?

    public init(
        _ type: JoinType, leftKeys: [String] = [], rightKeys: [String]? = nil, asof: AsofCondition? = nil,
        nearest: NearestCondition? = nil
    ) {
        self.type = type
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys ?? leftKeys
        self.asof = asof
        self.nearest = nearest
    }

    /// The name of the column a nearest join adds: the distance to the partner.
    public static let distanceColumn = "_distance"
}
