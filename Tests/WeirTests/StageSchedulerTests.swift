import Testing

@testable import Weir

@Suite struct StageSchedulerTests {
    /// a → b → d, a → c, e independent.
    static let pipeline = try! PipelineParser(projectRoot: "/").parse(
        """
        stages:
          a: {cmd: 'true', out: o/a}
          b: {cmd: 'true', deps: {x: stage:a}, out: o/b}
          c: {cmd: 'true', deps: {x: stage:a}, out: o/c}
          d: {cmd: 'true', deps: {x: stage:b}, out: o/d}
          e: {cmd: 'true', out: o/e}
        """, file: "weir.yaml")

    @Test func readyStagesComeOutAsTheirUpstreamSucceeds() {
        var scheduler = StageScheduler(pipeline: Self.pipeline, selected: Set(Self.pipeline.stageNames))
        #expect(scheduler.next() == "a")
        #expect(scheduler.next() == "e")
        #expect(scheduler.next() == nil)
        scheduler.finish("a", succeeded: true)
        #expect(scheduler.next() == "b")
        #expect(scheduler.next() == "c")
        #expect(scheduler.runningCount == 3)
        scheduler.finish("b", succeeded: true)
        #expect(scheduler.next() == "d")
        for name in ["c", "d", "e"] { scheduler.finish(name, succeeded: true) }
        #expect(scheduler.isFinished)
        #expect(scheduler.allSucceeded)
    }

    @Test func aFailureSkipsWhatIsDownstreamAndTheRestGoesOn() {
        var scheduler = StageScheduler(pipeline: Self.pipeline, selected: Set(Self.pipeline.stageNames))
        #expect(scheduler.next() == "a")
        #expect(scheduler.next() == "e")
        scheduler.finish("a", succeeded: true)
        #expect(scheduler.next() == "b")
        scheduler.finish("b", succeeded: false)
        #expect(scheduler.states["d"] == .skipped(upstream: "b"))
        #expect(scheduler.next() == "c")
        scheduler.finish("c", succeeded: true)
        scheduler.finish("e", succeeded: true)
        #expect(scheduler.isFinished)
        #expect(!scheduler.allSucceeded)
    }

    @Test func stagesOutsideTheSelectionCountAsDone() {
        var scheduler = StageScheduler(pipeline: Self.pipeline, selected: ["d"])
        #expect(scheduler.next() == "d")
        scheduler.finish("d", succeeded: true)
        #expect(scheduler.isFinished)
    }

    @Test func selectionFollowsTheRunOptions() throws {
        func selected(_ build: (inout RunOptions) -> Void) throws -> [String] {
            var options = RunOptions()
            build(&options)
            return try StageSelection(options, pipeline: Self.pipeline).selected.sorted()
        }
        #expect(try selected { _ in } == ["a", "b", "c", "d", "e"])
        #expect(try selected { $0.targets = ["d"] } == ["a", "b", "d"])
        #expect(try selected { $0.only = ["b"] } == ["b"])
        #expect(
            try selected {
                $0.targets = ["b"]; $0.downstream = true
            } == ["b", "d"])
        #expect(
            try selected {
                $0.only = ["a"]; $0.downstream = true
            } == ["a", "b", "c", "d"])
        #expect(
            try selected {
                $0.only = ["d"]; $0.force = ["e"]
            } == ["d", "e"])
        var options = RunOptions()
        options.forceAll = true
        options.targets = ["c"]
        #expect(try StageSelection(options, pipeline: Self.pipeline).forced == ["a", "c"])
    }

    @Test func unknownStagesAndContradictionsAreRefused() {
        var options = RunOptions()
        options.force = ["bb"]
        let unknown = #expect(throws: UnknownStageError.self) { try StageSelection(options, pipeline: Self.pipeline) }
        #expect(unknown?.description == "Unknown stage 'bb'. Did you mean 'b'?")
        options = RunOptions()
        options.downstream = true
        let lonely = #expect(throws: RunOptionsError.self) { try StageSelection(options, pipeline: Self.pipeline) }
        #expect(
            lonely?.description == "'--downstream' needs a stage to start from. Write 'weir run STAGE --downstream'.")
        options = RunOptions()
        options.targets = ["a"]
        options.only = ["b"]
        let both = #expect(throws: RunOptionsError.self) { try StageSelection(options, pipeline: Self.pipeline) }
        #expect(
            both?.description
                == "Give stages either as arguments or with '--only', not both. Use '--only STAGE' to run just that stage."
        )
    }

    @Test func shellQuotingSurvivesAnyText() throws {
        let template = try CommandTemplate.parse("run ${params.a} ${deps.d} ${params.n} ${out}").get()
        let rendered = template.render(
            out: "o u t", deps: ["d": "it's"], params: ["a": "$(rm -rf /)", "n": ["k": [1, 2]]])
        #expect(rendered == #"run '$(rm -rf /)' 'it'\''s' '{"k":[1,2]}' 'o u t'"#)
    }
}
