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
            let keys = Self.keys(of: times, codes: batch.columns[timeIndex].dictionary, grid: grid)
            // The time's dictionary codes have served: the keys stand for them from here on.
            var columns = batch.columns
            columns[timeIndex].dictionary = nil
            columns.append(Column(field: schema.fields.last!, storage: .int64(keys)))
            return RecordBatch(schema: schema, columns: columns)
        }
        return nil
    }

    /// The bucket keys of `times`: through the dictionary when the column has one (a key a distinct
    /// time, then one lookup a row), else one division a row.
    static func keys(of times: [Int64], codes: DictionaryCodes?, grid: BucketGrid) -> [Int64] {
        guard let codes, case .int64(let entries) = codes.values, entries.count < times.count else {
            return grid.keys(times)
        }
        let entryKeys = grid.keys(entries)
        return [Int64](unsafeUninitializedCapacity: times.count) { keys, initialized in
            entryKeys.withUnsafeBufferPointer { entryKeys in
                codes.codes.withUnsafeBufferPointer { codes in
                    for row in 0..<codes.count { keys[row] = entryKeys[Int(codes[row])] }
                }
            }
            initialized = times.count
        }
    }
}
