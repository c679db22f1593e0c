import ArgumentParser
import Weir
import WeirColumns

/// `weir sample-data [lab|climate]`: writes sample raw data for trying Weir out.
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "Write sample raw data: a lab's instrument files (the default) or a climate team's stations and model.",
        subcommands: [LabSampleCommand.self, ClimateSampleCommand.self],
        defaultSubcommand: LabSampleCommand.self
    )
}

/// `weir sample-data [lab] FOLDER`: a device-physics lab's instrument files.
struct LabSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
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

/// `weir sample-data climate FOLDER`: a climate team's station readings, registry and model grid.
struct ClimateSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "climate",
        abstract: "Write a climate team's raw folder: station readings across a DST change and a model grid.",
        discussion: """
            Writes FOLDER/stations/<station>/<YYYY-MM-DD>.csv (one file per station and local day in \
            America/Santiago, a '# Station / # Lat / # Lon / # Elevation' header, local times; the second \
            pass of the hour repeated when DST ends carries its UTC offset), FOLDER/registry/stations.csv, \
            FOLDER/model/<YYYY-MM-DD>.csv (hourly values on a 0.25-degree grid, UTC) and \
            FOLDER/grid/grid.csv. Stations lie within 0.004 degrees of a grid point, except every tenth, \
            about 0.1 degrees from any. The same options always write the same bytes.
            """
    )

    @Argument(help: "The folder to write (created if missing).")
    var folder: String

    @Option(help: "How many stations.")
    var stations = 20

    @Option(help: "How many local days, from --start.")
    var days = 3

    @Option(help: "Seconds between readings.")
    var step = 60

    @Option(help: "The first local day (YYYY-MM-DD); the default spans Santiago's DST change of 2025-04-06.")
    var start = "2025-04-05"

    @Option(help: "The fraction of station files with one malformed row, 0 to 1.")
    var bad = 0.0

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard stations >= 1, days >= 1, step >= 1 else {
            throw ValidationError("'--stations', '--days' and '--step' must be 1 or more.")
        }
        guard (0...1).contains(bad) else {
            throw ValidationError("The value '\(bad)' is invalid for '--bad <bad>'. Please provide a fraction between 0 and 1.")
        }
        guard Self.date(start) != nil else {
            throw ValidationError("The value '\(start)' is invalid for '--start <start>'. Please write a date as YYYY-MM-DD.")
        }
    }

    static func date(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let date = CivilDate(year: parts[0], month: parts[1], day: parts[2])
        return date.isValid ? date : nil
    }

    func run() throws {
        let summary = try ClimateDataGenerator(
            stations: stations, days: days, step: step, start: Self.date(start)!, badFraction: bad, seed: seed
        ).write(to: folder)
        print(
            "Wrote \(summary.stationFiles) station files (\(summary.readings) readings, \(summary.malformedFiles) "
                + "malformed), the station registry, \(summary.modelFiles) model files and the grid to '\(folder)'.")
    }
}
