/// The width of a time bucket: a positive whole number of seconds, minutes, hours, days or weeks.
public struct BucketWidth: Sendable, Hashable, CustomStringConvertible {
    /// The width in seconds.
    public let seconds: Int64
    /// The text it was read from, such as `10m`.
    public let description: String

    /// Reads `10s`, `10m`, `1h`, `1d` or `2w`; `nil` for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0,
            !text.dropLast().hasPrefix("+")
        else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        // Far past any calendar: keeps every multiplication by units per second in range.
        guard !overflow, seconds <= 1_000_000 * 31_536_000 else { return nil }
        self.seconds = seconds
        description = text
    }

    /// What ``init(_:)`` accepts, for messages.
    public static let formHelp = "a whole number followed by s, m, h, d or w, such as '10m' or '1d'"
}
