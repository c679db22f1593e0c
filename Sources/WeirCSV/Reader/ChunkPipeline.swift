/// Parses the chunks of one large file on several threads and hands their results over in file
/// order, with at most a window of chunks in memory.
///
/// Chunk boundaries are guessed: chunk `k` is taken to start after the first line break past
/// `dataStart + k × chunkBytes`. A guess can be wrong (a quoted field with line breaks, a comment
/// line); the consumer checks that each chunk starts where the previous one really ended and
/// parses it again from there when it does not, so the result always equals a sequential parse.
final class ChunkPipeline: @unchecked Sendable {
    private let plan: ParsePlan
    let chunkCount: Int
    private let window: Int
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var nextToStart = 0
    private var nextToTake = 0
    private var results: [Int: ChunkResult] = [:]
    private var cancelled = false

    init(plan: ParsePlan, workers: Int) {
        self.plan = plan
        let dataBytes = plan.source.size - plan.dataStart
        chunkCount = max(1, (dataBytes + plan.chunkBytes - 1) / plan.chunkBytes)
        // Parsed chunks are small (typed columns only, their text is freed), so the window lets the
        // workers run well ahead while the consumer is busy, e.g. encoding a Parquet row group.
        window = workers + 6
    }

    /// Starts the worker threads.
    /// - Returns: `false` when not even one could be started; the caller then parses alone.
    func start(workers: Int) -> Bool {
        var started = 0
        for _ in 0..<workers where WorkerThread.start({ [self] in work() }) { started += 1 }
        return started > 0
    }

    /// The result of chunk `index`, waiting for it if needed; call with 0, 1, 2, … in turn.
    func take(_ index: Int) -> ChunkResult {
        lock.lock()
        defer { lock.unlock() }
        while results[index] == nil { lock.wait() }
        nextToTake = index + 1
        lock.broadcast()
        return results.removeValue(forKey: index)!
    }

    /// Stops the workers after their current chunk.
    func cancel() {
        lock.withLock {
            cancelled = true
            lock.broadcast()
        }
    }

    private func work() {
        let parser = ChunkParser(plan: plan)
        while true {
            lock.lock()
            while !cancelled && nextToStart < chunkCount && nextToStart - nextToTake >= window { lock.wait() }
            if cancelled || nextToStart >= chunkCount {
                lock.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            lock.unlock()
            let result = parse(index, parser)
            lock.withLock {
                results[index] = result
                lock.broadcast()
            }
        }
    }

    func parse(_ index: Int, _ parser: ChunkParser) -> ChunkResult {
        do throws(CSVError) {
            let limit =
                try index + 1 >= chunkCount ? plan.source.size : guessedStart(index + 1) ?? nominalStart(index + 1)
            guard let start = try index == 0 ? plan.dataStart : guessedStart(index) else {
                // No line break near the chunk's start: it starts inside a long record, which the
                // chunk before reads whole. Parsing from here would scan that record once more for
                // every chunk it spans; the consumer parses from the true boundary instead (a start
                // of -1 never matches it).
                return ChunkResult(start: -1, limit: limit, end: -1, lines: 0, batches: [], error: nil)
            }
            return parser.parse(from: start, to: limit)
        } catch {
            return ChunkResult(start: -1, limit: plan.source.size, end: -1, lines: 0, batches: [], error: error)
        }
    }

    private func nominalStart(_ index: Int) -> Int { plan.dataStart + index * plan.chunkBytes }

    /// Just after the first line break in the first 64 KiB of chunk `index` (and before the next
    /// chunk), or `nil` when there is none.
    func guessedStart(_ index: Int) throws(CSVError) -> Int? {
        let nominal = nominalStart(index)
        let span = min(1 << 16, plan.chunkBytes)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: span + 1)
        defer { bytes.deallocate() }
        let count = try plan.source.read(into: bytes, offset: nominal, count: span + 1)
        var index = 0
        while index < min(count, span) {
            let byte = bytes[index]
            if byte == RecordScanner.lf { return nominal + index + 1 }
            if byte == RecordScanner.cr {
                return nominal + index + (index + 1 < count && bytes[index + 1] == RecordScanner.lf ? 2 : 1)
            }
            index += 1
        }
        return nil
    }
}
