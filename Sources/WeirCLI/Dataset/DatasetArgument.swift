import Foundation
import Weir

/// Finds what a `DATASET` argument names: a path (a dataset folder or a Parquet file) or, when
/// no such path exists and a `weir.yaml` is found, the stage whose `out` is the dataset.
struct DatasetArgument {
    let text: String
    let project: ProjectOptions

    /// The path to read: `text` itself when it exists, else the output of the stage it names.
    func resolvePath() throws -> String {
        if FileManager.default.fileExists(atPath: text) { return text }
        guard !text.contains("/"), let location = try? project.locate() else {
            throw DatasetError.notADataset(text)
        }
        let pipeline: Pipeline
        do {
            pipeline = try PipelineParser.load(location)
        } catch {
            throw CommandFailure(
                description: DatasetError.notADataset(text).description
                    + " It is not a path, and looking it up as a stage failed: \(error)",
                exitStatus: 2)
        }
        guard let stage = pipeline.stage(named: text) else {
            throw CommandFailure(
                description: "'\(text)' is neither a path nor a stage of \(location.configPath). "
                    + "Pass a dataset folder or a Parquet file, or one of the stages: "
                    + pipeline.stageNames.joined(separator: ", ") + ".",
                exitStatus: 2)
        }
        return location.absolute(stage.out)
    }

    /// The dataset folder the argument names.
    func dataset() throws -> Dataset {
        let path = try resolvePath()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandFailure(
                description: "'\(text)' is a file, not a dataset folder (the output of an ingest stage). "
                    + "Pass the dataset folder, or read the file with 'weir query \(text)'.",
                exitStatus: 2)
        }
        return try Dataset(path: path)
    }
}

/// A failure reported to the user as it is, with its exit status.
struct CommandFailure: UserFacingError {
    var description: String
    var exitStatus: Int32

    /// `error` as the command line reports it: user-facing errors as they are, query mistakes
    /// (an unknown column, a bad expression or value) with status 2, anything else with 1.
    static func wrapping(_ error: any Error) -> any Error {
        switch error {
        case let error as UserFacingError: return error
        case let error as QueryError: return CommandFailure(description: error.description, exitStatus: 2)
        case let error as QueryExpressionError: return CommandFailure(description: error.description, exitStatus: 2)
        case let error as CustomStringConvertible: return CommandFailure(description: error.description, exitStatus: 1)
        default: return CommandFailure(description: "\(error)", exitStatus: 1)
        }
    }
}

/// Writes text to standard output.
enum StandardOutput {
    static func write(_ text: String) {
        write(Array(text.utf8))
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
