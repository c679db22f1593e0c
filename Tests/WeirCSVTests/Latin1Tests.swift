import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// Text in Windows-1252 / Latin-1, as Windows instruments write it, converted to UTF-8 on reading.
@Suite struct Latin1Tests {
    /// `# Unit: µA` / `i_µA,note` / `1,25 °C` / `2,€ 5` in Windows-1252 bytes.
    private static let bytes: [UInt8] =
        Array("# Unit: ".utf8) + [0xB5] + Array("A\ni_".utf8) + [0xB5] + Array("A,note\n1,25 ".utf8) + [0xB0]
        + Array("C\n2,".utf8) + [0x80] + Array(" 5\n".utf8)

    @Test func namesMetadataAndValuesBecomeUTF8() {
        let outcome = CSVTest.read(bytes: Self.bytes, CSVTest.options { $0.latin1 = true })
        #expect(outcome.columns == ["i_µA", "note"])
        #expect(outcome.metadata == ["1: Unit=µA"])
        #expect(outcome.types == ["int64", "string"])
        #expect(outcome.rows == [["1", "25 °C"], ["2", "€ 5"]])
    }

    @Test func readAsUTF8TheFileIsRefusedWithTheWayOut() {
        let outcome = CSVTest.read(bytes: Self.bytes)
        #expect(
            outcome.error?.hasSuffix(
                "The column name is not valid UTF-8. Convert the file to UTF-8, or read it as Latin-1 (Windows-1252).")
                == true, "\(outcome)")
    }

    @Test func everyByteMapsToItsWindows1252Character() {
        let all = (UInt8(0x20)...UInt8(0xFF)).map { $0 }
        let text = all.withUnsafeBufferPointer { Windows1252.string($0.baseAddress!, $0.count) }
        #expect(text.unicodeScalars.count == all.count)
        #expect(Array(text.unicodeScalars)[0x80 - 0x20] == "€")
        #expect(Array(text.unicodeScalars)[0x99 - 0x20] == "™")
        #expect(Array(text.unicodeScalars)[0xE9 - 0x20] == "é")
        #expect(Array(text.unicodeScalars)[0xFF - 0x20] == "ÿ")
    }
}
