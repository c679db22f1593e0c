/// Messages shared by the prologue and the chunk parsers, so one problem reads the same
/// wherever it is found.
enum CSVMessages {
    static let unterminatedQuote =
        "The quoted field has no closing quote before the end of the file. Close the quote, and write quotes inside a "
        + "quoted field twice (\"\")."

    static func recordTooLong(limit: Int) -> String {
        "The record is longer than the limit of \(limit) bytes. Look for an unterminated quote or missing line breaks, "
            + "or raise the limit."
    }
}
