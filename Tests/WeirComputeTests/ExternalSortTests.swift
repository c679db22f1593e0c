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

    @Test func aLimitGivesTheFirstRowsOfTheFullSort() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...400), Gen.int(in: 0...50), Gen.bool
        ) { seed, rows, limit, tiny in
            let batches = RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: 16)
            let keys = [(1, true), (0, false)]
            // A tiny budget makes the top-N spill too.
            let budget = MemoryBudget(limit: tiny ? 2_000 : 1 << 20)
            do {
                var sort = try ExternalSort(
                    MemoryStream(batches, schema: RandomTable.schema),
                    by: keys.map { SortKey(RandomTable.schema.fields[$0.0].name, descending: $0.1) }, budget: budget,
                    spill: try SpillFolder(in: spillParent.path, budget: budget), batchRows: 5, limit: limit)
                let actual = RandomTable.rows(try sort.collect())
                let expected = Array(Self.referenceSort(batches.flatMap(RandomTable.rows), keys: keys).prefix(limit))
                #expect(actual.count == expected.count)
                #expect(zip(actual, expected).allSatisfy { zip($0, $1).allSatisfy { $0.closeTo($1) } })
                if !tiny { #expect(budget.spillFiles == 0) }
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
    func decimalsHeldAsBytesSortAsNumbers(fixedWidth: Bool) throws {
        let numbers: [Int128] = [5, -1, 0, Int128(1) << 90, -(Int128(1) << 90), 127, 128, -128, -129, 255, -256]
        let field = Field("d", .decimal(precision: 38, scale: 2))
        // Minimal big-endian two's complement bytes, or 16 bytes each.
        func bytes(_ value: Int128) -> [UInt8] {
            var all = stride(from: 120, through: 0, by: -8).map { UInt8(truncatingIfNeeded: value >> $0) }
            while !fixedWidth, all.count > 1, (all[0] == 0 && all[1] < 0x80) || (all[0] == 0xFF && all[1] >= 0x80) {
                all.removeFirst()
            }
            return all
        }
        let storage: ColumnStorage =
            fixedWidth
            ? .fixedBytes(width: 16, data: numbers.flatMap(bytes))
            : .bytes(
                numbers.reduce(into: ByteArrays()) { values, number in values.append(contentsOf: bytes(number)) })
        let batch = RecordBatch(columns: [Column(field: field, storage: storage)])
        for descending in [false, true] {
            let encoder = try KeyEncoder([SortKey("d", descending: descending)], schema: batch.schema)
            let sorted = encoder.encode(batch).sortedOrder().map { numbers[$0] }
            #expect(sorted == (descending ? numbers.sorted(by: >) : numbers.sorted()))
            // The row-at-a-time encoding agrees with the batch one.
            var appended: [UInt8] = []
            for row in numbers.indices { encoder.append(row, of: batch, to: &appended) }
            #expect(appended == encoder.encode(batch).bytes)
        }
    }

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
