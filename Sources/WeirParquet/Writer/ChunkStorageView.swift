import WeirColumns

/// Borrowed pointers into a column's storage, for the encoders' loops.
enum ChunkStorageView {
    case boolean(UnsafeBufferPointer<Bool>)
    case int32(UnsafeBufferPointer<Int32>)
    case int64(UnsafeBufferPointer<Int64>)
    case float(UnsafeBufferPointer<Float>)
    case double(UnsafeBufferPointer<Double>)
    /// `offsets` has one entry more than there are values and indexes into `data`.
    case bytes(offsets: UnsafeBufferPointer<Int>, data: UnsafeRawBufferPointer)
    case fixedBytes(width: Int, data: UnsafeRawBufferPointer)
}

extension ChunkData {
    /// Calls `body` with pointers to the storage and to the validity flags (`nil` when no row is
    /// null); both cover the whole storage, of which the chunk uses `rows`.
    func withView<R>(
        _ body: (ChunkStorageView, UnsafeBufferPointer<Bool>?) throws(ParquetError) -> R
    ) throws(ParquetError) -> R {
        let result: Result<R, ParquetError> = withValidity { validity in
            func run(_ view: ChunkStorageView) -> Result<R, ParquetError> {
                do throws(ParquetError) {
                    return .success(try body(view, validity))
                } catch {
                    return .failure(error)
                }
            }
            switch storage {
            case .boolean(let values): return values.withUnsafeBufferPointer { run(.boolean($0)) }
            case .int32(let values): return values.withUnsafeBufferPointer { run(.int32($0)) }
            case .int64(let values): return values.withUnsafeBufferPointer { run(.int64($0)) }
            case .float(let values): return values.withUnsafeBufferPointer { run(.float($0)) }
            case .double(let values): return values.withUnsafeBufferPointer { run(.double($0)) }
            case .bytes(let values):
                return values.offsets.withUnsafeBufferPointer { offsets in
                    values.data.withUnsafeBytes { run(.bytes(offsets: offsets, data: $0)) }
                }
            case .fixedBytes(let width, let data):
                return data.withUnsafeBytes { run(.fixedBytes(width: width, data: $0)) }
            case .list, .structure, .map:
                return .failure(ParquetError(.invalidArgument, "A nested column cannot be written as one flat chunk."))
            }
        }
        return try result.get()
    }

    private func withValidity<R>(_ body: (UnsafeBufferPointer<Bool>?) -> R) -> R {
        if let validity { return validity.withUnsafeBufferPointer { body($0) } }
        return body(nil)
    }
}
