import WeirColumns
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
    /// The columns are the union by name of the parts' columns, in order of first appearance,
    /// followed by the Hive columns; a part without a column has nulls there.
    ///
    /// - Throws: ``QueryError`` for an unknown column or a bad literal, ``ParquetError`` for a file
    ///   that cannot be read, ``BatchConcatenationError`` when parts disagree on a column's type,
    ///   ``DatasetError`` or ``ManifestFormatError`` for a dataset that cannot be opened.
    public func run(on source: QuerySource, pushdown: Bool = true) throws -> QueryResult {
        let parts = try source.parts(referencing: referencedColumns)
        var execution = QueryExecution(query: self, parts: parts, pushdown: pushdown)
        execution.explain.source = source.description
        return try execution.run()
    }
}

extension Query {
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
    var explain = QueryExplain(source: "")
    private var readers: [ParquetFileReader?]
    private var kept: [Bool]
    private let hiveFields: [Field]
    private let hiveNames: Set<String>

    init(query: Query, parts: QueryParts, pushdown: Bool) {
        self.query = query
        self.parts = parts
        self.pushdown = pushdown
        readers = Array(repeating: nil, count: parts.count)
        kept = Array(repeating: true, count: parts.count)
        hiveFields = parts.constants?.schema.fields ?? []
        hiveNames = Set(hiveFields.map(\.name))
        explain.parts = parts.count
        explain.pushdown = pushdown
    }

    mutating func run() throws -> QueryResult {
        let conjuncts = query.filter.map(QueryPushdown.conjuncts) ?? []
        if pushdown, let constants = parts.constants {
            let partConjuncts = QueryPushdown.conjuncts(conjuncts, within: hiveNames)
            if !partConjuncts.isEmpty {
                let mask = try QueryEvaluator.mask(.and(partConjuncts), on: constants)
                kept = mask
                explain.partsPruned = mask.filter { !$0 }.count
                explain.partitionFilter = partConjuncts.map(\.text)
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
        let targetNames = Set(target.map(\.name))
        var survivors: [RecordBatch] = []
        var statisticsUsed: [String] = []
        var readNames: Set<String> = []
        let stopAt = pushdown && query.orderBy.isEmpty ? query.limit : nil
        parts: for index in 0..<parts.count where kept[index] {
            let reader = try reader(index)
            let fileNames = reader.schema.fields.map(\.name).filter { !hiveNames.contains($0) }
            let columns = pushdown ? fileNames.filter { targetNames.contains($0) } : fileNames
            readNames.formUnion(columns)
            var groups = Array(0..<reader.rowGroupCount)
            if pushdown,
                let (predicate, used) = QueryPushdown.predicate(conjuncts, schema: reader.schema, excluded: hiveNames)
            {
                groups = reader.rowGroups(matching: predicate)
                for text in used.map(\.text) where !statisticsUsed.contains(text) { statisticsUsed.append(text) }
            }
            explain.rowGroups += reader.rowGroupCount
            explain.rowGroupsPruned += reader.rowGroupCount - groups.count
            for group in groups {
                let rows = Int(reader.metadata.rowGroups[group].numRows)
                let file = columns.isEmpty ? nil : try reader.readRowGroup(group, columns: columns)
                var batch = try assemble(target, file: file, part: index, rows: rows)
                explain.rowsRead += rows
                if let filter = query.filter {
                    let mask = try QueryEvaluator.mask(filter, on: batch)
                    if mask.contains(false) { batch = batch.gather(mask.indices.filter { mask[$0] }) }
                }
                explain.rowsMatched += batch.rowCount
                if batch.rowCount > 0 { survivors.append(batch) }
                if let stopAt, explain.rowsMatched >= stopAt {
                    explain.stoppedEarly = true
                    break parts
                }
            }
        }
        explain.statisticsFilter = statisticsUsed
        explain.columnsRead = pushdown && needed != nil ? readNames.sorted() : nil
        let combined: RecordBatch
        if survivors.isEmpty {
            combined = RecordBatch(
                columns: target.map { Column(field: $0, storage: .empty($0.type.defaultStorageKind)) })
        } else {
            combined = survivors.count == 1 ? survivors[0] : try RecordBatch.concatenate(survivors)
        }
        var rest = query
        rest.filter = nil
        let result = try rest.run(on: combined)
        explain.rowsReturned = result.rowCount
        return QueryResult(batch: result, explain: explain)
    }

    /// The reader of part `index`, opened on first use.
    private mutating func reader(_ index: Int) throws -> ParquetFileReader {
        if let reader = readers[index] { return reader }
        let reader = try ParquetFileReader(path: parts.paths[index])
        readers[index] = reader
        if !kept[index] { explain.prunedFootersRead += 1 }
        return reader
    }

    /// The data columns of the opened parts, in part order then file order, first type kept.
    private func dataFields() -> [Field] {
        var fields: [Field] = []
        var seen: Set<String> = []
        for reader in readers {
            guard let reader else { continue }
            for field in reader.schema.fields where !hiveNames.contains(field.name) {
                if seen.insert(field.name).inserted { fields.append(field) }
            }
        }
        return fields
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
        var fields = dataFields() + hiveFields
        if let needed { fields = fields.filter { needed.contains($0.name) } }
        return fields.map { field in
            var field = field
            field.nullable = true
            return field
        }
    }

    /// A batch of `target`'s columns for `rows` rows of part `part`: file columns as read, Hive
    /// columns repeated from the manifest, nulls for columns the part does not have.
    private func assemble(_ target: [Field], file: RecordBatch?, part: Int, rows: Int) throws -> RecordBatch {
        var columns: [Column] = []
        columns.reserveCapacity(target.count)
        for field in target {
            var column: Column
            if hiveNames.contains(field.name), let constant = parts.constants?.column(named: field.name) {
                column = constant.gather(Array(repeating: part, count: rows))
            } else if let read = file?.column(named: field.name) {
                guard read.field.type == field.type else {
                    throw BatchConcatenationError(column: field.name, first: field.type, second: read.field.type)
                }
                column = read
            } else {
                column = .nulls(field, count: rows)
            }
            column.field = field
            columns.append(column)
        }
        return RecordBatch(columns: columns)
    }
}
