import Foundation

/// Locations the tests need: the package root, the built `weir` binary and the interop Python.
public enum TestEnvironment {
    /// The package root, found from this source file's location.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The `weir` executable that `swift build` produced (`WEIR_BIN` overrides).
    public static var weirBinary: String {
        if let path = ProcessInfo.processInfo.environment["WEIR_BIN"] { return path }
        for configuration in ["debug", "release"] {
            let candidate = packageRoot.appendingPathComponent(".build/\(configuration)/weir").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/weir").path
    }

    /// The Python interpreter with pyarrow, duckdb and polars that `scripts/test` installs
    /// (`WEIR_TEST_PYTHON` overrides).
    public static var python: String {
        if let path = ProcessInfo.processInfo.environment["WEIR_TEST_PYTHON"] { return path }
        return packageRoot.appendingPathComponent(".venv-interop/bin/python").path
    }

    /// Runs the built `weir` with `arguments`.
    public static func weir(
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        try ProcessRunner.run(weirBinary, arguments, in: directory, environment: environment)
    }

    /// Runs a Python snippet with the interop interpreter; `arguments` become `sys.argv[1:]`.
    public static func python(_ script: String, _ arguments: [String] = []) throws -> ProcessResult {
        try ProcessRunner.run(python, ["-c", script] + arguments)
    }
}
