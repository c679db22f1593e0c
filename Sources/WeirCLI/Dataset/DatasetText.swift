import WeirColumns

/// Text helpers shared by the dataset commands.
enum DatasetText {
    /// Microseconds since 1970 as an ISO 8601 UTC time.
    static func time(_ microseconds: Int64) -> String {
        Value.timestampText(microseconds, unit: .microseconds, utc: true)
    }

    static func strings(_ name: String, _ values: [String?]) -> Column {
        Column(
            field: Field(name, .string), storage: .bytes(ByteArrays(values.map { $0 ?? "" })),
            validity: values.contains(nil) ? values.map { $0 != nil } : nil)
    }
}
