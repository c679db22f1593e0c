import WeirColumns

/// Sorts its input within a memory budget, spilling sorted runs to disk and merging them.
///
/// Each input batch is sorted on arrival and kept while the budget grants its bytes. When the
/// budget refuses, the batches held are merged into one sorted run in a spill file and released.
/// At the end the runs on disk and the batches still in memory are merged (at most ``maxFanIn``
/// runs at once; more are first merged into longer runs). Rows with equal keys keep their input
/// order. Without a spill folder the operator never spills and fails when the budget refuses.
///
/// With a `limit` the sort is a top-N: it keeps at most `limit` rows sorted in memory, drops each
/// input row that sorts after the last of them as it arrives, and stops after `limit` rows.
public struct ExternalSort: BatchStream {
    public let schema: Schema
    public let keys: [SortKey]
    /// The most runs merged at once.
    public static let maxFanIn = 64
    private var input: any BatchStream
    private let encoder: KeyEncoder
    private let reservation: MemoryReservation
    private let spill: SpillFolder?
    private let batchRows: Int
    private var sorted: [RecordBatch] = []
    private var runs: [SpillFile] = []
    private var output: SortedMerge?
    /// The most rows the sort returns.
    private let limit: Int?
    private var returned = 0
    /// With a limit, once `limit` rows are held: the key of the last of them. A later row whose
    /// key is not below it cannot be among the first `limit`.
    private var cutoff: EncodedKeys?

    /// - Parameters:
    ///   - input: the rows to sort.
    ///   - keys: the sort keys, most significant first.
    ///   - budget: where the sort reserves the bytes of the batches it holds.
    ///   - spill: where sorted runs go when the budget is full; `nil` to never spill.
    ///   - batchRows: rows per output batch and per spill row group.
    ///   - limit: the most rows to return (the first ones in order); `nil` for all.
    /// - Throws: `ComputeError` naming a sort key the input lacks.
    public init(
        _ input: any BatchStream, by keys: [SortKey], budget: MemoryBudget, spill: SpillFolder?, batchRows: Int = 8192,
        limit: Int? = nil
    ) throws {
        precondition(limit.map { $0 >= 0 } ?? true, "a sort's limit cannot be negative")
        schema = input.schema
        self.keys = keys
        self.input = input
        encoder = try KeyEncoder(keys, schema: input.schema)
        reservation = MemoryReservation(consumer: "external sort", budget: budget)
        self.spill = spill
        self.batchRows = batchRows
        self.limit = limit
    }

    public mutating func next() throws -> RecordBatch? {
        if output == nil { output = try consumeInput() }
        let left = (limit ?? .max) - returned
        guard left > 0, var batch = try output!.next() else { return nil }
        if batch.rowCount > left { batch = batch.slice(0..<left) }
        returned += batch.rowCount
        return batch
    }

    /// Input batches are sorted in chunks of about this many rows: fewer, longer sorted batches
    /// make the final merge cheaper than one per (small) input batch.
    static let chunkRows = 1 << 20

    private mutating func consumeInput() throws -> SortedMerge {
        var pending: [RecordBatch] = []
        var pendingRows = 0
        // With a limit, the rows held are cut back to `limit` often, so that the cutoff drops
        // most rows early.
        let chunkRows = limit.map { min(Self.chunkRows, max(2 * $0, 8192)) } ?? Self.chunkRows
        func sortPending() {
            guard !pending.isEmpty else { return }
            guard let limit else {
                let chunk = RecordBatch.concatenate(pending, schema: schema)
                sorted.append(chunk.gather(encoder.encode(chunk).sortedOrder()))
                pending = []
                pendingRows = 0
                return
            }
            // The rows held (at most one sorted batch, read before `pending`) and the new ones.
            let chunk = RecordBatch.concatenate(sorted + pending, schema: schema)
            let keys = encoder.encode(chunk)
            let order = Array(keys.sortedOrder().prefix(limit))
            let top = chunk.gather(order)
            sorted = [top]
            pending = []
            pendingRows = 0
            if let last = order.last, order.count == limit {
                let range = keys.offsets[last]..<keys.offsets[last + 1]
                cutoff = EncodedKeys(bytes: Array(keys.bytes[range]), offsets: [0, range.count])
            }
            // What is held now: the top rows (and their sorted copy while the next chunk sorts).
            reservation.forceResize(to: top.memorySize * 2)
        }
        while var batch = try input.next() {
            guard batch.rowCount > 0 else { continue }
            if limit == 0 { continue }
            if let cutoff {
                let keys = encoder.encode(batch)
                let kept = (0..<batch.rowCount).filter { keys.compare($0, cutoff, 0) < 0 }
                if kept.isEmpty { continue }
                if kept.count < batch.rowCount { batch = batch.gather(kept) }
            }
            // The chunk being sorted is held twice for a moment (the rows and their sorted copy).
            let bytes = batch.memorySize * 2
            var granted = reservation.tryResize(to: reservation.size + bytes)
            if !granted && (spill != nil || limit != nil) {
                // With a limit, sorting what is pending cuts the rows held back to `limit`, which
                // may free enough.
                sortPending()
                granted = reservation.tryResize(to: reservation.size + bytes)
            }
            if !granted && spill != nil && !sorted.isEmpty {
                try spillHeld()
                granted = reservation.tryResize(to: reservation.size + bytes)
            }
            if !granted {
                guard spill != nil else {
                    throw ComputeError(
                        .memory,
                        "Sorting needs more than the memory budget of \(reservation.budget.limit) bytes. Please "
                            + "raise the budget or give the sort a spill folder.")
                }
                // One batch is the least the sort works with.
                reservation.forceResize(to: reservation.size + bytes)
            }
            pending.append(batch)
            pendingRows += batch.rowCount
            if pendingRows >= chunkRows { sortPending() }
        }
        sortPending()
        if runs.count + sorted.count > Self.maxFanIn && sorted.count > 1 {
            // Many sorted chunks held in memory are sorted as one rather than merged into runs on
            // disk: they fit the budget already.
            let all = RecordBatch.concatenate(sorted, schema: schema)
            sorted = [all.gather(encoder.encode(all).sortedOrder())]
        }
        var streams: [any BatchStream] = try runs.map { try $0.stream() }
        for batch in sorted { streams.append(MemoryStream([batch])) }
        sorted = []
        while streams.count > Self.maxFanIn {
            // Merge the oldest runs into one longer run, kept first so that equal keys keep their order.
            let merged = try mergeToRun(Array(streams.prefix(Self.maxFanIn)))
            streams = [try merged.stream()] + Array(streams.dropFirst(Self.maxFanIn))
        }
        return try SortedMerge(streams, keys: keys, schema: schema, batchRows: batchRows)
    }

    /// Merges the batches held into a sorted run on disk and releases them.
    private mutating func spillHeld() throws {
        runs.append(try mergeToRun(sorted.map { MemoryStream([$0]) }))
        sorted = []
        reservation.free()
    }

    private func mergeToRun(_ streams: [any BatchStream]) throws -> SpillFile {
        var merge = try SortedMerge(streams, keys: keys, schema: schema, batchRows: batchRows)
        let writer = try SpillWriter(folder: spill!, purpose: "sort-run", schema: schema, rowGroupRows: batchRows)
        while let batch = try merge.next() { try writer.write(batch) }
        return try writer.finish()
    }
}
