import ArgumentParser
import WeirColumns
import WeirParquet

/// The options of the commands that read a Parquet file.
struct ParquetReadingOptions: ParsableArguments {
    enum Int96Unit: String, ExpressibleByArgument, CaseIterable {
        case ms, us, ns

        var unit: TimeUnit {
            switch self {
            case .ms: .milliseconds
            case .us: .microseconds
            case .ns: .nanoseconds
            }
        }
    }

    @Option(
        name: .customLong("int96-unit"),
        help: ArgumentHelp(
            "The unit INT96 timestamps (Spark, Hive, Impala) are read at: ms, us or ns. A value finer than the unit "
                + "or out of its range is an error, never rounded.",
            valueName: "unit"))
    var int96Unit: Int96Unit = .us

    var options: ParquetReadOptions { ParquetReadOptions(int96Unit: int96Unit.unit) }
}
