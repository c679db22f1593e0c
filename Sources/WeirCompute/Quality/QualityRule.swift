import WeirColumns

/// One data-quality rule, as the checker evaluates it: what to check, on which columns, and the
/// share of values that must pass (`mostly`).
public struct QualityRule: Sendable, Hashable {
    public enum Check: String, Sendable, Hashable, CaseIterable {
        /// No listed column is null in a row.
        case notNull = "not_null"
        /// No two rows share the values of the listed columns (within a group).
        case unique
        /// Every non-null value of the column lies within `minimum … maximum` (NaN does not).
        case range
        /// Every non-null value of the column is one of `values`.
        case acceptedValues = "accepted_values"
        /// The number of rows (of each group) lies within `minimum … maximum`.
        case rowCount = "row_count"
        /// Consecutive times of the column (in each group) are at most `everySeconds` apart.
        case timeGaps = "time_gaps"
        /// The input has the columns of `types`, with those types.
        case schema
    }

    public var check: Check
    public var columns: [String]
    public var minimum: Double?
    public var maximum: Double?
    /// The share of checked values that must pass, 0 … 1.
    public var mostly: Double
    /// The accepted values, as text (`Value.text`).
    public var values: Set<String>
    public var everySeconds: Int64?
    public var types: [String: ColumnType]

    public init(
        check: Check, columns: [String] = [], minimum: Double? = nil, maximum: Double? = nil, mostly: Double = 1,
        values: Set<String> = [], everySeconds: Int64? = nil, types: [String: ColumnType] = [:]
    ) {
        self.check = check
        self.columns = columns
        self.minimum = minimum
        self.maximum = maximum
        self.mostly = mostly
        self.values = values
        self.everySeconds = everySeconds
        self.types = types
    }
}

/// What one rule found.
public struct QualityOutcome: Sendable, Hashable {
    /// A group where the rule failed, by its group values as text.
    public struct Group: Sendable, Hashable {
        public var key: [String: Value]
        public var failed: Int
        public var total: Int
    }

    /// Values (or rows, or intervals) that fail, and how many were checked.
    public var failed = 0
    public var total = 0
    /// The groups where the rule fails (up to ``QualityChecker/groupLimit``), most failures first.
    public var groups: [Group] = []
    /// How many groups fail in all.
    public var failingGroups = 0
    /// Up to ``QualityChecker/sampleLimit`` failing rows: the rule's and the group's columns.
    public var samples: [[String: Value]] = []
    /// `time_gaps`: the largest interval seen, in seconds.
    public var largestGapSeconds: Double?

    /// Whether the failures stay within what `mostly` allows.
    public func passes(_ rule: QualityRule) -> Bool {
        if rule.check == .rowCount || rule.check == .schema || rule.check == .timeGaps { return failed == 0 }
        return Double(failed) <= (1 - rule.mostly) * Double(total) + 1e-9
    }
}
