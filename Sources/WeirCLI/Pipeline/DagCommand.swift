import ArgumentParser
import Foundation
import Weir

/// `weir dag`: the stage graph as text, DOT, Mermaid or JSON.
struct DagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dag", abstract: "Show the stages and what each depends on.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot, mermaid, json
    }

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output format: text, dot (Graphviz), mermaid or json.")
    var format: Format = .text

    @Flag(help: "Same as '--format json'.")
    var json = false

    func run() throws {
        let pipeline = try PipelineParser.load(project.locate())
        let renderer = DagRenderer(pipeline: pipeline)
        switch json ? .json : format {
        case .text: Console.shared.write(renderer.text())
        case .dot: Console.shared.write(renderer.dot())
        case .mermaid: Console.shared.write(renderer.mermaid())
        case .json: Console.shared.write(renderer.json().prettyString())
        }
    }
}
