import ArgumentParser
import Foundation
import Weir
import WeirParquet

/// `weir parquet`: look inside Parquet files.
struct ParquetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect, print and rewrite Parquet files.",
        subcommands: [
            // Keep one subcommand per line.
            ParquetInspectCommand.self,
            ParquetCatCommand.self,
            ParquetRewriteCommand.self,
        ]
    )
}

/// A Parquet failure reported to the user with exit status 1.
struct ParquetCommandError: UserFacingError {
    var error: ParquetError

    var exitStatus: Int32 { 1 }
    var description: String { error.description }
}

extension ParquetFileReader {
    /// Opens `path` for a command, turning failures into errors the command line reports.
    static func open(forCommand path: String, _ reading: ParquetReadingOptions) throws -> ParquetFileReader {
        do {
            return try ParquetFileReader(path: path, options: reading.options)
        } catch {
            throw ParquetCommandError(error: error)
        }
    }
}

/// Collects output and writes it to standard output in large blocks.
final class OutputBuffer {
    private var bytes: [UInt8] = []
    private let flushThreshold = 1 << 16

    init() {
        bytes.reserveCapacity(flushThreshold + 4096)
    }

    func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= flushThreshold { flush() }
    }

    func write(bytes more: [UInt8]) {
        guard more.count < flushThreshold else {
            // A large piece goes straight out, after what is buffered.
            flush()
            more.withUnsafeBytes { Self.writeAll($0) }
            return
        }
        bytes.append(contentsOf: more)
        if bytes.count >= flushThreshold { flush() }
    }

    func flush() {
        bytes.withUnsafeBytes { Self.writeAll($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes `buffer` to standard output.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            // A closed pipe (`weir parquet cat … | head`) ends the output quietly.
            if written <= 0 { Foundation.exit(0) }
            offset += written
        }
    }

    deinit {
        flush()
    }
}

/// Writes a line to standard error.
func printWarning(_ text: String) {
    FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
}
