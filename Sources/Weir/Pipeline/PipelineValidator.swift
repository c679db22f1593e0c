/// Checks across stages: stage references, and that outputs and path deps do not overlap.
struct PipelineValidator {
    let stages: [StageDefinition]

    func validate() throws(ConfigError) {
        let names = stages.map(\.name)
        for stage in stages {
            for dep in stage.deps {
                if let upstream = dep.stageName, !names.contains(upstream) {
                    throw ConfigError(
                        .unknownStage(
                            stage: stage.name, reference: upstream,
                            suggestion: DidYouMean.suggestion(for: upstream, among: names)),
                        at: dep.location)
                }
            }
        }
        for (index, stage) in stages.enumerated() {
            for other in stages[(index + 1)...]
            where ProjectPath.contains(stage.out, other.out) || ProjectPath.contains(other.out, stage.out) {
                throw ConfigError(
                    .overlappingOutputs(stage: other.name, out: other.out, other: stage.name, otherOut: stage.out),
                    at: other.location)
            }
        }
        for stage in stages {
            for dep in stage.deps {
                guard let path = dep.path else { continue }
                for producer in stages {
                    if ProjectPath.contains(producer.out, path) {
                        throw ConfigError(
                            .dependencyIsStageOutput(
                                stage: stage.name, dep: dep.name, path: path, producer: producer.name),
                            at: dep.location)
                    }
                    if ProjectPath.contains(path, producer.out) {
                        throw ConfigError(
                            .dependencyContainsOutput(
                                stage: stage.name, dep: dep.name, path: path, producer: producer.name, out: producer.out
                            ),
                            at: dep.location)
                    }
                }
            }
        }
    }
}
