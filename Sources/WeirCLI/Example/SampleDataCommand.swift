import ArgumentParser
import Weir

/// `weir sample-data`: writes sample raw data for trying Weir out.
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "Write a raw folder of instrument CSV files like a device-physics lab's.",
        discussion: """
            Files go to FOLDER/<YYYY-MM-DD>/<ChipGroup><chip>_<PROC>_<idx>.csv, each starting with a \
            '# Key: value' metadata block. The same options always write the same bytes. With --bad, \
            a fraction of the files is malformed (ragged rows, text in number columns, no metadata, \
            unmatched names, empty files, unterminated quotes) to see how Weir rejects them.
            """
    )

    @Argument(help: "The folder to write (created if missing).")
    var folder: String

    @Option(help: "How many files.")
    var files = 200

    @Option(help: "About how many rows per file.")
    var rows = 200

    @Option(help: "Over how many days, from 2025-09-01.")
    var days = 30

    @Option(help: "The fraction of malformed files, 0 to 1.")
    var bad = 0.0

    @Option(help: "The random seed.")
    var seed: UInt64 = 7

    func validate() throws {
        guard files >= 0, rows >= 1, days >= 1 else {
            throw ValidationError("'--files' must be 0 or more, '--rows' and '--days' 1 or more.")
        }
        guard (0...1).contains(bad) else {
            throw ValidationError("The value '\(bad)' is invalid for '--bad <bad>'. Please provide a fraction between 0 and 1.")
        }
    }

    func run() throws {
        let written = try LabDataGenerator(files: files, rows: rows, days: days, badFraction: bad, seed: seed).write(to: folder)
        let malformed = written.filter { $0.defect != nil }.count
        print("Wrote \(written.count) files (\(malformed) malformed) to '\(folder)'.")
    }
}
