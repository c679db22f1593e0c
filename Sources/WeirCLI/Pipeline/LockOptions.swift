import ArgumentParser
import Weir

/// `--wait` for commands that change state.
struct LockOptions: ParsableArguments {
    @Flag(help: "If another command holds the project lock, wait for it instead of failing.")
    var wait = false

    /// Takes the project lock, printing a warning when it was recovered from a process that died.
    func acquire(_ project: ProjectLocation, command: String) throws -> ProjectLock {
        let lock = try ProjectLock.acquire(project, command: command, wait: wait)
        if let warning = lock.recoveryWarning { Console.shared.line("warning: " + warning, to: .error) }
        return lock
    }
}
