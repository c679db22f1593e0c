/// Which selected stages may start, given which have finished: a pure state machine.
///
/// A stage is ready when every selected upstream stage has succeeded (stages outside the selection
/// count as done: their current output is used). When a stage fails, everything downstream of it is
/// skipped; independent stages go on, as `make -k` does.
package struct StageScheduler: Sendable {
    package enum State: Sendable, Hashable {
        case waiting, running, succeeded, failed
        /// Not run because `upstream` failed or was skipped.
        case skipped(upstream: String)
    }

    private let order: [String]
    private let upstream: [String: [String]]
    package private(set) var states: [String: State]

    /// - Parameter selected: the stages to schedule, any order; `pipeline` gives the dependencies.
    package init(pipeline: Pipeline, selected: Set<String>) {
        order = pipeline.stageNames.filter { selected.contains($0) }
        var upstream: [String: [String]] = [:]
        for stage in pipeline.stages where selected.contains(stage.name) {
            upstream[stage.name] = stage.upstreamStages.filter { selected.contains($0) }
        }
        self.upstream = upstream
        states = Dictionary(uniqueKeysWithValues: order.map { ($0, State.waiting) })
    }

    /// The next stage whose upstream stages all succeeded, now marked running; nil when none is ready.
    package mutating func next() -> String? {
        for name in order where states[name] == .waiting {
            if upstream[name, default: []].allSatisfy({ states[$0] == .succeeded }) {
                states[name] = .running
                return name
            }
        }
        return nil
    }

    /// Records how a running stage ended; a failure skips every stage downstream of it.
    package mutating func finish(_ name: String, succeeded: Bool) {
        states[name] = succeeded ? .succeeded : .failed
        guard !succeeded else { return }
        for stage in order where states[stage] == .waiting {
            if let blocker = upstream[stage, default: []].first(where: { isBlocked($0) }) {
                states[stage] = .skipped(upstream: blocker)
            }
        }
    }

    private func isBlocked(_ name: String) -> Bool {
        switch states[name] {
        case .failed, .skipped: true
        default: false
        }
    }

    package var runningCount: Int { states.values.filter { $0 == .running }.count }

    /// True when no stage is waiting or running.
    package var isFinished: Bool { !states.values.contains { $0 == .waiting || $0 == .running } }

    package var allSucceeded: Bool { states.values.allSatisfy { $0 == .succeeded } }
}
