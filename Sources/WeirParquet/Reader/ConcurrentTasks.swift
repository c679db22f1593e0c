import Dispatch

/// Runs independent decoding tasks (the columns of a row group, the leaves of a nested column) on
/// all cores, each writing only its own result slot.
enum ConcurrentTasks {
    /// The results of `task(0)` … `task(count - 1)`, in that order; the first task (in order) that
    /// failed gives the error. One task runs on the calling thread.
    static func run<T>(
        _ count: Int, _ task: @Sendable (Int) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        let slots = UnsafeMutableBufferPointer<Result<T, ParquetError>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let results = slots
        @Sendable func one(_ index: Int) {
            do throws(ParquetError) {
                results[index] = .success(try task(index))
            } catch {
                results[index] = .failure(error)
            }
        }
        if count > 1 {
            DispatchQueue.concurrentPerform(iterations: count) { one($0) }
        } else if count == 1 {
            one(0)
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for result in results { values.append(try result!.get()) }
        return values
    }
}
