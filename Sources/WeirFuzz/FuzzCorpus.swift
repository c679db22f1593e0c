import Foundation

/// The valid files the fuzzer mutates: Parquet files (with their layouts) and CSV files.
public struct FuzzCorpus: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
        /// The layout of a Parquet entry; `nil` for CSV.
        public var layout: ParquetLayout?

        public var isParquet: Bool { layout != nil }

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
            layout = name.hasSuffix(".parquet") ? ParquetLayout(bytes) : nil
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// Every `.parquet` and `.csv` file directly in `directory`, by name.
    public init(directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        entries = try names.filter { $0.hasSuffix(".parquet") || $0.hasSuffix(".csv") }.map { name in
            Entry(name: name, bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
        }
    }
}

/// One mutated file: which corpus entry it came from, what was done to it, and how it is read.
public struct FuzzCase: Sendable {
    public var seed: UInt64
    public var index: Int
    public var source: String
    public var bytes: [UInt8]
    public var note: String
    public var isParquet: Bool
    /// The CSV reading variant (see ``CSVTarget/options(variant:)``).
    public var csvVariant: Int

    /// Case `index` of the run seeded with `seed`: the same on every machine.
    public init(_ corpus: FuzzCorpus, seed: UInt64, index: Int) {
        var random = FuzzRandom(seed: seed, case: index)
        let entry = corpus.entries[random.below(corpus.entries.count)]
        self.seed = seed
        self.index = index
        source = entry.name
        isParquet = entry.isParquet
        csvVariant = random.below(CSVTarget.variants)
        if let layout = entry.layout {
            (bytes, note) = ParquetMutator.mutate(entry.bytes, layout: layout, using: &random)
        } else {
            (bytes, note) = CSVMutator.mutate(entry.bytes, using: &random)
        }
    }

    /// Reads the case in this thread.
    public func run() -> FuzzOutcome {
        isParquet ? ParquetTarget.read(bytes) : CSVTarget.read(bytes, variant: csvVariant)
    }
}
