import Dispatch
import Foundation
import WeirColumns

/// Formats a batch's rows as JSON lines on every core: the rows are cut into windows, each window
/// into one piece per core, and the pieces are written in order.
enum JSONLinesFormatter {
    /// Rows formatted together before they are written: bounds the text held in memory.
    static let windowRows = 65_536
    /// Fewer rows than this in a window are formatted on the calling thread.
    static let parallelRows = 4_096

    static func write(_ batch: RecordBatch, rows count: Int, to output: OutputBuffer) {
        let plan = JSONRowPlan(batch)
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var start = 0
        while start < count {
            let end = min(count, start + windowRows)
            let rows = end - start
            let pieces = rows < parallelRows ? 1 : cores
            if pieces == 1 {
                output.write(bytes: lines(plan, start..<end))
            } else {
                let slots = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: pieces)
                slots.initialize(repeating: [])
                nonisolated(unsafe) let results = slots
                let first = start
                DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                    let low = first + rows * piece / pieces
                    let high = first + rows * (piece + 1) / pieces
                    results[piece] = lines(plan, low..<high)
                }
                for piece in slots { output.write(bytes: piece) }
                _ = slots.deinitialize()
                slots.deallocate()
            }
            start = end
        }
    }

    /// The JSON lines of `rows`.
    private static func lines(_ plan: JSONRowPlan, _ rows: Range<Int>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(rows.count * 64)
        for row in rows { plan.appendLine(row, to: &text) }
        return text
    }
}
