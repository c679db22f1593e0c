import Foundation
import Weir

/// Draws a pipeline's graph: stages, the paths they read, and the stages they read from.
struct DagRenderer {
    let pipeline: Pipeline

    func text() -> String {
        var lines: [String] = []
        for stage in pipeline.stages {
            let description = stage.description.map { " — \($0)" } ?? ""
            lines.append("\(stage.name) → \(stage.out)\(description)")
            for dep in stage.deps {
                switch dep.target {
                case .stage(let name): lines.append("  ← \(dep.name): stage \(name)")
                case .path(let path): lines.append("  ← \(dep.name): \(path)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func dot() -> String {
        var lines = ["digraph weir {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
        for stage in pipeline.stages {
            lines.append("  \(quote(stage.name)) [shape=box, style=rounded];")
        }
        for path in inputPaths() {
            lines.append("  \(quote(path)) [shape=note];")
        }
        for stage in pipeline.stages {
            for dep in stage.deps {
                let source = dep.stageName ?? dep.path ?? ""
                lines.append("  \(quote(source)) -> \(quote(stage.name)) [label=\(quote(dep.name))];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    func mermaid() -> String {
        var lines = ["flowchart LR"]
        let paths = inputPaths()
        let ids = Dictionary(uniqueKeysWithValues: pipeline.stages.enumerated().map { ($1.name, "s\($0)") })
        for stage in pipeline.stages { lines.append("  \(ids[stage.name]!)[\"\(label(stage.name))\"]") }
        for (index, path) in paths.enumerated() { lines.append("  p\(index)[/\"\(label(path))\"/]") }
        for stage in pipeline.stages {
            for dep in stage.deps {
                let source: String
                if let name = dep.stageName {
                    source = ids[name] ?? name
                } else {
                    source = "p\(paths.firstIndex(of: dep.path ?? "") ?? 0)"
                }
                lines.append("  \(source) -->|\(label(dep.name))| \(ids[stage.name]!)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> JSONValue {
        .object([
            "stages": .array(
                pipeline.stages.map { stage in
                    .object([
                        "name": .string(stage.name),
                        "out": .string(stage.out),
                        "desc": stage.description.map(JSONValue.string) ?? .null,
                        "deps": .array(
                            stage.deps.map { dep in
                                switch dep.target {
                                case .stage(let name): ["name": .string(dep.name), "stage": .string(name)]
                                case .path(let path): ["name": .string(dep.name), "path": .string(path)]
                                }
                            }),
                    ])
                })
        ])
    }

    private func inputPaths() -> [String] {
        var seen: [String] = []
        for stage in pipeline.stages {
            for path in stage.deps.compactMap(\.path) where !seen.contains(path) { seen.append(path) }
        }
        return seen
    }

    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Mermaid labels: quotes become `#quot;`.
    private func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}
