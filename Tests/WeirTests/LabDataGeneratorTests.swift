import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct LabDataGeneratorTests {
    @Test func writesTheSameFolderForTheSameSeed() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let written = try LabDataGenerator(files: 20, rows: 10, badFraction: 0.3).write(to: first.path)
        try LabDataGenerator(files: 20, rows: 10, badFraction: 0.3).write(to: second.path)
        #expect(written.count == 20)
        #expect(written.contains { $0.defect != nil })
        for file in written {
            let a = try Data(contentsOf: first.file(file.relativePath))
            let b = try Data(contentsOf: second.file(file.relativePath))
            #expect(a == b)
        }
    }

    @Test func goodFilesMatchTheLabPatternAndCarryTheirMetadata() throws {
        let root = try TemporaryDirectory()
        let written = try LabDataGenerator(files: 10, rows: 5).write(to: root.path)
        let pattern = try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv")
        for file in written {
            #expect(file.defect == nil)
            let fields = try pattern.match(file.relativePath).get()
            let text = try String(contentsOf: root.file(file.relativePath), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            let metadata = Dictionary(uniqueKeysWithValues: HeaderMetadata.parse(lines: lines).map { ($0.key, $0.value) })
            #expect(metadata["chip_number"].map { "\($0)" } == fields["chip"].map { "int(\($0))" })
            #expect(metadata["procedure"] == fields["proc"].map { .string($0.description) })
            let samples = lines.drop { $0.hasPrefix("#") }.dropFirst()
            #expect(samples.count == file.rows)
        }
    }
}
