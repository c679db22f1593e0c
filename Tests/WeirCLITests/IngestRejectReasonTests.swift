import Foundation
import Testing
import Weir
import WeirTestSupport

/// Every reason a file is rejected, through the binary: one raw file per reason, one batch, and
/// each manifest row says why, where and how to fix it, while the good file is staged.
@Suite struct IngestRejectReasonTests {
    static let yaml = LabIngestYAML.text(
        extra: "required: [start_time]\n    schemas:\n      IVg: {vg_v: double, i_a: double}\n    schema_key: proc")

    static let meta = "# Procedure: IV\n# Start time: 2025-09-01 10:00:00\n"

    /// File name → (content, the start of the expected reason). `nil` content: written as bytes below.
    static let cases: [(name: String, text: String, reason: String)] = [
        ("Good1_IV_1.csv", meta + "vsd_v,i_a\n1,2\n3,4\n", ""),
        ("Empty2_IV_2.csv", "", "'2025-09-01/Empty2_IV_2.csv': The file is empty"),
        ("HeaderOnly3_IV_3.csv", meta + "vsd_v,i_a\n", "The file cannot be staged: it has a header but no data rows."),
        (
            "Ragged4_IV_4.csv", meta + "vsd_v,i_a\n1,2\n3,4,5\n",
            "'2025-09-01/Ragged4_IV_4.csv': line 5, column 3, byte 68: The row has 3 fields but the header has 2."
        ),
        (
            "Quote5_IV_5.csv", meta + "vsd_v,i_a\n1,2\n\"3,4\n",
            "'2025-09-01/Quote5_IV_5.csv': line 5, column 1 ('vsd_v'), byte 64: The quoted field has no closing quote"
        ),
        (
            "AfterQuote6_IV_6.csv", meta + "vsd_v,i_a\n\"1\"x,2\n",
            "'2025-09-01/AfterQuote6_IV_6.csv': line 4, column 1 ('vsd_v'), byte 63: The closing quote of a field is followed by 'x'"
        ),
        (
            "NoHeader7_IV_7.csv", meta + "-1.5,2.5e-07\n1.5,3.5e-07\n",
            "'2025-09-01/NoHeader7_IV_7.csv': line 3, byte 50: The first line looks like data, not a header"
        ),
        (
            "NoMeta8_IV_8.csv", "vsd_v,i_a\n1,2\n",
            "The file cannot be staged: it has no '# Key: value' metadata lines"
        ),
        (
            "NoStart9_IV_9.csv", "# Procedure: IV\nvsd_v,i_a\n1,2\n",
            "The file cannot be staged: it has no value for the required field 'start_time'"
        ),
        (
            "Stray10_IV_10.csv",
            meta + "vsd_v,i_a\n" + (0..<1_500).map { "\($0),\($0 == 700 ? "oops" : "1.5e-07")" }.joined(separator: "\n")
                + "\n",
            "'2025-09-01/Stray10_IV_10.csv': line 704, column 2 ('i_a'), byte 8354: The value 'oops' does not fit the column's type double. The column's other values are numbers"
        ),
        (
            "Schema11_IVg_11.csv", "# Procedure: IVg\n# Start time: 2025-09-01 10:00:00\nvg_v,current\n1,2\n",
            "'2025-09-01/Schema11_IVg_11.csv': The schema declares column 'i_a', which the file does not have"
        ),
        (
            "Clash12_IV_12.csv", meta + "proc,i_a\nIV,2\n",
            "The file cannot be staged: its column 'proc' has the name of a partition folder level"
        ),
        ("scan 13.csv", meta + "vsd_v,i_a\n1,2\n", "The name does not match the pattern: 'scan 13.csv' does not match"),
    ]

    @Test(arguments: StateStoreKind.allCases) func everyRejectReasonIsRecordedAndTheBatchGoesOn(store: StateStoreKind)
        throws
    {
        var files = ["weir.yaml": Self.yaml]
        for item in Self.cases { files["raw/2025-09-01/" + item.name] = item.text }
        let project = try PipelineFixture(files, store: store)
        let day = project.root + "/raw/2025-09-01/"
        let bytes: [(String, [UInt8], String)] = [
            (
                "Latin14_IV_14.csv", Array(Self.meta.utf8) + [0x76, 0xB5, 0x0A, 0x31, 0x0A],
                "'2025-09-01/Latin14_IV_14.csv': line 3, column 1, byte 50: The column name is not valid UTF-8"
            ),
            (
                "Utf16_IV_15.csv", [0xFF, 0xFE, 0x76, 0x00],
                "'2025-09-01/Utf16_IV_15.csv': line 1, byte 0: The file is UTF-16 text"
            ),
            (
                "Gzip16_IV_16.csv", [0x1F, 0x8B, 0x08, 0x00],
                "'2025-09-01/Gzip16_IV_16.csv': line 1, byte 0: The file is gzip-compressed"
            ),
            (
                "Zip17_IV_17.csv", [0x50, 0x4B, 0x03, 0x04, 0x00],
                "'2025-09-01/Zip17_IV_17.csv': line 1, byte 0: The file is a ZIP archive"
            ),
        ]
        for (name, content, _) in bytes {
            try Data(content).write(to: URL(fileURLWithPath: day + name))
        }
        try FileManager.default.createSymbolicLink(atPath: day + "Gone18_IV_18.csv", withDestinationPath: "nowhere.csv")
        try FileManager.default.createSymbolicLink(
            atPath: day + "Dir19_IV_19.csv", withDestinationPath: project.root + "/raw")

        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        let reasons = Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0.reason ?? "") })
        var expected = Self.cases.map { ("2025-09-01/" + $0.name, $0.reason) }
        expected += bytes.map { ("2025-09-01/" + $0.0, $0.2) }
        expected.append(
            ("2025-09-01/Gone18_IV_18.csv", "It is a symbolic link to 'nowhere.csv', which does not exist."))
        expected.append(("2025-09-01/Dir19_IV_19.csv", "It is a symbolic link to the folder"))
        #expect(rows.count == expected.count)
        for (path, reason) in expected {
            let found = try #require(reasons[path], "no row for \(path)")
            if reason.isEmpty {
                #expect(found.isEmpty, "\(path): \(found)")
            } else {
                #expect(found.hasPrefix(reason), "\(path):\n  found:    \(found)\n  expected: \(reason)…")
            }
        }
        #expect(rows.filter { $0.status == .staged }.map(\.sourcePath) == ["2025-09-01/Good1_IV_1.csv"])
        #expect(try project.weir("verify").status == 0)
    }
}
