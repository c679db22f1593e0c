#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a stage's command ended, with its resource use.
package struct ChildResult: Sendable, Hashable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    package var status: Int32
    package var signal: Int32?
    package var wallSeconds: Double
    package var cpuSeconds: Double
    /// Sampled from `/proc` (see `ProcessTreeMemory`); nil when the command ended before a sample.
    package var peakMemoryBytes: Int64?
    /// The Slurm job id(s) that ran the command, comma-separated; nil for a local run.
    package var slurmJob: String? = nil
    /// How Slurm ended the job when it, not the command, decided the end: its state and reason
    /// (`TIMEOUT (reason 'TimeLimit')`); nil otherwise.
    package var slurmEnd: String? = nil

    package var succeeded: Bool { status == 0 && signal == nil && slurmEnd == nil }
}

/// Runs a shell command with `posix_spawn`, relaying its output and measuring it with `wait4`.
package enum ChildProcess {
    /// Runs `/bin/sh -c command` in `directory` with exactly `environment`, until it exits.
    package static func run(
        _ command: String, in directory: String, environment: [String: String], relay: StageOutputRelay
    ) throws(RunStoreError) -> ChildResult {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw RunStoreError.system(path: directory, operation: "create a pipe for", code: errno)
        }
        // Other stages may spawn meanwhile; `closefrom` below keeps these out of their children anyway.
        for descriptor in outPipe + errPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Nothing else of ours (the lock file, the database, other stages' pipes) leaks into the child.
        guard let closeFrom = SpawnExtensions.addCloseFrom, let changeDirectory = SpawnExtensions.addChangeDirectory
        else {
            throw RunStoreError.system(
                path: "/bin/sh", operation: "start (this C library lacks posix_spawn_file_actions_addchdir_np)",
                code: ENOSYS)
        }
        _ = closeFrom(&actions, 3)
        _ = changeDirectory(&actions, directory)

        let arguments = ["/bin/sh", "-c", command]
        let environmentLines = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        // Its own process group, so an interruption reaches the command and everything it started.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let start = monotonicSeconds()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, &envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw RunStoreError.system(path: "/bin/sh", operation: "start", code: spawned)
        }
        Interruption.shared.started(pid)
        defer { Interruption.shared.finished(pid) }
        var memory = ProcessTreeMemory(root: pid)
        memory.sample()
        pump(output: outPipe[0], error: errPipe[0], relay: relay, memory: &memory)
        relay.finish()

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw RunStoreError.system(path: "/bin/sh", operation: "wait for", code: errno)
            }
        }
        let wall = monotonicSeconds() - start
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let peak = memory.peakBytes
        let signalled = status & 0x7F
        if signalled != 0 && signalled != 0x7F {
            return ChildResult(
                status: 128 + signalled, signal: signalled, wallSeconds: wall, cpuSeconds: cpu, peakMemoryBytes: peak)
        }
        return ChildResult(
            status: (status >> 8) & 0xFF, signal: nil, wallSeconds: wall, cpuSeconds: cpu, peakMemoryBytes: peak)
    }

    /// Reads both pipes until both are closed, handing every chunk to the relay.
    private static func pump(output: Int32, error: Int32, relay: StageOutputRelay, memory: inout ProcessTreeMemory) {
        var open: [(Int32, Console.Stream)] = [(output, .output), (error, .error)]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
        defer {
            buffer.deallocate()
            for (descriptor, _) in open { close(descriptor) }
        }
        var lastSample = monotonicSeconds()
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0.0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if monotonicSeconds() - lastSample >= 0.05 {
                memory.sample()
                lastSample = monotonicSeconds()
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            var closed: [Int32] = []
            for (index, entry) in fds.enumerated() where entry.revents != 0 {
                let count = read(entry.fd, buffer.baseAddress, buffer.count)
                if count > 0 {
                    relay.receive(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), from: open[index].1)
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(entry.fd)
                }
            }
            for descriptor in closed {
                close(descriptor)
                open.removeAll { $0.0 == descriptor }
            }
        }
    }

    package static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }
}
