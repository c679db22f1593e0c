/// Keeps the dictionary indices of a column chunk as its pages are decoded, for a caller that
/// asked for ``DictionaryCodes``; gives up for good at the first page that is not
/// dictionary-encoded or the first null, since codes then no longer describe every row.
struct DictionaryCodeRecorder {
    private(set) var codes: [UInt32] = []
    private(set) var abandoned = false

    init(rows: Int) {
        codes.reserveCapacity(rows)
    }

    mutating func append(_ batch: UnsafeBufferPointer<UInt32>) {
        guard !abandoned else { return }
        codes.append(contentsOf: batch)
    }

    mutating func abandon() {
        abandoned = true
        codes = []
    }

    /// The codes when every one of `rows` rows has one.
    func codes(rows: Int) -> [UInt32]? {
        abandoned || codes.count != rows ? nil : codes
    }
}
