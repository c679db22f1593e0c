import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// Every configuration error a user can hit, with its exact message.
@Suite struct ConfigErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown stage key",
            yaml: """
                stages:
                  clean:
                    cmd: sh clean.sh ${out}
                    dep: {raw: data/raw}
                    out: build/clean
                """,
            message: "weir.yaml:4:5: Unknown key 'dep' in stage 'clean'. Did you mean 'deps'?"),
        Case(
            name: "unknown top-level key",
            yaml: """
                stage:
                  clean: {cmd: 'true', out: o}
                """,
            message: "weir.yaml:1:1: Unknown key 'stage' in the pipeline file. Did you mean 'stages'?"),
        Case(
            name: "unknown key without a near match",
            yaml: """
                stages:
                  clean: {cmd: 'true', out: o, zzzzzz: 1}
                """,
            message:
                "weir.yaml:2:32: Unknown key 'zzzzzz' in stage 'clean'. Use one of 'cmd', 'deps', 'params', 'params_file', 'out', 'kind', 'desc', 'metrics', 'executor' or 'slurm'."
        ),
        Case(
            name: "missing cmd",
            yaml: """
                stages:
                  clean:
                    out: build/clean
                """,
            message:
                "weir.yaml:2:3: Stage 'clean' is missing the required key 'cmd'. Add it, for example 'cmd: sh build.sh ${out}'."
        ),
        Case(
            name: "missing out",
            yaml: """
                stages:
                  clean:
                    cmd: 'true'
                """,
            message:
                "weir.yaml:2:3: Stage 'clean' is missing the required key 'out'. Add it, for example 'out: build/clean'."
        ),
        Case(
            name: "missing stages",
            yaml: "params: {a: 1}\n",
            message:
                "weir.yaml:1:1: The pipeline file is missing the required key 'stages'. Add it, for example 'stages: {clean: {cmd: …, out: …}}'."
        ),
        Case(
            name: "deps as a list",
            yaml: """
                stages:
                  clean:
                    cmd: 'true'
                    deps: [data/raw]
                    out: o
                """,
            message:
                "weir.yaml:4:11: The 'deps' of stage 'clean' must be a mapping, not a list. Write it as 'deps: {raw: data/raw, clean: stage:clean}'."
        ),
        Case(
            name: "cmd as a number",
            yaml: """
                stages:
                  clean:
                    cmd: 42
                    out: o
                """,
            message:
                "weir.yaml:3:10: The 'cmd' of stage 'clean' must be a string, not the number '42'. Write it as 'cmd: sh build.sh ${out}'."
        ),
        Case(
            name: "stage as a string",
            yaml: """
                stages:
                  clean: sh clean.sh
                """,
            message:
                "weir.yaml:2:10: Stage 'clean' must be a mapping, not the text 'sh clean.sh'. Write it as 'clean: {cmd: …, out: …}'."
        ),
        Case(
            name: "cycle of two",
            yaml: """
                stages:
                  a: {cmd: 'true', deps: {x: stage:b}, out: o/a}
                  b: {cmd: 'true', deps: {x: stage:a}, out: o/b}
                """,
            message: "weir.yaml:3:30: The stages form a cycle: a → b → a. Remove one of these dependencies."),
        Case(
            name: "cycle of three",
            yaml: """
                stages:
                  a: {cmd: 'true', deps: {x: stage:c}, out: o/a}
                  b: {cmd: 'true', deps: {x: stage:a}, out: o/b}
                  c: {cmd: 'true', deps: {x: stage:b}, out: o/c}
                """,
            message: "weir.yaml:3:30: The stages form a cycle: a → b → c → a. Remove one of these dependencies."),
        Case(
            name: "stage depending on itself",
            yaml: """
                stages:
                  a: {cmd: 'true', deps: {x: stage:a}, out: o/a}
                """,
            message: "weir.yaml:2:30: The stages form a cycle: a → a. Remove one of these dependencies."),
        Case(
            name: "unknown stage reference",
            yaml: """
                stages:
                  clean: {cmd: 'true', out: o/clean}
                  features: {cmd: 'true', deps: {c: stage:clen}, out: o/f}
                """,
            message:
                "weir.yaml:3:37: Stage 'features' depends on the unknown stage 'clen'. Did you mean 'stage:clean'?"),
        Case(
            name: "unknown param placeholder",
            yaml: """
                stages:
                  clean:
                    cmd: sh clean.sh ${params.factr} ${out}
                    params: {factor: 2}
                    out: o
                """,
            message:
                "weir.yaml:3:22: Unknown placeholder '${params.factr}' in the command of stage 'clean'. Did you mean '${params.factor}'?"
        ),
        Case(
            name: "unknown dep placeholder",
            yaml: """
                stages:
                  clean:
                    cmd: "sh clean.sh ${deps.rw}"
                    deps: {raw: data/raw}
                    out: o
                """,
            message:
                "weir.yaml:3:23: Unknown placeholder '${deps.rw}' in the command of stage 'clean'. Did you mean '${deps.raw}'?"
        ),
        Case(
            name: "unknown placeholder without a near match",
            yaml: """
                stages:
                  clean:
                    cmd: echo ${HOME}
                    out: o
                """,
            message:
                "weir.yaml:3:15: Unknown placeholder '${HOME}' in the command of stage 'clean'. Use '${out}', '${deps.NAME}' with a dep of the stage, or '${params.NAME}' with one of its params (write '$${' for a literal '${')."
        ),
        Case(
            name: "unterminated placeholder",
            yaml: """
                stages:
                  clean:
                    cmd: echo ${out
                    out: o
                """,
            message:
                "weir.yaml:3:15: A placeholder in the command of stage 'clean' has no closing '}'. Close it, or write '$${' for a literal '${'."
        ),
        Case(
            name: "missing key inside a param",
            yaml: """
                stages:
                  fit:
                    cmd: echo ${params.model.depht}
                    params: {model: {depth: 3}}
                    out: o
                """,
            message:
                "weir.yaml:3:15: The placeholder '${params.model.depht}' in the command of stage 'fit' names the key 'depht', which its param does not have. Fix the key or the param's value."
        ),
        Case(
            name: "NaN param",
            yaml: """
                stages:
                  fit:
                    cmd: 'true'
                    params: {rate: .nan}
                    out: o
                """,
            message:
                "weir.yaml:4:20: The param 'rate' cannot be part of a fingerprint: '.nan' is not a finite number. Write it as a number, string, boolean, null, list or mapping."
        ),
        Case(
            name: "infinite param inside a list",
            yaml: """
                stages:
                  fit:
                    cmd: 'true'
                    params: {rates: [1, -.inf]}
                    out: o
                """,
            message:
                "weir.yaml:4:25: The param 'rates[1]' cannot be part of a fingerprint: '-.inf' is not a finite number. Write it as a number, string, boolean, null, list or mapping."
        ),
        Case(
            name: "integer out of range",
            yaml: """
                stages:
                  fit:
                    cmd: 'true'
                    params: {n: 99999999999999999999}
                    out: o
                """,
            message:
                "weir.yaml:4:17: The param 'n' cannot be part of a fingerprint: the integer '99999999999999999999' does not fit in 64 bits. Write it as a number, string, boolean, null, list or mapping."
        ),
        Case(
            name: "binary param",
            yaml: """
                stages:
                  fit:
                    cmd: 'true'
                    params: {blob: !!binary aGVsbG8=}
                    out: o
                """,
            message:
                "weir.yaml:4:20: The param 'blob' cannot be part of a fingerprint: 'aGVsbG8=' has the YAML tag 'tag:yaml.org,2002:binary'. Write it as a number, string, boolean, null, list or mapping."
        ),
        Case(
            name: "kind not available yet",
            yaml: """
                stages:
                  hourly:
                    kind: query
                    source: raw
                    out: data/hourly
                """,
            message:
                "weir.yaml:3:11: Stage 'hourly' has kind 'query', which is not available yet in this version of Weir. Use 'kind: command' with a shell command for now."
        ),
        Case(
            name: "unknown kind",
            yaml: """
                stages:
                  a: {kind: comand, cmd: 'true', out: o}
                """,
            message: "weir.yaml:2:13: Stage 'a' has the unknown kind 'comand'. Did you mean 'command'?"),
        Case(
            name: "invalid YAML",
            yaml: """
                stages:
                  a: {cmd: 'true', out: o
                """,
            message:
                "weir.yaml:3:1: The file is not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping). Fix the syntax at this position."
        ),
        Case(
            name: "duplicate key",
            yaml: """
                stages:
                  a: {cmd: 'true', out: o/a}
                  a: {cmd: 'false', out: o/b}
                """,
            message: "weir.yaml:2:3: The key 'a' appears more than once in the same mapping. Keep only one of them."),
        Case(
            name: "empty file",
            yaml: "",
            message:
                "weir.yaml:1:1: The file is empty. Declare the pipeline under 'stages:' (run 'weir init' for a starter file)."
        ),
        Case(
            name: "no stages",
            yaml: "stages: {}\n",
            message: "weir.yaml:1:9: The pipeline has no stages. Add at least one stage under 'stages:'."),
        Case(
            name: "unsupported version",
            yaml: "version: 2\nstages: {a: {cmd: 'true', out: o}}\n",
            message:
                "weir.yaml:1:10: The pipeline format version '2' is not supported. Write 'version: 1' or leave the key out."
        ),
        Case(
            name: "invalid stage name",
            yaml: "stages:\n  'my stage': {cmd: 'true', out: o}\n",
            message:
                "weir.yaml:2:3: The stage name 'my stage' is invalid. Use letters, digits, '_' and '-', starting with a letter or '_'."
        ),
        Case(
            name: "params clashing as environment variables",
            yaml: "stages:\n  a: {cmd: 'true', params: {a-b: 1, a_b: 2}, out: o}\n",
            message:
                "weir.yaml:2:28: The params 'a-b' and 'a_b' would both be handed over as '$WEIR_PARAM_A_B'. Rename one of them."
        ),
        Case(
            name: "absolute dep path",
            yaml: "stages:\n  a: {cmd: 'true', deps: {raw: /data/raw}, out: o}\n",
            message:
                "weir.yaml:2:32: The dep 'raw' of stage 'a' is '/data/raw', outside the project. Use a path inside the project folder so fingerprints are the same on every machine (link outside data in, e.g. 'ln -s /data/raw data/raw')."
        ),
        Case(
            name: "output escaping the project",
            yaml: "stages:\n  a: {cmd: 'true', out: ../elsewhere}\n",
            message:
                "weir.yaml:2:25: The output of stage 'a' is '../elsewhere', outside the project. Use a path inside the project folder so fingerprints are the same on every machine (link outside data in, e.g. 'ln -s /data/raw data/raw')."
        ),
        Case(
            name: "output inside .weir",
            yaml: "stages:\n  a: {cmd: 'true', out: .weir/a}\n",
            message:
                "weir.yaml:2:25: The output of stage 'a' is '.weir/a', which is or contains '.weir', the folder Weir manages. Use a path outside '.weir'."
        ),
        Case(
            name: "dep on the whole project",
            yaml: "stages:\n  a: {cmd: 'true', deps: {all: .}, out: o}\n",
            message:
                "weir.yaml:2:32: The dep 'all' of stage 'a' is '.', which is or contains '.weir', the folder Weir manages. Use a path outside '.weir'."
        ),
        Case(
            name: "empty stage reference",
            yaml: "stages:\n  a: {cmd: 'true', deps: {x: 'stage:'}, out: o}\n",
            message: "weir.yaml:2:30: The dep 'x' of stage 'a' is empty. Give a project-relative path."),
        Case(
            name: "dep on another stage's output path",
            yaml: """
                stages:
                  clean: {cmd: 'true', out: build/clean}
                  features: {cmd: 'true', deps: {c: build/clean/part}, out: build/features}
                """,
            message:
                "weir.yaml:3:37: The dep 'c' of stage 'features' is 'build/clean/part', the output of stage 'clean'. Write 'stage:clean' instead so Weir knows the order."
        ),
        Case(
            name: "dep containing an output",
            yaml: """
                stages:
                  clean: {cmd: 'true', out: build/clean}
                  features: {cmd: 'true', deps: {c: build}, out: out/features}
                """,
            message:
                "weir.yaml:3:37: The dep 'c' of stage 'features' is 'build', which contains 'build/clean', the output of stage 'clean'. Depend on a narrower path, and on 'stage:clean' for its output."
        ),
        Case(
            name: "overlapping outputs",
            yaml: """
                stages:
                  a: {cmd: 'true', out: build}
                  b: {cmd: 'true', out: build/b}
                """,
            message:
                "weir.yaml:3:3: The output 'build/b' of stage 'b' overlaps the output 'build' of stage 'a'. Give every stage its own output path."
        ),
        Case(
            name: "missing params file",
            yaml: "stages:\n  a: {cmd: 'true', params_file: conf/p.yaml, out: o}\n",
            message:
                "weir.yaml:2:33: The params file 'conf/p.yaml' cannot be read: no such file. Check the path (it is relative to the project folder)."
        ),
    ]

    @Test(arguments: cases) func reportsTheProblemWithItsPosition(_ testCase: Case) throws {
        let folder = try TemporaryDirectory()
        let error = #expect(throws: ConfigError.self) {
            try PipelineParser(projectRoot: folder.path).parse(testCase.yaml, file: "weir.yaml")
        }
        #expect(error?.description == testCase.message)
        #expect(error?.exitStatus == 2)
    }

    @Test func paramsFileErrorsNameTheParamsFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("p.yaml", "alpha: 1\nbeta: .inf\n")
        let yaml = "stages:\n  a: {cmd: 'true', params_file: p.yaml, out: o}\n"
        let error = #expect(throws: ConfigError.self) {
            try PipelineParser(projectRoot: folder.path).parse(yaml, file: "weir.yaml")
        }
        #expect(
            error?.description
                == "p.yaml:2:7: The param 'beta' cannot be part of a fingerprint: '.inf' is not a finite number. Write it as a number, string, boolean, null, list or mapping."
        )
    }

    @Test func aParamInBothPlacesIsRefused() throws {
        let folder = try TemporaryDirectory()
        try folder.write("p.yaml", "alpha: 1\n")
        let yaml = "stages:\n  a: {cmd: 'true', params_file: p.yaml, params: {alpha: 2}, out: o}\n"
        let error = #expect(throws: ConfigError.self) {
            try PipelineParser(projectRoot: folder.path).parse(yaml, file: "weir.yaml")
        }
        #expect(
            error?.description
                == "p.yaml:1:1: The param 'alpha' of stage 'a' is set both in 'params' and in the params file 'p.yaml'. Keep it in one place."
        )
    }
}
