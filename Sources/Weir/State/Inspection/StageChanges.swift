/// How the stage → run maps of two versions differ.
package struct StageChanges: Sendable, Hashable {
    /// A stage and the run it points at.
    package struct Entry: Sendable, Hashable {
        package var stage: String
        package var run: String
    }

    /// A stage present in both versions with different runs.
    package struct Change: Sendable, Hashable {
        package var stage: String
        package var oldRun: String
        package var newRun: String
    }

    /// Stages only in the newer version, by name.
    package var added: [Entry]
    /// Stages only in the older version, by name.
    package var removed: [Entry]
    /// Stages in both with different runs, by name.
    package var changed: [Change]
    /// Stages in both with the same run, by name.
    package var unchanged: [String]

    /// The changes from `old` to `new` (stage → run maps).
    package init(from old: [String: String], to new: [String: String]) {
        added = new.sorted { $0.key < $1.key }.filter { old[$0.key] == nil }.map { Entry(stage: $0.key, run: $0.value) }
        removed = old.sorted { $0.key < $1.key }.filter { new[$0.key] == nil }.map {
            Entry(stage: $0.key, run: $0.value)
        }
        changed = old.sorted { $0.key < $1.key }.compactMap { stage, oldRun in
            guard let newRun = new[stage], newRun != oldRun else { return nil }
            return Change(stage: stage, oldRun: oldRun, newRun: newRun)
        }
        unchanged = old.keys.filter { new[$0] == old[$0] }.sorted()
    }

    package var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}
