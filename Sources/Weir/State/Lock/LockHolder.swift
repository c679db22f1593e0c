import Foundation

/// The process that holds (or held) the project lock, as written into `.weir/lock`.
public struct LockHolder: Sendable, Codable, Hashable {
    public var pid: Int32
    public var host: String
    /// The command, e.g. `weir run`.
    public var command: String
    public var since: Date

    public init(pid: Int32, host: String, command: String, since: Date) {
        self.pid = pid
        self.host = host
        self.command = command
        self.since = since
    }

    /// `'weir run' (pid 4242 on host 'lab1', since 2026-11-21 15:02:11 UTC)`.
    public var summary: String {
        "'\(command)' (pid \(pid) on host '\(host)', since \(StateTime.display(since)))"
    }

    /// The lock file's content: one JSON object with sorted keys and ISO 8601 UTC time.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StateTime.format(date))
        }
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The holder written in a lock file, or nil when `data` is empty or not a holder.
    static func decode(_ data: Data) -> LockHolder? {
        guard !data.isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = StateTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not an ISO 8601 UTC time")
            }
            return date
        }
        return try? decoder.decode(LockHolder.self, from: data)
    }
}
