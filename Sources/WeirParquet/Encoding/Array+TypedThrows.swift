extension Array {
    /// `withUnsafeBytes` for a body that throws `ParquetError`, keeping the error typed.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        let result: Result<R, ParquetError> = withUnsafeBytes { buffer in
            do throws(ParquetError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// `withUnsafeMutableBytes` for a body that throws `ParquetError`, keeping the error typed.
    mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(ParquetError) -> R
    ) throws(ParquetError) -> R {
        let result: Result<R, ParquetError> = withUnsafeMutableBytes { buffer in
            do throws(ParquetError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
