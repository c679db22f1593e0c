import Crypto
import Foundation

/// How Weir names and submits its jobs, so that a later `weir run` can find the jobs of a run that
/// was killed: every job is named `weir-<project key>-<stage>`, and its id is written into the run's
/// temporary folder (`_slurm/job-id`) as soon as `sbatch` returns.
package enum SlurmSubmission {
    /// A short key of the project folder: jobs of different projects never share a name.
    package static func projectKey(_ project: ProjectLocation) -> String {
        let digest = SHA256.hash(data: Array(project.root.utf8))
        return digest.prefix(5).map { String(format: "%02x", $0) }.joined()
    }

    package static func jobNamePrefix(_ project: ProjectLocation) -> String { "weir-\(projectKey(project))-" }

    package static func jobName(_ project: ProjectLocation, stage: String) -> String {
        jobNamePrefix(project) + stage
    }

    /// The `sbatch` arguments for a stage's job (before the script).
    package static func arguments(
        project: ProjectLocation, stage: StageDefinition, script: SlurmJobScript, array: String? = nil
    ) -> [String] {
        var arguments = [
            "--job-name=\(jobName(project, stage: stage.name))", "--chdir=\(project.root)",
            // Weir decides what runs again; a requeued job would run a second time behind its back.
            "--no-requeue",
        ]
        if let array { arguments.append("--array=\(array)") }
        return arguments + script.logArguments + stage.execution.slurm.sbatchArguments
    }

    /// The environment handed to `sbatch` (and on to the job): the stage's, without the variables
    /// of any Slurm job `weir` itself runs in (they would describe the wrong job), but with
    /// `SLURM_CONF`, which names the cluster.
    package static func environment(_ environment: [String: String]) -> [String: String] {
        environment.filter { !$0.key.hasPrefix("SLURM_") || $0.key == "SLURM_CONF" }
    }

    /// Records the job id of a run's job in its temporary folder, for a later `weir run` to cancel.
    package static func record(jobID: String, in script: SlurmJobScript) {
        let path = script.folder + "/job-id"
        let previous = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try? FileSync.writeDurably(Array((previous + jobID + "\n").utf8), to: path)
    }
}
