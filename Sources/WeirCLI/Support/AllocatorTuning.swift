#if canImport(Glibc)
    import Glibc
#endif

/// Settings of glibc's allocator for Weir's batch-at-a-time work, applied before any thread starts.
///
/// A batch holds arrays of 4–8 MiB per column, allocated and freed once per row group. By default
/// glibc maps each such array fresh and unmaps it when freed, so every batch pays a page fault
/// per 4 KiB touched (a tenth of a second of system time for 20 million rows). Served from the heap
/// instead, freed arrays are reused; at most 32 MiB of free heap is kept past the highest
/// allocation, so the peak resident size barely moves.
///
/// Batches are decoded on worker threads and freed on the thread that consumed them; with glibc's
/// default of an arena per thread, each arena keeps its own free space, and a resample of 20 million
/// rows peaked 35 MiB higher than with one arena. Allocations here are few and large, so one arena
/// costs no measurable time.
enum AllocatorTuning {
    static func apply() {
        #if canImport(Glibc)
            // `mallopt` is in <malloc.h>, which the Glibc module does not import; its parameters
            // are glibc's M_TRIM_THRESHOLD (-1), M_MMAP_THRESHOLD (-3) and M_ARENA_MAX (-8).
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 16 << 20)
            _ = mallopt(-1, 32 << 20)
            // An arena count set in the environment (glibc's own MALLOC_ARENA_MAX) is the user's to keep.
            if getenv("MALLOC_ARENA_MAX") == nil { _ = mallopt(-8, 1) }
        #endif
    }
}
