import ArgumentParser
import Foundation
import WeirColumns
import WeirCompression
import WeirParquet

/// `weir parquet rewrite`: read a Parquet file and write its rows again with Weir's writer.
struct ParquetRewriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite",
        abstract: "Read a Parquet file and write its rows again with Weir's writer.",
        discussion: """
            The values are unchanged; the codec, the dictionary encoding and the row-group size may \
            change. The output appears only once it is complete, so an interrupted rewrite leaves \
            no partial file.
            """
    )

    enum Codec: String, ExpressibleByArgument, CaseIterable {
        case snappy, zstd, gzip, none

        var compression: CompressionCodec {
            switch self {
            case .snappy: .snappy
            case .zstd: .zstd
            case .gzip: .gzip
            case .none: .uncompressed
            }
        }
    }

    @Argument(help: "The Parquet file to read.")
    var input: String

    @Argument(help: "The Parquet file to write.")
    var output: String

    @Option(help: "The compression codec: snappy, zstd, gzip or none.")
    var codec: Codec = .snappy

    @Flag(name: .customLong("no-dictionary"), help: "Write every column PLAIN, without a dictionary.")
    var noDictionary = false

    @Option(name: .customLong("row-group-rows"), help: ArgumentHelp("The most rows in a row group.", valueName: "n"))
    var rowGroupRows: Int = ParquetWriterOptions().rowGroupRows

    @OptionGroup var reading: ParquetReadingOptions

    func validate() throws {
        if rowGroupRows < 1 {
            throw ValidationError(
                "The value '\(rowGroupRows)' is invalid for '--row-group-rows <n>'. Please provide 1 or more.")
        }
    }

    func run() throws {
        let reader = try ParquetFileReader.open(forCommand: input, reading)
        // Dropping a column Weir cannot read would change the data, so refuse instead.
        for (_, error) in reader.unreadableColumns {
            throw ParquetCommandError(
                error: ParquetError(
                    .unsupported, "\(error.message) A rewrite would lose it, so nothing was written.", path: input))
        }
        var options = ParquetWriterOptions()
        options.codec = codec.compression
        options.dictionary = !noDictionary
        options.rowGroupRows = rowGroupRows
        do {
            let writer = try ParquetWriter(path: output, schema: reader.schema, options: options)
            do {
                for group in 0..<reader.rowGroupCount {
                    try writer.write(try reader.readRowGroup(group))
                }
                let summary = try writer.close()
                print(
                    "Wrote \(summary.rows) rows in \(summary.rowGroups) row groups (\(summary.bytes) bytes) to '\(output)'."
                )
            } catch {
                writer.abort()
                throw error
            }
        } catch let error as ParquetError {
            throw ParquetCommandError(error: error)
        }
    }
}
