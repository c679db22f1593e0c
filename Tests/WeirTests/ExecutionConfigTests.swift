import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// `executor`, `slurm` and `shards` in `weir.yaml`: how they resolve per stage, and every error with
/// its position.
@Suite struct ExecutionConfigTests {
    func parse(_ yaml: String) throws -> Pipeline {
        let folder = try TemporaryDirectory()
        return try PipelineParser(projectRoot: folder.path).parse(yaml, file: "weir.yaml")
    }

    @Test func projectWideOptionsApplyToEveryStageAndAStageOverridesThemKeyByKey() throws {
        let pipeline = try parse(
            """
            executor: slurm
            slurm: {partition: debug, cpus: 1, mem: 1G, time: "00:10:00", args: ["--qos=low"]}
            stages:
              a: {cmd: 'true', out: o/a}
              b:
                cmd: 'true'
                out: o/b
                slurm: {cpus: 8, time: 1:00:00}
              c: {cmd: 'true', out: o/c, executor: local}
              stage:
                kind: ingest
                source: raw
                pattern: "{name}.csv"
                shards: 4
                out: data/stage
            """)
        let a = try #require(pipeline.stage(named: "a")).execution
        #expect(a.executor == .slurm)
        #expect(a.slurm == SlurmOptions(partition: "debug", cpus: 1, mem: "1G", time: "00:10:00", args: ["--qos=low"]))
        #expect(
            a.slurm.sbatchArguments == [
                "--partition=debug", "--cpus-per-task=1", "--mem=1G", "--time=00:10:00", "--qos=low",
            ])
        let b = try #require(pipeline.stage(named: "b")).execution
        #expect(b.slurm == SlurmOptions(partition: "debug", cpus: 8, mem: "1G", time: "1:00:00", args: ["--qos=low"]))
        #expect(try #require(pipeline.stage(named: "c")).execution.executor == .local)
        let stage = try #require(pipeline.stage(named: "stage")).execution
        #expect(stage.executor == .slurm && stage.shards == 4)
    }

    @Test func theExecutorIsNotPartOfTheFingerprint() throws {
        let local = try parse("stages: {a: {cmd: 'echo hi > ${out}/x', out: o/a}}")
        let slurm = try parse(
            "executor: slurm\nslurm: {cpus: 2}\nstages: {a: {cmd: 'echo hi > ${out}/x', out: o/a, slurm: {mem: 2G}}}")
        #expect(local.stages[0].command == slurm.stages[0].command)
        #expect(local.stages[0].params == slurm.stages[0].params)
        #expect(local.stages[0].deps == slurm.stages[0].deps)
    }

    @Test(arguments: [
        (
            "executor: slrum\nstages: {a: {cmd: 'true', out: o}}",
            "weir.yaml:1:11: The 'executor' of the pipeline file is invalid. 'slrum' is not an executor. Did you mean 'slurm'?"
        ),
        (
            "stages: {a: {cmd: 'true', out: o, executor: kubernetes}}",
            "weir.yaml:1:45: The 'executor' of stage 'a' is invalid. 'kubernetes' is not an executor. Use 'local' or 'slurm'."
        ),
        (
            "slurm: {partition: debug, cpu: 2}\nstages: {a: {cmd: 'true', out: o}}",
            "weir.yaml:1:27: Unknown key 'cpu' in 'slurm' of the pipeline file. Did you mean 'cpus'?"
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: {mem: lots}}}",
            "weir.yaml:1:48: The 'slurm.mem' of stage 'a' is invalid. 'lots' is not an amount of memory as Slurm writes it. Write a whole number of megabytes, or one with a unit: '512M', '4G', '1T'."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: {time: '10:99'}}}",
            "weir.yaml:1:49: The 'slurm.time' of stage 'a' is invalid. '10:99' is not a time limit as Slurm writes it. Write minutes ('30'), 'HH:MM:SS' ('\"01:30:00\"') or 'D-HH:MM:SS' ('\"2-00:00:00\"'), in quotes."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: {cpus: 0}}}",
            "weir.yaml:1:49: The 'slurm.cpus' of stage 'a' is invalid. '0' is not a positive number. Write 1 or more."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: {args: '--qos=low'}}}",
            "weir.yaml:1:49: The 'slurm.args' of stage 'a' must be a list of strings, not the text '--qos=low'. Write it as 'args: [\"--qos=low\", \"--account=lab\"]'."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: {args: [qos]}}}",
            "weir.yaml:1:50: The 'slurm.args' of stage 'a' is invalid. 'qos' is not an sbatch option. Write each option with its dashes, such as '--qos=low'."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, slurm: 4}}",
            "weir.yaml:1:42: The 'slurm' options of stage 'a' must be a mapping, not the number '4'. Write it as 'slurm: {partition: debug, cpus: 1, mem: 1G, time: \"00:10:00\"}'."
        ),
        (
            "stages:\n  s: {kind: ingest, source: raw, pattern: '{n}.csv', out: d, shards: 4}",
            "weir.yaml:2:70: The 'shards' of stage 's' is invalid. Shards split the stage over a Slurm job array, but the stage runs on the local executor. Add 'executor: slurm' to the stage (or the project), or remove 'shards'."
        ),
        (
            "executor: slurm\nstages:\n  s: {kind: ingest, source: raw, pattern: '{n}.csv', out: d, shards: 0}",
            "weir.yaml:3:70: The 'shards' of stage 's' is invalid. '0' is not a positive number. Write 1 or more."
        ),
        (
            "executor: slurm\nstages:\n  s: {kind: ingest, source: raw, pattern: '{n}.csv', out: d, shards: two}",
            "weir.yaml:3:70: The 'shards' of stage 's' must be a whole number, not the text 'two'. Write it as 'shards: 4'."
        ),
        (
            "stages: {a: {cmd: 'true', out: o, shards: 2}}",
            "weir.yaml:1:35: Unknown key 'shards' in stage 'a'. Use one of 'cmd', 'deps', 'params', 'params_file', 'out', 'kind', 'desc', 'metrics', 'executor' or 'slurm'."
        ),
    ]) func errorsPointAtThePlaceInWeirYaml(yaml: String, message: String) throws {
        let error = #expect(throws: ConfigError.self) { try parse(yaml) }
        #expect(error?.description == message)
        #expect(error?.exitStatus == 2)
    }

    @Test(arguments: ["30", "10:30", "01:30:00", "2-00", "2-12:30", "2-12:30:15", "UNLIMITED"])
    func slurmTimeFormatsAreAccepted(text: String) {
        #expect(SlurmFormats.isTime(text))
    }

    @Test(arguments: ["", "0", "1:60", "1:2:3:4", "a", "-5", "1--2", "2-", "00:00:00"])
    func badSlurmTimesAreRefused(text: String) {
        #expect(!SlurmFormats.isTime(text))
    }

    @Test func slurmMemoryFormats() {
        for good in ["512", "512M", "4G", "1T", "100K"] { #expect(SlurmFormats.isMemory(good), "\(good)") }
        for bad in ["", "G", "4GB", "0", "1.5G", "-1G"] { #expect(!SlurmFormats.isMemory(bad), "\(bad)") }
    }
}
