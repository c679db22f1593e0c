import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

@Suite struct ExternalSortTests {
    /// The rows sorted by `keys` with nulls last, NaN above every number, stably: the reference.
    static func referenceSort(_ rows: [[Value]], keys: [(index: Int, descending: Bool)]) -> [[Value]] {
        rows.enumerated().sorted { a, b in
            for key in keys {
                let x = a.element[key.index]
                let y = b.element[key.index]
                if x.isNull != y.isNull { return y.isNull }
                guard let order = ValueOrder.compare(x, y), order != 0 else { continue }
                return key.descending ? order > 0 : order < 0
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    @Test func spillingSortEqualsTheInMemoryReference() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...400), Gen.int(in: 1...64),
            Gen.int(in: 0...3)
        ) { seed, rows, batchRows, keyChoice in
            let batches = RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: batchRows)
            let keySets: [[(Int, Bool)]] = [
                [(0, false), (3, false)], [(2, true)], [(1, false), (2, false)], [(3, true)],
            ]
            let keys = keySets[keyChoice]
            // A budget smaller than one batch of 64 rows: every few batches spill.
            let budget = MemoryBudget(limit: 4_000)
            do {
                let spill = try SpillFolder(in: spillParent.path, budget: budget)
                var sort = try ExternalSort(
                    MemoryStream(batches, schema: RandomTable.schema),
                    by: keys.map { SortKey(RandomTable.schema.fields[$0.0].name, descending: $0.1) },
                    budget: budget, spill: spill, batchRows: 7)
                let actual = RandomTable.rows(try sort.collect())
                let expected = Self.referenceSort(batches.flatMap(RandomTable.rows), keys: keys)
                #expect(actual.count == expected.count)
                #expect(zip(actual, expected).allSatisfy { zip($0, $1).allSatisfy { $0.closeTo($1) } })
                if rows > 200 { #expect(budget.spillFiles > 0, "a tiny budget must spill") }
            } catch {
                Issue.record("sort failed: \(error)")
            }
        }
    }

    @Test func manyRunsAreMergedInStages() throws {
        let spillParent = try TemporaryDirectory()
        let batches = RandomTable.batches(seed: 7, rows: 3_000, batchRows: 20)
        let budget = MemoryBudget(limit: 1)
        let spill = try SpillFolder(in: spillParent.path, budget: budget)
        var sort = try ExternalSort(
            MemoryStream(batches), by: [SortKey("x"), SortKey("time")], budget: budget, spill: spill, batchRows: 100)
        let actual = RandomTable.rows(try sort.collect())
        let expected = Self.referenceSort(batches.flatMap(RandomTable.rows), keys: [(2, false), (3, false)])
        #expect(budget.spillFiles > ExternalSort.maxFanIn)
        #expect(zip(actual, expected).allSatisfy { zip($0, $1).allSatisfy { $0.closeTo($1) } })
        #expect(actual.count == 3_000)
    }

    @Test func withoutASpillFolderAFullBudgetIsAnErrorThatSaysWhatToDo() throws {
        let batches = RandomTable.batches(seed: 3, rows: 100, batchRows: 10)
        var sort = try ExternalSort(
            MemoryStream(batches), by: [SortKey("k")], budget: MemoryBudget(limit: 100), spill: nil)
        let error = #expect(throws: ComputeError.self) { try sort.collect() }
        #expect(error?.message.contains("Please raise the budget or give the sort a spill folder") == true)
    }

    @Test func anUnknownSortKeyIsNamedWithTheColumnsThereAre() {
        let error = #expect(throws: ComputeError.self) {
            _ = try ExternalSort(
                MemoryStream([], schema: RandomTable.schema), by: [SortKey("tmie")], budget: .unbounded(), spill: nil)
        }
        #expect(
            error?.message
                == "There is no column 'tmie'. Please use one of the input's columns: 'station', 'k', 'x', 'time'.")
    }
}

@Suite struct KeyEncoderTests {
    @Test(arguments: [false, true])
    func textWithZeroBytesSortsInByteOrder(descending: Bool) throws {
        let texts = ["b", "a\u{0}b", "", "a", "a\u{0}", "ab", "\u{0}"]
        let field = Field("t", .string)
        let batch = RecordBatch(columns: [Column(field: field, storage: .bytes(ByteArrays(texts)))])
        let keys = try KeyEncoder([SortKey("t", descending: descending)], schema: batch.schema).encode(batch)
        let sorted = keys.sortedOrder().map { texts[$0] }
        let expected = texts.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(sorted == (descending ? expected.reversed() : expected))
    }
}
