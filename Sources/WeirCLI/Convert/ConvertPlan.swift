import ArgumentParser
import Foundation

/// Which CSV file becomes which Parquet file.
struct ConvertPlan {
    struct Job {
        var input: String
        var output: String
        var size: Int
    }

    var jobs: [Job]
    /// Whether OUTPUT is a folder (several inputs, a glob or a folder input).
    var toFolder: Bool
    var output: String

    init(inputs: [String], output: String) throws {
        self.output = output
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let single =
            inputs.count == 1 && !Glob.hasWildcards(inputs[0])
            && fileManager.fileExists(atPath: inputs[0], isDirectory: &isDirectory) && !isDirectory.boolValue
        let outputIsFolder = fileManager.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue
        if single && !outputIsFolder && !output.hasSuffix("/") {
            jobs = [Job(input: inputs[0], output: output, size: Self.size(of: inputs[0]))]
            toFolder = false
            return
        }
        toFolder = true
        var jobs: [Job] = []
        var claimed: [String: String] = [:]
        for input in inputs {
            let (base, files) = try Self.expand(input)
            for file in files {
                var relative = String(file.dropFirst(base.count))
                while relative.hasPrefix("/") { relative.removeFirst() }
                let target = (output as NSString).appendingPathComponent(Self.parquetName(relative))
                if let other = claimed[target], other != file {
                    throw ValidationError(
                        "The inputs '\(other)' and '\(file)' would both be written to '\(target)'. Please convert them "
                            + "in separate runs or rename one.")
                }
                if claimed[target] == nil {
                    claimed[target] = file
                    jobs.append(Job(input: file, output: target, size: Self.size(of: file)))
                }
            }
        }
        self.jobs = jobs
    }

    var totalBytes: Int { jobs.reduce(0) { $0 + $1.size } }

    /// The files an input names, and the folder their output paths are relative to.
    private static func expand(_ input: String) throws -> (base: String, files: [String]) {
        var isDirectory: ObjCBool = false
        if Glob.hasWildcards(input) {
            let files = Glob.matches(input)
            guard !files.isEmpty else {
                throw ValidationError("The pattern '\(input)' matches no file. Please check the pattern and quote it.")
            }
            return (Glob.base(of: input), files)
        }
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw ValidationError("The input '\(input)' does not exist. Please check the path.")
        }
        if isDirectory.boolValue {
            let pattern = (input as NSString).appendingPathComponent("**/*.csv")
            let files = Glob.matches(pattern)
            guard !files.isEmpty else {
                throw ValidationError("The folder '\(input)' holds no .csv file. Please name CSV files or a glob.")
            }
            return (Glob.base(of: pattern), files)
        }
        return ((input as NSString).deletingLastPathComponent, [input])
    }

    /// `a/b.csv` → `a/b.parquet`.
    private static func parquetName(_ relative: String) -> String {
        let withoutExtension = (relative as NSString).deletingPathExtension
        return (withoutExtension.isEmpty ? relative : withoutExtension) + ".parquet"
    }

    /// The size of the file `path` names, following symbolic links.
    private static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
