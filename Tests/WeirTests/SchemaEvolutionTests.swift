import Testing
import WeirColumns

@testable import Weir

@Suite struct SchemaEvolutionTests {
    typealias Files = [SchemaEvolution.FileColumns]

    static func files(_ types: [ColumnType], column: String = "i_a") -> Files {
        types.enumerated().map { .init(path: "f\($0.offset).csv", fields: [Field(column, $0.element)]) }
    }

    @Test func aNewColumnTakesTheTypeOfMostFiles() {
        #expect(SchemaEvolution.choose([.float64, .string, .float64]) == .float64)
        #expect(SchemaEvolution.choose([.int64, .float64, .string]) == .float64)
        #expect(SchemaEvolution.choose([.string, .string, .int64]) == .string)
        // A tie goes to text, which holds any value.
        #expect(SchemaEvolution.choose([.int64, .string]) == .string)
        #expect(SchemaEvolution.choose([.date, .date, .string]) == .date)
    }

    @Test func theFirstBatchCreatesTheSchemaWithoutChanges() {
        let (schema, changes) = SchemaEvolution.settle(
            current: nil, kind: "IV", version: 3, files: Self.files([.int64, .float64]))
        #expect(schema.version == 3)
        #expect(schema.columns == [SchemaColumn(name: "i_a", type: .float64)])
        #expect(changes.isEmpty)
    }

    @Test func laterFilesAddAndWidenColumnsAndBumpTheVersionOnce() {
        let current = KindSchema(kind: nil, version: 1, columns: [SchemaColumn(name: "n", type: .int64)])
        let files: Files = [
            .init(path: "b.csv", fields: [Field("n", .float64), Field("t", .float64)]),
            .init(path: "a.csv", fields: [Field("n", .int64)]),
        ]
        let (schema, changes) = SchemaEvolution.settle(current: current, kind: nil, version: 1, files: files)
        #expect(schema.version == 2)
        #expect(schema.columns == [SchemaColumn(name: "n", type: .float64), SchemaColumn(name: "t", type: .float64)])
        #expect(
            changes == [
                SchemaChange(change: .widened, column: "n", old: "int64", new: "double", file: "b.csv"),
                SchemaChange(change: .added, column: "t", new: "double", file: "b.csv"),
            ])
        // Narrower files change nothing.
        let (same, none) = SchemaEvolution.settle(
            current: schema, kind: nil, version: 1, files: [.init(path: "c.csv", fields: [Field("n", .int32)])])
        #expect(same == schema && none.isEmpty)
    }

    @Test func aFileFitsWidensOrConflicts() {
        let schema = KindSchema(
            kind: nil, version: 1,
            columns: [
                SchemaColumn(name: "d", type: .float64), SchemaColumn(name: "n", type: .int64),
                SchemaColumn(name: "s", type: .string),
            ])
        let fit = SchemaFit(
            fields: [Field("d", .string), Field("n", .float64), Field("s", .int64), Field("new", .date)],
            schema: schema, textReadsAnything: true, file: "x.csv")
        #expect(fit.readAs == ["d": .float64, "s": .string])
        #expect(fit.conflicts == [SchemaFit.Conflict(column: "d", dataset: .float64, file: .string)])
        #expect(fit.changes.map(\.text) == ["widened 'n' int64 → double", "added 'new' (date)"])
        // A Parquet file's numbers are not text.
        let parquet = SchemaFit(
            fields: [Field("s", .int64)], schema: schema, textReadsAnything: false, file: "x.parquet")
        #expect(parquet.conflicts.count == 1)
    }
}
