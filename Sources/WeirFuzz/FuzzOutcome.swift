import WeirCSV
import WeirParquet

/// How reading one case ended: the data read (as a row count and a digest of every value), or
/// the error with its kind. Its ``description`` is what a regression file's note expects.
public enum FuzzOutcome: Sendable, Hashable, CustomStringConvertible {
    case data(rows: Int, digest: UInt64)
    case parquetError(ParquetError.Kind, String)
    case csvError(CSVError.Kind, String)
    /// The reader broke a promise without crashing (an error that does not say where it happened).
    case broken(String)

    /// `data rows=40 digest=0123abcd…`, `error corrupt: row group 0, …` or `broken: …`.
    public var description: String {
        switch self {
        case .data(let rows, let digest):
            let hex = String(digest, radix: 16)
            return "data rows=\(rows) digest=\(String(repeating: "0", count: 16 - hex.count) + hex)"
        case .parquetError(let kind, let message): return "error \(kind): \(message)"
        case .csvError(let kind, let message): return "error \(kind): \(message)"
        case .broken(let reason): return "broken: \(reason)"
        }
    }

    public var isBroken: Bool {
        if case .broken = self { return true }
        return false
    }
}

/// FNV-1a over the text of every value read, so equal data gives an equal digest on every machine.
struct FuzzDigest {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }
}
