/// The stage dependency graph: cycle detection and a stable topological order.
struct PipelineGraph {
    let stages: [StageDefinition]

    /// Stages ordered so that each comes after its upstream stages; among ready stages the file order wins.
    ///
    /// - Throws: ``ConfigError`` with kind `.cycle`, naming the stages around the cycle, at the dep that closes it.
    func topologicalOrder() throws(ConfigError) -> [StageDefinition] {
        try detectCycle()
        var placed = Set<String>()
        var ordered: [StageDefinition] = []
        while ordered.count < stages.count {
            for stage in stages where !placed.contains(stage.name) {
                if stage.upstreamStages.allSatisfy(placed.contains) {
                    placed.insert(stage.name)
                    ordered.append(stage)
                    break
                }
            }
        }
        return ordered
    }

    private func detectCycle() throws(ConfigError) {
        let byName = Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0) })
        var finished = Set<String>()
        var onPath: [String] = []

        func visit(_ name: String) throws(ConfigError) {
            guard !finished.contains(name), let stage = byName[name] else { return }
            onPath.append(name)
            for dep in stage.deps {
                guard let upstream = dep.stageName else { continue }
                if let start = onPath.firstIndex(of: upstream) {
                    // `onPath` runs consumer → upstream; show the cycle the way data flows instead.
                    let chain = Array(onPath[start...]) + [upstream]
                    throw ConfigError(.cycle(path: chain.reversed()), at: dep.location)
                }
                try visit(upstream)
            }
            onPath.removeLast()
            finished.insert(name)
        }

        for stage in stages { try visit(stage.name) }
    }
}
