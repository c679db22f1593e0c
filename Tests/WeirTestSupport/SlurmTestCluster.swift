import Foundation

/// The single-node Slurm cluster of the tests: the one `scripts/test` started (`WEIR_TEST_SLURM=1`
/// with `SLURM_CONF`), or, when the tests run by hand, one that `scripts/setup-slurm start` starts
/// (and leaves running). A test that needs it fails, saying so, when neither works.
public enum SlurmTestCluster {
    private static let started: Result<String, FixtureError> = {
        let environment = ProcessInfo.processInfo.environment
        if environment["WEIR_TEST_SLURM"] == "1", let conf = environment["SLURM_CONF"], !conf.isEmpty {
            return .success(conf)
        }
        do {
            let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/setup-slurm").path
            let result = try ProcessRunner.run("/bin/bash", [script, "start"])
            let conf = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
            guard result.status == 0, conf.hasSuffix("slurm.conf") else {
                return .failure(
                    FixtureError(
                        message: "The Slurm tests need the local cluster that scripts/test starts "
                            + "(WEIR_TEST_SLURM=1 and SLURM_CONF); 'scripts/setup-slurm start' failed: \(result.stderr). "
                            + "Run the tests through scripts/test."))
            }
            return .success(conf)
        } catch {
            return .failure(
                FixtureError(
                    message: "The Slurm tests need the local cluster that scripts/test starts; starting it failed: "
                        + "\(error). Run the tests through scripts/test."))
        }
    }()

    /// The cluster's `slurm.conf`.
    public static func configuration() throws -> String { try started.get() }

    /// What a `weir` (or a Slurm command) needs in its environment to use the cluster.
    public static func environment() throws -> [String: String] {
        ["SLURM_CONF": try configuration(), "WEIR_SLURM_POLL": "0.3"]
    }

    /// Runs a Slurm client command (`squeue`, `scancel`, `scontrol`) against the cluster.
    @discardableResult
    public static func command(_ name: String, _ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/env", [name] + arguments, environment: try environment())
    }

    /// Jobs in the queue whose name starts with `prefix`: `(id, name, state)`.
    public static func jobs(named prefix: String) throws -> [(id: String, name: String, state: String)] {
        let result = try command("squeue", ["--noheader", "--array", "--format=%i %j %T"])
        return result.stdout.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[1].hasPrefix(prefix) else { return nil }
            return (String(parts[0]), String(parts[1]), String(parts[2]))
        }
    }

    /// The state and reason of job `id`, from `scontrol show job`.
    public static func state(of id: String) throws -> String {
        let result = try command("scontrol", ["show", "job", "--oneliner", id])
        return result.stdout.split(separator: " ").first { $0.hasPrefix("JobState=") }.map {
            String($0.dropFirst("JobState=".count))
        } ?? "UNKNOWN"
    }
}
