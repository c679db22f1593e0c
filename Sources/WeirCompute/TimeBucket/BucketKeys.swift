import WeirColumns

/// Adds to each batch the key of each row's time bucket (column `__bucket`), leaving out rows
/// whose time is null: they belong to no bucket.
struct BucketKeys: BatchStream {
    static let column = "__bucket"
    let schema: Schema
    private var input: any BatchStream
    private let timeIndex: Int
    private let grid: BucketGrid

    init(_ input: any BatchStream, timeIndex: Int, grid: BucketGrid) {
        self.input = input
        self.timeIndex = timeIndex
        self.grid = grid
        schema = Schema(input.schema.fields + [Field(Self.column, .int64, nullable: false)])
    }

    mutating func next() throws -> RecordBatch? {
        while var batch = try input.next() {
            if let validity = batch.columns[timeIndex].validity {
                batch = batch.gather(validity.indices.filter { validity[$0] })
            }
            guard batch.rowCount > 0, case .int64(let times) = batch.columns[timeIndex].storage else { continue }
            let keys = grid.keys(times)
            return RecordBatch(
                schema: schema, columns: batch.columns + [Column(field: schema.fields.last!, storage: .int64(keys))])
        }
        return nil
    }
}
