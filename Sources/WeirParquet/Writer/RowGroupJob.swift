import Dispatch
import WeirColumns

/// A row group encoding (and the row group before it being written to the file), on a background
/// queue while the caller goes on producing rows, or on the caller's thread (helped by the other
/// cores) when the caller would only wait for it.
final class RowGroupJob: @unchecked Sendable {
    let ordinal: Int
    let rows: Int
    private let done = DispatchGroup()
    // Written once by the background task before it leaves `done`; read only after `done.wait()`.
    private var result: Result<[EncodedChunk], ParquetError>?

    init(
        ordinal: Int,
        rows: Int,
        encoder: RowGroupEncoder,
        segments: [[(column: Column, rows: Range<Int>)]],
        writing previous: [[UInt8]],
        to file: FileSink,
        inBackground: Bool
    ) {
        self.ordinal = ordinal
        self.rows = rows
        guard inBackground else {
            do throws(ParquetError) {
                result = .success(try encoder.encode(segments, writing: previous, to: file))
            } catch {
                result = .failure(error)
            }
            return
        }
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do throws(ParquetError) {
                result = .success(try encoder.encode(segments, writing: previous, to: file))
            } catch {
                result = .failure(error)
            }
            done.leave()
        }
    }

    /// Waits for the encoding and returns the column chunks in schema order.
    /// - Throws: the encoding's `ParquetError`, located at this row group.
    func chunks() throws(ParquetError) -> [EncodedChunk] {
        done.wait()
        guard let result else { preconditionFailure("a row group job finished without a result") }
        do throws(ParquetError) {
            return try result.get()
        } catch {
            var located = error
            located.location = "row group \(ordinal)" + (error.location.map { ", " + $0 } ?? "")
            throw located
        }
    }

    /// Waits for the encoding, whatever its outcome.
    func finish() {
        done.wait()
    }
}
