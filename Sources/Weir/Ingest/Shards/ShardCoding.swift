import Foundation
import WeirColumns

/// Exact JSON forms of the values a shard task hands back to the coordinating `weir run`: every
/// value comes back bit for bit (doubles and floats by bit pattern), so a sharded batch commits the
/// very manifest a local batch would.
enum ShardCoding {
    struct CodedValue: Codable, Hashable {
        /// `null`, `bool`, `int`, `uint`, `float`, `double`, `string`, `bytes`, `date`, `timestamp`, `decimal`.
        var t: String
        var v: String?
        /// A timestamp's unit and whether it is UTC; a decimal's scale.
        var unit: String?
        var utc: Bool?
        var scale: Int?

        init(_ value: Value) {
            switch value {
            case .null: t = "null"
            case .bool(let flag): (t, v) = ("bool", flag ? "1" : "0")
            case .int(let number): (t, v) = ("int", String(number))
            case .uint(let number): (t, v) = ("uint", String(number))
            case .float(let number): (t, v) = ("float", String(number.bitPattern))
            case .double(let number): (t, v) = ("double", String(number.bitPattern))
            case .string(let text): (t, v) = ("string", text)
            case .bytes(let bytes): (t, v) = ("bytes", Data(bytes).base64EncodedString())
            case .date(let days): (t, v) = ("date", String(days))
            case .timestamp(let number, let timeUnit, let isUTC):
                (t, v, unit, utc) = ("timestamp", String(number), timeUnit.rawValue, isUTC)
            case .decimal(let unscaled, let decimalScale): (t, v, scale) = ("decimal", String(unscaled), decimalScale)
            // Shard files carry file-name and header fields, which are never nested; such a value
            // is kept as its JSON, which `value()` refuses to read back.
            case .list, .structure, .map: (t, v) = ("json", value.json)
            }
        }

        func value() throws -> Value {
            func bad() -> ShardFileError { ShardFileError(message: "an unreadable value of type '\(t)'") }
            let text = v ?? ""
            switch t {
            case "null": return .null
            case "bool": return .bool(text == "1")
            case "int": guard let number = Int64(text) else { throw bad() }; return .int(number)
            case "uint": guard let number = UInt64(text) else { throw bad() }; return .uint(number)
            case "float": guard let bits = UInt32(text) else { throw bad() }; return .float(Float(bitPattern: bits))
            case "double": guard let bits = UInt64(text) else { throw bad() }; return .double(Double(bitPattern: bits))
            case "string": return .string(text)
            case "bytes": guard let data = Data(base64Encoded: text) else { throw bad() }; return .bytes(Array(data))
            case "date": guard let days = Int32(text) else { throw bad() }; return .date(days)
            case "timestamp":
                guard let number = Int64(text), let timeUnit = unit.flatMap(TimeUnit.init(rawValue:)) else {
                    throw bad()
                }
                return .timestamp(number, timeUnit, utc: utc ?? false)
            case "decimal":
                guard let unscaled = Int128(text), let scale else { throw bad() }
                return .decimal(unscaled, scale: scale)
            default: throw bad()
            }
        }
    }

    struct CodedStat: Codable, Hashable {
        var kind: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var mtime: Int64

        init(_ stat: FileStat) {
            switch stat.kind {
            case .file: kind = "file"
            case .directory: kind = "directory"
            case .symlink: kind = "symlink"
            case .other: kind = "other"
            }
            (device, inode, size, mtime) = (stat.device, stat.inode, stat.size, stat.mtimeNanoseconds)
        }

        var stat: FileStat {
            let fileKind: FileStat.Kind =
                switch kind {
                case "file": .file
                case "directory": .directory
                case "symlink": .symlink
                default: .other
                }
            return FileStat(kind: fileKind, device: device, inode: inode, size: size, mtimeNanoseconds: mtime)
        }
    }

    struct CodedFieldValue: Codable, Hashable {
        var t: String
        var v: String

        init(_ value: FieldValue) {
            switch value {
            case .string(let text): (t, v) = ("string", text)
            case .int(let number): (t, v) = ("int", String(number))
            case .float(let number): (t, v) = ("float", String(number.bitPattern))
            case .date(let days): (t, v) = ("date", String(days))
            }
        }

        func value() throws -> FieldValue {
            switch t {
            case "string": return .string(v)
            case "int": if let number = Int64(v) { return .int(number) }
            case "float": if let bits = UInt64(v) { return .float(Double(bitPattern: bits)) }
            case "date": if let days = Int32(v) { return .date(days) }
            default: break
            }
            throw ShardFileError(message: "an unreadable field value of type '\(t)'")
        }
    }
}

/// A shard plan or result file that cannot be read.
struct ShardFileError: UserFacingError {
    var exitStatus: Int32 { 1 }
    var message: String
    var description: String { message }
}
