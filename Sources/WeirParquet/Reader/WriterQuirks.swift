/// Known mistakes of particular writers that readers work around.
enum WriterQuirks {
    /// Bytes added to a column chunk's length when its writer left the dictionary page header out
    /// of `total_compressed_size`; enough for any dictionary page header.
    static let dictionaryHeaderAllowance: Int64 = 100

    /// Whether the file comes from a parquet-mr older than 1.2.9, whose column chunk sizes leave
    /// out the dictionary page header (PARQUET-816). A bare "parquet-mr" has no version and is as old.
    static func undercountsDictionaryPages(createdBy: String?) -> Bool {
        guard let createdBy, createdBy.hasPrefix("parquet-mr") else { return false }
        let words = createdBy.split(separator: " ")
        guard words.count >= 3, words[1] == "version" else { return true }
        let parts = words[2].split(separator: ".").prefix(3).map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let version = parts + Array(repeating: 0, count: 3 - parts.count)
        return version.lexicographicallyPrecedes([1, 2, 9])
    }
}
