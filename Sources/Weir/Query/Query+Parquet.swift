import Foundation
import WeirColumns
import WeirCompute
import WeirParquet

/// The result of running a query on a ``QuerySource``.
public struct QueryResult: Sendable {
    public var batch: RecordBatch
    public var explain: QueryExplain
}

extension Query {
    /// Runs the query on the files of `source`.
    ///
    /// With `pushdown` (the default), parts whose Hive columns fail the filter are skipped
    /// without being opened, row groups whose statistics rule the filter out are skipped, only
    /// the columns the query needs are decoded, and without `order by` reading stops once `limit`
    /// rows have matched. None of this changes the result: the full filter is evaluated on every
    /// row that is read. Without pushdown every row of every part is read (the reference).
    ///
    /// `order by` sorts within `memory` bytes, spilling sorted runs to a folder inside
    /// `spillParent` (the system's temporary folder by default); with a `limit` it keeps only the
    /// first `limit` rows in order (a top-N).
    ///
    /// The columns are the union by name of the parts' columns, in order of first appearance,
    /// followed by the Hive columns; a part without a column has nulls there.
    ///
    /// - Throws: ``QueryError`` for an unknown column or a bad literal, ``ParquetError`` for a file
    ///   that cannot be read, ``QueryPartTypeError`` when parts disagree on a column's type,
    ///   ``DatasetError`` or ``ManifestFormatError`` for a dataset that cannot be opened.
    public func run(
        on source: QuerySource, pushdown: Bool = true, memory: Int = Query.defaultMemory, spillParent: String? = nil
    ) throws -> QueryResult {
        var schema = Schema([])
        var batches: [RecordBatch] = []
        let explain = try run(
            on: source, pushdown: pushdown, memory: memory, spillParent: spillParent, begin: { schema = $0 },
            emit: { batches.append($0) })
        let batch: RecordBatch
        switch batches.count {
        case 0: batch = RecordBatch(schema: schema, columns: schema.fields.map(Column.empty))
        case 1: batch = batches[0]
        default: batch = try RecordBatch.concatenate(batches)
        }
        return QueryResult(batch: batch, explain: explain)
    }

    /// Runs the query on the files of `source` and hands the result over in batches, in order:
    /// first its schema to `begin`, then its rows to `emit`.
    ///
    /// Without `order by` the result is never held whole: parts are read a few at a time and their
    /// matching rows numbered, selected and emitted as they come, so memory stays bounded by a
    /// few parts whatever the size of the dataset. With `order by` the matching rows go through an
    /// external sort that holds at most `memory` bytes of them and spills the rest to disk, and
    /// come out in sorted batches. Otherwise as ``run(on:pushdown:memory:spillParent:)``.
    ///
    /// - Returns: how the query ran.
    public func run(
        on source: QuerySource, pushdown: Bool = true, memory: Int = Query.defaultMemory, spillParent: String? = nil,
        begin: (Schema) throws -> Void, emit: (RecordBatch) throws -> Void
    ) throws -> QueryExplain {
        precondition(memory > 0, "a query's memory budget must be positive")
        let parts = try source.parts(referencing: referencedColumns)
        var execution = QueryExecution(
            query: self, parts: parts, pushdown: pushdown, memory: memory,
            spillParent: spillParent ?? FileManager.default.temporaryDirectory.path)
        execution.explain.source = source.description
        try execution.run(begin: begin, emit: emit)
        return execution.explain
    }
}

extension Query {
    /// The memory budget of a query's sort unless told otherwise: 1 GiB, as a stage's `memory:`.
    public static let defaultMemory = 1 << 30

    /// Every column the query names, in the order written: filter, order, groups, selection.
    var referencedColumnList: [String] {
        var referenced: [String] = []
        if let filter { referenced += filter.columns.sorted() }
        referenced += orderBy.map(\.column)
        referenced += seqBy ?? []
        referenced += (select ?? []).filter { seqBy == nil || $0 != seqColumn }
        return referenced
    }

    var referencedColumns: Set<String> { Set(referencedColumnList) }
}

/// One run of a query over a list of parts.
struct QueryExecution {
    let query: Query
    let parts: QueryParts
    let pushdown: Bool
    /// The budget of the sort, in bytes.
    let memory: Int
    /// Where the sort's spill folder goes.
    let spillParent: String
    var explain = QueryExplain(source: "")
    private var readers: [ParquetFileReader?]
    private var kept: [Bool]
    private let hiveFields: [Field]
    private let hiveNames: Set<String>
    /// The file columns read so far.
    private var readNames: Set<String> = []

    init(query: Query, parts: QueryParts, pushdown: Bool, memory: Int, spillParent: String) {
        self.query = query
        self.parts = parts
        self.pushdown = pushdown
        self.memory = memory
        self.spillParent = spillParent
        readers = Array(repeating: nil, count: parts.count)
        kept = Array(repeating: true, count: parts.count)
        hiveFields = parts.constants?.schema.fields ?? []
        hiveNames = Set(hiveFields.map(\.name))
        explain.parts = parts.count
        explain.pushdown = pushdown
    }

    mutating func run(begin: (Schema) throws -> Void, emit: (RecordBatch) throws -> Void) throws {
        let conjuncts = query.filter.map(QueryPushdown.conjuncts) ?? []
        // What is left to check row by row.
        var rowFilter = query.filter
        if pushdown, let constants = parts.constants {
            let partConjuncts = QueryPushdown.conjuncts(conjuncts, within: hiveNames)
            if !partConjuncts.isEmpty {
                let mask = try QueryEvaluator.mask(.and(partConjuncts), on: constants)
                kept = mask
                explain.partsPruned = mask.filter { !$0 }.count
                explain.partitionFilter = partConjuncts.map(\.text)
                // Those conjuncts hold for every row of a kept part, whose Hive and manifest
                // columns repeat the values they were checked on.
                let rest = conjuncts.filter { !partConjuncts.contains($0) }
                rowFilter = rest.isEmpty ? nil : (rest.count == 1 ? rest[0] : .and(rest))
            }
        }
        let needed = pushdown ? query.inputColumns : nil
        // The parts to read are opened anyway; skipped ones only when their columns are needed.
        for index in 0..<parts.count where kept[index] { _ = try reader(index) }
        if needed == nil {
            for index in 0..<parts.count { _ = try reader(index) }
        }
        try checkColumns()
        let target = try targetFields(needed)
        let scanner = PartScanner(
            filter: rowFilter, conjuncts: conjuncts, target: target, hiveNames: hiveNames,
            constants: parts.constants, paths: parts.paths, pushdown: pushdown)
        let work = try (0..<parts.count).filter { kept[$0] }.map { (part: $0, reader: try reader($0)) }
        if query.orderBy.isEmpty {
            try stream(work, scanner: scanner, target: target, begin: begin, emit: emit)
        } else {
            try sort(work, scanner: scanner, target: target, begin: begin, emit: emit)
        }
        explain.columnsRead = pushdown && needed != nil ? readNames.sorted() : nil
    }

    /// Streams the matching rows through an external sort (a top-N with a limit) within the memory
    /// budget, then numbers, selects and emits the sorted rows batch by batch.
    private mutating func sort(
        _ work: [(part: Int, reader: ParquetFileReader)], scanner: PartScanner, target: [Field],
        begin: (Schema) throws -> Void, emit: (RecordBatch) throws -> Void
    ) throws {
        var shaper = try QueryResultShaper(query: query, input: Schema(target))
        let input = QueryRowGroupStream(work, scanner: scanner, schema: Schema(target))
        let budget = MemoryBudget(limit: memory)
        let spill = try SpillFolder(in: spillParent, budget: budget)
        // Ties keep the order of reading; nulls go last in both directions.
        let keys = query.orderBy.map { WeirCompute.SortKey($0.column, descending: $0.descending) }
        var sorted = try ExternalSort(input, by: keys, budget: budget, spill: spill, limit: query.limit)
        try begin(shaper.schema)
        // The first pull sorts the whole input (also with `limit 0`, so that the figures count it).
        while let batch = try sorted.next() {
            let shaped = try shaper.shape(batch)
            if shaped.rowCount > 0 { try emit(shaped) }
            if shaper.isDone { break }
        }
        for scan in input.scans { record(scan) }
        explain.rowsReturned = shaper.emitted
        explain.sort = QueryExplain.Sort(
            memory: memory, peak: budget.peak, spilledBytes: budget.spilledBytes, spillFiles: budget.spillFiles,
            topN: query.limit)
    }

    /// Reads the parts a few at a time, in order, emitting their numbered and selected rows as
    /// they come; stops reading once `limit` rows are out.
    private mutating func stream(
        _ work: [(part: Int, reader: ParquetFileReader)], scanner: PartScanner, target: [Field],
        begin: (Schema) throws -> Void, emit: (RecordBatch) throws -> Void
    ) throws {
        var shaper = try QueryResultShaper(query: query, input: Schema(target))
        try begin(shaper.schema)
        // With a limit that may stop the reading, parts are read one at a time, each told how many
        // more rows are wanted; without pushdown everything is read (the reference).
        let limit = pushdown ? query.limit : nil
        let chunk = limit == nil ? max(8, 4 * ProcessInfo.processInfo.activeProcessorCount) : 1
        var start = 0
        reading: while start < work.count {
            if limit != nil && shaper.isDone {
                explain.stoppedEarly = true
                break
            }
            let slice = Array(work[start..<min(start + chunk, work.count)])
            start += slice.count
            let scans: [PartScan]
            if let limit {
                scans = [try scanner.scan(slice[0].reader, part: slice[0].part, wanted: limit - shaper.emitted)]
            } else {
                scans = try scanner.scanAll(slice)
            }
            for scan in scans {
                record(scan)
                for batch in scan.batches {
                    let shaped = try shaper.shape(batch)
                    if shaped.rowCount > 0 { try emit(shaped) }
                }
                if limit != nil && shaper.isDone {
                    explain.stoppedEarly = start < work.count || scan.stoppedEarly
                    break reading
                }
            }
        }
        explain.rowsReturned = shaper.emitted
    }

    /// Adds what reading a part did to the explanation.
    private mutating func record(_ scan: PartScan) {
        explain.rowGroups += scan.rowGroups
        explain.rowGroupsPruned += scan.rowGroupsPruned
        explain.rowsRead += scan.rowsRead
        explain.rowsMatched += scan.rowsMatched
        readNames.formUnion(scan.columnsRead)
        for text in scan.statisticsUsed where !explain.statisticsFilter.contains(text) {
            explain.statisticsFilter.append(text)
        }
    }

    /// The reader of part `index`, opened on first use.
    private mutating func reader(_ index: Int) throws -> ParquetFileReader {
        if let reader = readers[index] { return reader }
        let reader = try ParquetFileReader(path: parts.paths[index], options: query.parquetOptions)
        readers[index] = reader
        if !kept[index] { explain.prunedFootersRead += 1 }
        return reader
    }

    /// The data columns of the opened parts, in part order then file order. A column whose type
    /// differs between parts gets the type they all widen into (an integer and a double: double;
    /// two timestamp units: the finer), as a dataset whose schema evolved needs.
    private func dataFields() -> [Field] {
        unifiedFields().fields
    }

    /// The unified data columns, and for a column whose types no type holds, the two parts that
    /// disagree.
    private func unifiedFields() -> (fields: [Field], conflicts: [String: QueryPartTypeError]) {
        var fields: [Field] = []
        var index: [String: Int] = [:]
        var firstPath: [String: String] = [:]
        var conflicts: [String: QueryPartTypeError] = [:]
        for (part, reader) in readers.enumerated() {
            guard let reader else { continue }
            for field in reader.schema.fields where !hiveNames.contains(field.name) {
                guard let position = index[field.name] else {
                    index[field.name] = fields.count
                    firstPath[field.name] = parts.paths[part]
                    fields.append(field)
                    continue
                }
                let known = fields[position].type
                if known == field.type || conflicts[field.name] != nil { continue }
                if let wide = known.widened(with: field.type) {
                    fields[position].type = wide
                } else {
                    conflicts[field.name] = QueryPartTypeError(
                        column: field.name, path: parts.paths[part], type: field.type, other: known,
                        otherPath: firstPath[field.name])
                }
            }
        }
        return (fields, conflicts)
    }

    /// Checks that every column the query names exists, opening skipped parts' footers to look
    /// for one that the read parts lack, so that pushdown never turns a column into an error.
    private mutating func checkColumns() throws(QueryError) {
        let referenced = query.referencedColumnList
        var known = hiveNames.union(dataFields().map(\.name))
        var next = 0
        for name in referenced where !known.contains(name) {
            while !known.contains(name), next < parts.count {
                if readers[next] == nil, let reader = try? reader(next) {
                    known.formUnion(reader.schema.fields.map(\.name))
                }
                next += 1
            }
            if !known.contains(name) {
                var available = dataFields().map(\.name) + hiveFields.map(\.name)
                if query.seqBy != nil { available.append(query.seqColumn) }
                if name.hasPrefix(QueryParts.manifestPrefix) { available = parts.manifestNames }
                throw QueryError.unknownColumn(name, available: available)
            }
        }
    }

    /// The columns of the batches built from each part: all data columns then the Hive columns,
    /// or only the `needed` ones.
    private func targetFields(_ needed: Set<String>?) throws -> [Field] {
        let unified = unifiedFields()
        var fields = unified.fields + hiveFields
        if let needed { fields = fields.filter { needed.contains($0.name) } }
        // Parts that disagree on a column the query reads fail it before any row is out.
        for field in fields {
            if let conflict = unified.conflicts[field.name] { throw conflict }
        }
        return fields.map { field in
            var field = field
            field.nullable = true
            return field
        }
    }
}
