import Dispatch
import Foundation
import WeirColumns
import WeirCompute
import WeirParquet

/// The matching rows of a query's parts as a stream of batches, one row group at a time in part
/// order, for the operators of the compute module (the external sort of `order by`).
///
/// Row groups are read a window at a time, the window's groups in parallel (one per core), so that
/// what is held stays a few row groups whatever the size of the parts. A class, so that the
/// query can read the figures of what was read after the operator that pulled the rows is done.
final class QueryRowGroupStream: BatchStream {
    let schema: Schema
    private let scanner: PartScanner
    private let plans: [PartScanner.PartPlan]
    /// The row groups still to read: an index into `plans` and a group of that part.
    private let items: [(plan: Int, group: Int)]
    private var nextItem = 0
    private var ready: [RecordBatch] = []
    private let window: Int
    /// What was read, part by part (rows counted as their groups are read).
    private(set) var scans: [PartScan]

    init(_ work: [(part: Int, reader: ParquetFileReader)], scanner: PartScanner, schema: Schema) {
        self.schema = schema
        self.scanner = scanner
        var plans: [PartScanner.PartPlan] = []
        var scans: [PartScan] = []
        for item in work {
            let (plan, scan) = scanner.plan(item.reader, part: item.part)
            plans.append(plan)
            scans.append(scan)
        }
        self.plans = plans
        self.scans = scans
        items = plans.indices.flatMap { index in plans[index].groups.map { (plan: index, group: $0) } }
        window = max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    func next() throws -> RecordBatch? {
        while ready.isEmpty {
            guard nextItem < items.count else { return nil }
            let slice = Array(items[nextItem..<min(nextItem + window, items.count)])
            nextItem += slice.count
            let slots = ScanSlots<(batch: RecordBatch, rowsRead: Int)>(count: slice.count)
            let scanner = self.scanner
            let plans = self.plans
            DispatchQueue.concurrentPerform(iterations: slice.count) { index in
                let item = slice[index]
                slots.store(Result { try scanner.read(plans[item.plan], group: item.group) }, at: index)
            }
            for (item, result) in zip(slice, slots.results()) {
                let (batch, rowsRead) = try result.get()
                scans[item.plan].rowsRead += rowsRead
                scans[item.plan].rowsMatched += batch.rowCount
                if batch.rowCount > 0 { ready.append(batch) }
            }
            ready.reverse()
        }
        return ready.popLast()
    }
}
