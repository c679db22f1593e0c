/// A dataset that cannot be opened as asked.
public enum DatasetError: UserFacingError, Hashable {
    /// The folder has no `_manifest/manifest.parquet`.
    case notADataset(String)
    /// The snapshot asked for is not kept; `available` lists those that are.
    case noSnapshot(String, number: Int, available: [Int])
    /// `_manifest/schema.json` cannot be read.
    case unreadableSchema(String, problem: String)

    public var exitStatus: Int32 { 2 }

    public var description: String {
        switch self {
        case .notADataset(let path):
            return "'\(path)' is not a Weir dataset: it has no _manifest/manifest.parquet. "
                + "Run the ingest stage first, or pass a Parquet file or a folder of Parquet files."
        case .noSnapshot(let path, let number, let available):
            let kept =
                available.isEmpty
                ? "it keeps no snapshots"
                : "its snapshots are \(Self.ranges(available))"
            return "The dataset '\(path)' has no snapshot \(number): \(kept). "
                + "Run 'weir dataset versions \(path)' to list them."
        case .unreadableSchema(let path, let problem):
            return "The dataset schema '\(path)' cannot be read (\(problem)). Restore it from the newest "
                + "'_manifest/history/*.schema.json', or run the ingest stage with --force to fix it afresh."
        }
    }

    /// `1–4, 7` for [1, 2, 3, 4, 7].
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count && numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end == index ? String(numbers[index]) : "\(numbers[index])–\(numbers[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
