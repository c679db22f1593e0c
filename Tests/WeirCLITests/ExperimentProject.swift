import Foundation
import WeirTestSupport

/// A two-stage project for param overrides and comparisons: `clean` writes its params, `train`
/// reports a score (the factor times ten) and the learning rate as metrics.
enum ExperimentProject {
    static let yaml = """
        params: {units: celsius}
        stages:
          clean:
            cmd: sh clean.sh ${params.factor} ${params.units} ${out}
            deps: {script: clean.sh}
            params: {factor: 2, mode: fast}
            out: build/clean
          train:
            cmd: sh train.sh ${deps.clean} ${out}
            deps: {clean: stage:clean, script: train.sh}
            params: {lr: 0.1}
            metrics: metrics.json
            out: build/train
        """

    static func make(store: StateStoreKind = .sqlite) throws -> PipelineFixture {
        try PipelineFixture(
            [
                "weir.yaml": yaml,
                "clean.sh": """
                echo "$1 $2" > "$3/value.txt"
                cp "$WEIR_PARAMS" "$3/params.json"
                """,
                "train.sh": """
                factor=$(cut -d' ' -f1 "$1/value.txt")
                echo "{\\"score\\": {\\"test\\": $factor}, \\"lr\\": $WEIR_PARAM_LR}" > "$2/metrics.json"
                """,
            ], store: store)
    }

    /// The params `clean` received in its latest run.
    static func cleanParams(_ project: PipelineFixture) throws -> [String: Any] {
        let data = Data(try project.read("build/clean/params.json").utf8)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
