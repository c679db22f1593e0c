import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

/// Joins checked against brute-force references on random inputs with duplicate keys, null keys,
/// ties in time and distance, unsorted rows and empty sides, both held in memory and sorted
/// through spill files.
@Suite struct JoinTests {
    static let timeType = ColumnType.timestamp(unit: .microseconds, utc: true)

    /// Random rows: a station (some null), an integer key, a time with many ties (some null),
    /// coordinates on a coarse grid (some null or NaN) and a payload.
    static func table(seed: UInt64, rows: Int, batchRows: Int, prefix: String) -> [RecordBatch] {
        let schema = Schema([
            Field("station", .string), Field("k", .int64), Field("time", timeType), Field("lat", .float64),
            Field("lon", .float64), Field(prefix + "value", .int64),
        ])
        var random = SeededRandom(seed: seed)
        var batches: [RecordBatch] = []
        var done = 0
        while done < rows {
            let count = min(batchRows, rows - done)
            var builders = schema.fields.map { ColumnBuilder(field: $0) }
            for row in 0..<count {
                RandomTable.append(&builders[0], random.below(10) == 0 ? nil : .string("S\(random.below(4))"))
                RandomTable.append(&builders[1], random.below(10) == 0 ? nil : .int(Int64(random.below(6))))
                RandomTable.append(
                    &builders[2],
                    random.below(15) == 0
                        ? nil : .timestamp(Int64(random.below(40)) * 1_000_000, .microseconds, utc: true))
                for index in 3...4 {
                    let draw = random.below(20)
                    RandomTable.append(
                        &builders[index],
                        draw == 0 ? nil : (draw == 1 ? .double(.nan) : .double(Double(random.below(9)) * 0.5)))
                }
                RandomTable.append(&builders[5], .int(Int64(done + row)))
            }
            batches.append(RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() }))
            done += count
        }
        return batches
    }

    /// The rows as sorted text lines: joins promise which rows, not their order across strategies.
    static func lines(_ rows: [[Value]]) -> [String] {
        rows.map { row in row.map { "\($0)" }.joined(separator: "|") }.sorted()
    }

    /// Runs `spec` over the two tables, held in memory when `budget` is large, else sorted.
    static func run(
        _ spec: JoinSpec, left: [RecordBatch], right: [RecordBatch], budget: Int, spillParent: String
    ) throws -> (rows: [[Value]], schema: Schema, strategy: Join.Strategy?) {
        let memory = MemoryBudget(limit: budget)
        let spill = try SpillFolder(in: spillParent, budget: memory)
        let leftSchema = left.first!.schema
        let rightSchema = right.first!.schema
        let leftRows = left.filter { $0.rowCount > 0 }
        let rightRows = right.filter { $0.rowCount > 0 }
        var join = try Join(
            left: MemoryStream(leftRows, schema: leftSchema), right: { MemoryStream(rightRows, schema: rightSchema) },
            spec: spec, budget: memory, spill: spill, batchRows: 50)
        let output = try join.collect()
        return (RandomTable.rows(output), output.schema, join.strategy)
    }

    static func rows(_ batches: [RecordBatch]) -> [[Value]] { batches.flatMap(RandomTable.rows) }

    /// Key joins by nested loops: every pair with equal, non-null keys.
    static func referenceKeyJoin(_ type: JoinType, left: [[Value]], right: [[Value]], keys: [Int]) -> [[Value]] {
        let rightWidth = right.first?.count ?? 6
        let kept = (0..<rightWidth).filter { !keys.contains($0) }
        var matched = [Bool](repeating: false, count: right.count)
        var output: [[Value]] = []
        for row in left {
            var found = false
            for (index, other) in right.enumerated()
            where keys.allSatisfy({ !row[$0].isNull && !other[$0].isNull && row[$0] == other[$0] }) {
                found = true
                matched[index] = true
                output.append(row + kept.map { other[$0] })
            }
            if !found && type != .inner { output.append(row + kept.map { _ in .null }) }
        }
        if type == .outer {
            for (index, other) in right.enumerated() where !matched[index] {
                var row = [Value](repeating: .null, count: left.first?.count ?? 6)
                for key in keys { row[key] = other[key] }
                output.append(row + kept.map { other[$0] })
            }
        }
        return output
    }

    @Test func keyJoinsEqualNestedLoops() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...120), Gen.int(in: 0...120),
            Gen.int(in: 0...2), Gen.int(in: 0...1)
        ) { seed, leftCount, rightCount, typeChoice, keyChoice in
            let type = [JoinType.inner, .left, .outer][typeChoice]
            let keys = [["station"], ["station", "k"]][keyChoice]
            let left = Self.table(seed: UInt64(seed), rows: leftCount, batchRows: 17, prefix: "l_")
            let right = Self.table(seed: UInt64(seed) + 1, rows: rightCount, batchRows: 13, prefix: "r_")
            let leftBatches = left.isEmpty ? [RecordBatch.empty(Self.schema("l_"))] : left
            let rightBatches = right.isEmpty ? [RecordBatch.empty(Self.schema("r_"))] : right
            let expected = Self.lines(
                Self.referenceKeyJoin(
                    type, left: Self.rows(left), right: Self.rows(right), keys: keyChoice == 0 ? [0] : [0, 1]))
            for budget in [64 << 20, 6_000] {
                do {
                    let result = try Self.run(
                        JoinSpec(type, leftKeys: keys), left: leftBatches, right: rightBatches, budget: budget,
                        spillParent: spillParent.path)
                    #expect(Self.lines(result.rows) == expected, "\(type) on \(keys), budget \(budget)")
                    if budget < 10_000 && rightCount > 60 { #expect(result.strategy == .sorted) }
                    if budget > 10_000 { #expect(result.strategy == .broadcast) }
                } catch {
                    Issue.record("join failed: \(error)")
                }
            }
        }
    }

    static func schema(_ prefix: String) -> Schema {
        Self.table(seed: 0, rows: 1, batchRows: 1, prefix: prefix)[0].schema
    }

    /// As-of joins by scanning every right row: the latest at or before (the last of equal times),
    /// the earliest at or after (the first of equal times), or the closest (the later time on a tie,
    /// the last of equal times), as polars pairs them.
    static func referenceAsof(
        left: [[Value]], right: [[Value]], groups: Bool, direction: AsofDirection, tolerance: Int64?
    ) -> [[Value]] {
        func time(_ value: Value) -> Int64? {
            if case .timestamp(let raw, _, _) = value { return raw }
            return nil
        }
        return left.map { row in
            var backward: (index: Int, gap: Int64)?
            var forward: (index: Int, gap: Int64)?
            var forwardLast: (index: Int, gap: Int64)?
            if let t = time(row[2]), !(groups && row[0].isNull) {
                for (index, other) in right.enumerated() {
                    guard let u = time(other[2]) else { continue }
                    if groups && (other[0].isNull || other[0] != row[0]) { continue }
                    if u <= t, backward == nil || t - u <= backward!.gap { backward = (index, t - u) }
                    if u >= t, forward == nil || u - t < forward!.gap { forward = (index, u - t) }
                    if u >= t, forwardLast == nil || u - t <= forwardLast!.gap { forwardLast = (index, u - t) }
                }
            }
            var best: (index: Int, gap: Int64)?
            switch direction {
            case .backward: best = backward
            case .forward: best = forward
            case .nearest:
                if let b = backward, let f = forwardLast { best = f.gap <= b.gap ? f : b } else { best = backward ?? forwardLast }
            }
            if let found = best, let tolerance, found.gap > tolerance { best = nil }
            let kept = groups ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5]
            return row + kept.map { best.map { right[$0.index] }?[$0] ?? .null }
        }
    }

    @Test func asofJoinsEqualAScanOfEveryRightRow() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...300), Gen.int(in: 0...400),
            Gen.int(in: 0...2), Gen.int(in: 0...3)
        ) { seed, leftCount, rightCount, directionChoice, variant in
            let direction = AsofDirection.allCases[directionChoice]
            let groups = variant % 2 == 0
            let tolerance: Int64? = variant < 2 ? nil : 3_000_000
            let left = Self.table(seed: UInt64(seed), rows: leftCount, batchRows: 17, prefix: "l_")
            let right = Self.table(seed: UInt64(seed) + 7, rows: rightCount, batchRows: 11, prefix: "r_")
            let expected = Self.lines(
                Self.referenceAsof(
                    left: Self.rows(left), right: Self.rows(right), groups: groups, direction: direction,
                    tolerance: tolerance))
            let spec = JoinSpec(
                .asof, leftKeys: groups ? ["station"] : [],
                asof: AsofCondition(
                    left: "time", right: "time", direction: direction,
                    tolerance: tolerance.map { .duration(nanoseconds: $0 * 1_000) }))
            for budget in [64 << 20, 6_000] {
                do {
                    let result = try Self.run(
                        spec, left: left.isEmpty ? [RecordBatch.empty(Self.schema("l_"))] : left,
                        right: right.isEmpty ? [RecordBatch.empty(Self.schema("r_"))] : right, budget: budget,
                        spillParent: spillParent.path)
                    #expect(Self.lines(result.rows) == expected, "\(direction), groups \(groups), budget \(budget)")
                    if budget < 10_000 && rightCount > 60 { #expect(result.strategy == .sorted) }
                } catch {
                    Issue.record("as-of join failed: \(error)")
                }
            }
        }
    }

    @Test func asofOutputNamesTakenRightColumnsWithASuffix() throws {
        let left = Self.table(seed: 1, rows: 5, batchRows: 5, prefix: "v")
        let right = Self.table(seed: 2, rows: 5, batchRows: 5, prefix: "v")
        let spillParent = try TemporaryDirectory()
        let result = try Self.run(
            JoinSpec(.asof, leftKeys: ["station"], asof: AsofCondition(left: "time", right: "time", direction: .backward)),
            left: left, right: right, budget: 1 << 20, spillParent: spillParent.path)
        #expect(
            result.schema.fields.map(\.name) == [
                "station", "k", "time", "lat", "lon", "vvalue", "k_right", "time_right", "lat_right", "lon_right",
                "vvalue_right",
            ])
    }

    /// Nearest joins by computing every distance: the least, the earlier right row on a tie.
    static func referenceNearest(left: [[Value]], right: [[Value]], tolerance: Double?, groups: Bool = false)
        -> [[Value]]
    {
        func coordinates(_ row: [Value]) -> (Double, Double)? {
            guard case .double(let lat) = row[3], case .double(let lon) = row[4], !lat.isNaN, !lon.isNaN else {
                return nil
            }
            return (lat, lon)
        }
        return left.map { row in
            var best: (index: Int, squared: Double)?
            if let (lat, lon) = coordinates(row), !(groups && row[0].isNull) {
                for (index, other) in right.enumerated() {
                    guard let (x, y) = coordinates(other) else { continue }
                    if groups && (other[0].isNull || other[0] != row[0]) { continue }
                    let squared = (lat - x) * (lat - x) + (lon - y) * (lon - y)
                    if best == nil || squared < best!.squared { best = (index, squared) }
                }
            }
            if let found = best, let tolerance, found.squared.squareRoot() > tolerance { best = nil }
            return row + (groups ? 1..<6 : 0..<6).map { best.map { right[$0.index] }?[$0] ?? .null }
                + [best.map { .double($0.squared.squareRoot()) } ?? .null]
        }
    }

    @Test func nearestJoinsEqualEveryDistanceComputed() async throws {
        await propertyCheck(
            count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...150), Gen.int(in: 0...150),
            Gen.int(in: 0...5)
        ) { seed, leftCount, rightCount, choice in
            let tolerance = [nil, 0.0, 0.75][choice % 3]
            let groups = choice >= 3
            let left = Self.table(seed: UInt64(seed), rows: leftCount, batchRows: 17, prefix: "l_")
            let right = Self.table(seed: UInt64(seed) + 3, rows: rightCount, batchRows: 11, prefix: "r_")
            let expected = Self.lines(
                Self.referenceNearest(
                    left: Self.rows(left), right: Self.rows(right), tolerance: tolerance, groups: groups))
            do {
                let spillParent = try TemporaryDirectory()
                let result = try Self.run(
                    JoinSpec(
                        .nearest, leftKeys: groups ? ["station"] : [],
                        nearest: NearestCondition(left: ["lat", "lon"], right: ["lat", "lon"], tolerance: tolerance)),
                    left: left.isEmpty ? [RecordBatch.empty(Self.schema("l_"))] : left,
                    right: right.isEmpty ? [RecordBatch.empty(Self.schema("r_"))] : right, budget: 64 << 20,
                    spillParent: spillParent.path)
                #expect(
                    Self.lines(result.rows) == expected, "tolerance \(String(describing: tolerance)), groups \(groups)")
                #expect(result.schema.fields.last?.name == "_distance")
            } catch {
                Issue.record("nearest join failed: \(error)")
            }
        }
    }

    @Test func keysOfTypesWithoutACommonTypeAreRefused() throws {
        let left = Self.table(seed: 1, rows: 3, batchRows: 3, prefix: "l_")
        let right = Self.table(seed: 2, rows: 3, batchRows: 3, prefix: "r_")
        let budget = MemoryBudget(limit: 1 << 20)
        #expect(throws: ComputeError.self) {
            _ = try Join(
                left: MemoryStream(left), right: { MemoryStream(right) },
                spec: JoinSpec(.inner, leftKeys: ["station"], rightKeys: ["k"]), budget: budget, spill: nil)
        }
        #expect(throws: ComputeError.self) {
            _ = try Join(
                left: MemoryStream(left), right: { MemoryStream(right) },
                spec: JoinSpec(
                    .asof, asof: AsofCondition(left: "time", right: "time", direction: .backward, tolerance: .number(3))),
                budget: budget, spill: nil)
        }
    }

    @Test func aNearestJoinWhoseRightInputDoesNotFitSaysSo() throws {
        let left = Self.table(seed: 1, rows: 10, batchRows: 10, prefix: "l_")
        let right = Self.table(seed: 2, rows: 2_000, batchRows: 100, prefix: "r_")
        let spillParent = try TemporaryDirectory()
        let budget = MemoryBudget(limit: 20_000)
        var join = try Join(
            left: MemoryStream(left), right: { MemoryStream(right) },
            spec: JoinSpec(.nearest, nearest: NearestCondition(left: ["lat", "lon"], right: ["lat", "lon"])),
            budget: budget, spill: try SpillFolder(in: spillParent.path, budget: budget))
        do {
            _ = try join.next()
            Issue.record("a nearest join over a right input larger than the budget ran")
        } catch let error as ComputeError {
            #expect(error.kind == .memory)
            #expect(error.message.contains("holds its right input in memory"), "\(error.message)")
        }
    }
}
