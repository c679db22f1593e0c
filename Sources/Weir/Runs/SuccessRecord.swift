import Foundation

/// The `_SUCCESS` record of a committed run: what was run, what it produced, how long it took.
///
/// It is written into the run's folder before the folder is renamed into place, so a folder under
/// `.weir/runs/<run id>/` always has one. `weir verify` re-hashes the output against it.
public struct SuccessRecord: Sendable, Hashable, Codable {
    /// One file or symlink of the output, relative to the output folder.
    public struct OutputFile: Sendable, Hashable, Codable {
        public var path: String
        public var size: Int64
        public var sha256: String
        /// The link's target text when the entry is a symlink (its hash is that of the text).
        public var link: String?

        public init(path: String, size: Int64, sha256: String, link: String? = nil) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.link = link
        }
    }

    public var format: Int
    public var runID: String
    /// The stage name (or the cache name, for the check-and-load cache).
    public var stage: String
    public var fingerprint: JSONValue
    /// The Merkle hash of the output folder.
    public var outputHash: String
    public var outputBytes: Int64
    public var files: [OutputFile]
    public var startedAt: Date
    public var finishedAt: Date
    public var wallSeconds: Double
    public var cpuSeconds: Double?
    public var peakMemoryBytes: Int64?
    public var weirVersion: String

    enum CodingKeys: String, CodingKey {
        case format
        case runID = "run_id"
        case stage, fingerprint
        case outputHash = "output_hash"
        case outputBytes = "output_bytes"
        case files
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case wallSeconds = "wall_seconds"
        case cpuSeconds = "cpu_seconds"
        case peakMemoryBytes = "peak_memory_bytes"
        case weirVersion = "weir_version"
    }

    public init(
        runID: String, stage: String, fingerprint: JSONValue, outputHash: String, files: [OutputFile],
        startedAt: Date, finishedAt: Date, wallSeconds: Double, cpuSeconds: Double?, peakMemoryBytes: Int64?
    ) {
        self.format = Int(StageFingerprint.format)
        self.runID = runID
        self.stage = stage
        self.fingerprint = fingerprint
        self.outputHash = outputHash
        self.files = files
        self.outputBytes = files.reduce(0) { $0 + ($1.link == nil ? $1.size : 0) }
        // Stored with millisecond precision; rounding here makes a record equal to itself read back.
        self.startedAt = StateTime.rounded(startedAt)
        self.finishedAt = StateTime.rounded(finishedAt)
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.weirVersion = WeirVersion.current
    }

    /// The number of regular files in the output.
    public var outputFiles: Int { files.filter { $0.link == nil }.count }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StateTime.format(date))
        }
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> SuccessRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = StateTime.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "Invalid time '\(text)'"))
            }
            return date
        }
        return try decoder.decode(SuccessRecord.self, from: data)
    }
}
