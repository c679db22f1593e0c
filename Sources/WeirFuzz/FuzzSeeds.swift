import Foundation
import WeirColumns
import WeirCompression
import WeirParquet

/// Valid files made here, for the corpus: Parquet files from Weir's own writer with several
/// codecs, encodings and page sizes, and CSV files shaped like a lab's instrument dumps and
/// like hand-made tables with quotes, dates and nulls.
public enum FuzzSeeds {
    /// Every seed file, named by what it holds.
    public static func entries() throws -> [FuzzCorpus.Entry] {
        try parquetEntries() + csvEntries()
    }

    /// Weir-written Parquet files of a 60-row table with nulls, in row groups of 30.
    public static func parquetEntries() throws -> [FuzzCorpus.Entry] {
        let batch = table(rows: 60)
        var variants: [(String, ParquetWriterOptions)] = []
        for (name, codec, dictionary) in [
            ("weir_snappy_dict", CompressionCodec.snappy, true), ("weir_zstd_plain", .zstd, false),
            ("weir_gzip_dict", .gzip, true), ("weir_none_plain", .uncompressed, false),
        ] {
            var options = ParquetWriterOptions()
            options.codec = codec
            options.dictionary = dictionary
            options.rowGroupRows = 30
            options.dataPageSize = 256
            options.syncOnClose = false
            options.parallel = false
            variants.append((name, options))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weir-fuzz-seeds-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try variants.compactMap { name, options in
            // A codec whose library is missing (ZSTD is loaded at run time) leaves its file out.
            guard Compression.isAvailable(options.codec) else { return nil }
            let path = folder.appendingPathComponent(name + ".parquet").path
            let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
            try writer.write(batch)
            _ = try writer.close()
            return FuzzCorpus.Entry(
                name: name + ".parquet", bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }

    static func table(rows: Int) -> RecordBatch {
        var random = FuzzRandom(seed: 7)
        let present = (0..<rows).map { $0 % 7 != 3 }
        let words = ["IV", "IVg", "ITS", "dark", "µA", "", "a,b", "quote\"d"]
        func column(_ name: String, _ type: ColumnType, _ storage: ColumnStorage, nullable: Bool = false) -> Column {
            Column(field: Field(name, type, nullable: nullable), storage: storage, validity: nullable ? present : nil)
        }
        return RecordBatch(
            columns: [
                column("i32", .int32, .int32((0..<rows).map { Int32($0 * 37 - 900) })),
                column(
                    "i64", .int64, .int64((0..<rows).map { _ in Int64(bitPattern: random.next()) >> 20 }),
                    nullable: true),
                column("u8", .uint8, .int32((0..<rows).map { Int32($0 % 256) })),
                column("f64", .float64, .double((0..<rows).map { Double($0) * 1e-6 - 3e-5 }), nullable: true),
                column("f32", .float32, .float((0..<rows).map { Float($0) / 3 })),
                column("flag", .boolean, .boolean((0..<rows).map { $0 % 3 == 0 }), nullable: true),
                column("proc", .string, .bytes(ByteArrays((0..<rows).map { words[$0 % words.count] })), nullable: true),
                column("day", .date, .int32((0..<rows).map { Int32(20_000 + $0) })),
                column(
                    "at", .timestamp(unit: .milliseconds, utc: true),
                    .int64((0..<rows).map { 1_760_000_000_000 + Int64($0) * 100 })),
                column(
                    "volts", .decimal(precision: 9, scale: 3), .int32((0..<rows).map { Int32($0 * 1_001 - 20_000) })),
                column(
                    "big", .decimal(precision: 30, scale: 5),
                    .fixedBytes(width: 13, data: (0..<(rows * 13)).map { $0 % 13 == 0 ? 0 : UInt8($0 % 251) })),
            ] + nestedColumns(rows: rows, words: words))
    }

    /// A list of integers, a struct holding a list of words and a map, with nulls and empty
    /// lists, so that the nested writer's levels are in the corpus too.
    static func nestedColumns(rows: Int, words: [String]) -> [Column] {
        func offsets(_ count: (Int) -> Int) -> [Int] {
            var result = [0]
            for row in 0..<rows { result.append(result.last! + count(row)) }
            return result
        }
        let listOffsets = offsets { $0 % 10 == 3 ? 0 : $0 % 4 }
        let listValues = (0..<rows).flatMap { row in
            (0..<(listOffsets[row + 1] - listOffsets[row])).map { Int64($0 * row) }
        }
        let list = Column(
            field: Field("l", .list(Field("element", .int64))),
            storage: .list(
                offsets: listOffsets,
                elements: Column(field: Field("element", .int64), storage: .int64(listValues))),
            validity: (0..<rows).map { $0 % 10 != 3 })

        let tagField = Field("tags", .list(Field("element", .string, nullable: false)))
        let tagOffsets = offsets { $0 % 3 }
        let tags = Column(
            field: tagField,
            storage: .list(
                offsets: tagOffsets,
                elements: Column(
                    field: Field("element", .string, nullable: false),
                    storage: .bytes(ByteArrays((0..<tagOffsets[rows]).map { words[$0 % words.count] })))))
        let x = Column(field: Field("x", .float64), storage: .double((0..<rows).map { Double($0) / 3 }))
        let point = Column(
            field: Field("p", .structure([x.field, tagField])), storage: .structure(count: rows, fields: [x, tags]),
            validity: (0..<rows).map { $0 % 9 != 4 })

        let mapOffsets = offsets { $0 % 3 }
        let entries = mapOffsets[rows]
        let keyField = Field("key", .string, nullable: false)
        let valueField = Field("value", .int32)
        let map = Column(
            field: Field("m", .map(key: keyField, value: valueField)),
            storage: .map(
                offsets: mapOffsets,
                keys: Column(field: keyField, storage: .bytes(ByteArrays((0..<entries).map { "k\($0 % 5)" }))),
                values: Column(
                    field: valueField, storage: .int32((0..<entries).map { Int32($0) }),
                    validity: (0..<entries).map { $0 % 4 != 1 })))
        return [list, point, map]
    }

    /// CSV files: two lab dumps (a `#` metadata block, then numbers), a table of every inferable
    /// type with quotes, embedded line breaks and nulls, and a semicolon file with CRLF lines.
    public static func csvEntries() -> [FuzzCorpus.Entry] {
        var random = FuzzRandom(seed: 11)
        func lab(_ procedure: String, columns: [String], rows: Int) -> String {
            var text = "# Procedure: \(procedure)\n# Chip group: Encap\n# Chip number: 42\n"
            text += "# Start time: 2025-09-03 08:15:00\n# Laser wavelength: 455 nm\n# Data:\n"
            text += columns.joined(separator: ",") + "\n"
            for row in 0..<rows {
                let x = -5 + 10 * Double(row) / Double(max(rows - 1, 1))
                var fields = ["\(x)", "\(Double(Int64(random.below(2_000_000)) - 1_000_000) * 1e-12)"]
                if columns.count == 3 { fields.append("\(Double(random.below(5_000)) / 1_000)") }
                text += fields.joined(separator: ",") + "\n"
            }
            return text
        }
        var mixed = "id,name,when,day,ok,amount,note\n"
        for row in 0..<40 {
            let name = row % 5 == 0 ? "\"Smith, J\"" : (row % 7 == 0 ? "\"line\nbreak\"" : "chip\(row)")
            let when = "2025-10-\(10 + row % 18)T0\(row % 10):30:0\(row % 6)Z"
            let ok = row % 4 == 0 ? "" : (row % 2 == 0 ? "true" : "false")
            let note = row % 3 == 0 ? "NA" : "\"said \"\"hi\"\"\""
            mixed += "\(row),\(name),\(when),2025-01-\(10 + row % 20),\(ok),\(Double(row) * 1.25 - 7),\(note)\n"
        }
        var semicolons = "t;station;temp_c\r\n"
        for row in 0..<30 { semicolons += "\(row * 60);st\(row % 3);\(Double(row % 17) - 4.5)\r\n" }
        return [
            FuzzCorpus.Entry(name: "lab_ivg.csv", bytes: Array(lab("IVg", columns: ["vg_v", "i_a"], rows: 50).utf8)),
            FuzzCorpus.Entry(
                name: "lab_its.csv", bytes: Array(lab("ITS", columns: ["t_s", "i_a", "vl_v"], rows: 40).utf8)),
            FuzzCorpus.Entry(name: "mixed_types.csv", bytes: Array(mixed.utf8)),
            FuzzCorpus.Entry(name: "semicolon_crlf.csv", bytes: Array(semicolons.utf8)),
        ]
    }
}
