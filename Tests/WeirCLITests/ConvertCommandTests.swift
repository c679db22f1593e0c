import Foundation
import Testing
import WeirTestSupport

@Suite struct ConvertCommandTests {
    private func pyarrow(_ script: String, _ arguments: [String]) throws -> String {
        let result = try TestEnvironment.python("import sys, pyarrow.parquet as pq\n" + script, arguments)
        #expect(result.stderr == "")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func manyFilesAndGlobsMirrorTheirFoldersInTheOutput() throws {
        let folder = try TemporaryDirectory()
        try folder.write("raw/2025-09-01/Encap1_IV_0.csv", "# Procedure: IV\nvsd_v,i_a\n1.5,2e-7\n")
        try folder.write("raw/2025-09-02/Bare2_IVg_1.csv", "vg_v,i_a\n-1,3e-7\n0,4e-7\n")
        try folder.write("raw/notes.txt", "not a csv")
        let result = try TestEnvironment.weir(
            ["convert", folder.path + "/raw/**/*.csv", folder.path + "/out", "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Converted 2 files (3 rows, "))
        let counts = try pyarrow(
            "import glob\nfor p in sorted(glob.glob(sys.argv[1] + '/**/*.parquet', recursive=True)):\n"
                + "    t = pq.read_table(p); print(p[len(sys.argv[1]):], t.num_rows, t.schema.metadata)",
            [folder.path + "/out"])
        #expect(
            counts
                == "/2025-09-01/Encap1_IV_0.parquet 1 {b'Procedure': b'IV'}\n/2025-09-02/Bare2_IVg_1.parquet 2 None")
    }

    @Test func aDecimalCommaFileConvertsToDoubles() throws {
        let folder = try TemporaryDirectory()
        try folder.write("eu.csv", "v;i_a\n1,5;-2,25e-6\n")
        let result = try TestEnvironment.weir(
            ["convert", folder.path + "/eu.csv", folder.path + "/eu.parquet", "--delimiter", ";", "--decimal-comma"])
        #expect(result.status == 0, "\(result.stderr)")
        let values = try pyarrow(
            "t = pq.read_table(sys.argv[1]); print(t.schema.types, t.to_pylist())", [folder.path + "/eu.parquet"])
        #expect(values == "[DataType(double), DataType(double)] [{'v': 1.5, 'i_a': -2.25e-06}]")
    }

    @Test func aLatin1FileConvertsToUTF8() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/w.csv"
        try Data(Array("t,unit\n1,".utf8) + [0xB0] + Array("C\n".utf8)).write(to: URL(fileURLWithPath: path))
        let result = try TestEnvironment.weir(["convert", path, folder.path + "/w.parquet", "--encoding", "latin1"])
        #expect(result.status == 0, "\(result.stderr)")
        let values = try pyarrow("print(pq.read_table(sys.argv[1]).to_pylist())", [folder.path + "/w.parquet"])
        #expect(values == "[{'t': 1, 'unit': '°C'}]")
        let refused = try TestEnvironment.weir(["convert", path, folder.path + "/x.parquet", "--encoding", "ebcdic"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("The value 'ebcdic' is invalid for '--encoding <name>'"), "\(refused.stderr)")
    }

    @Test func aFolderInputConvertsEveryCSVBelowIt() throws {
        let folder = try TemporaryDirectory()
        try folder.write("raw/a.csv", "x\n1\n")
        try folder.write("raw/sub/b.csv", "x\n2\n")
        let result = try TestEnvironment.weir(["convert", folder.path + "/raw", folder.path + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/a.parquet"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/sub/b.parquet"))
    }

    @Test func badRowsGoToTheRejectsFileAndTheRestConverts() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", "a,b\n1,2\n3,4,5\n\"6,7\nx,8\n9,10\n")
        let output = folder.file("out.parquet").path
        let rejects = folder.file("rejects.csv").path
        let result = try TestEnvironment.weir(
            [
                "convert", input.path, output, "--rejects", rejects, "--schema",
                try schemaFile(folder, "a: int32\n").path,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Set aside 3 bad rows in '\(rejects)'."))
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        let path = input.path
        let quote = "\""
        let expected = [
            "file,line,column,column_name,byte_offset,reason,text",
            "\(path),3,3,,12,\"The row has 3 fields but the header has 2. Quote values that contain the delimiter "
                + "',', or remove the extra fields.\",\"3,4,5\"",
            "\(path),4,1,a,14,\"The quoted field has no closing quote before the end of the file. Close the quote, and "
                + "write quotes inside a quoted field twice (\(quote)\(quote)\(quote)\(quote)).\","
                + "\(quote)\(quote)\(quote)6,7\(quote)",
            "\(path),5,1,a,19,\"The value 'x' does not fit the column's type int32. Fix the value, or declare the "
                + "column as 'string'.\",\"x,8\"",
        ]
        #expect(written == expected.joined(separator: "\n") + "\n")
        #expect(
            try pyarrow("print(pq.read_table(sys.argv[1]).to_pylist())", [output])
                == "[{'a': 1, 'b': 2}, {'a': 9, 'b': 10}]")
    }

    @Test func theFirstBadRowFailsTheFileWithItsLocation() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", "a,b\n1,2\n3,4,5\n")
        let output = folder.file("out.parquet").path
        let result = try TestEnvironment.weir(["convert", input.path, output])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasSuffix(
                "error: '\(input.path)': line 3, column 3, byte 12: The row has 3 fields but the header has 2. Quote "
                    + "values that contain the delimiter ',', or remove the extra fields.\n"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func otherFilesConvertWhenOneFails() throws {
        let folder = try TemporaryDirectory()
        try folder.write("raw/good.csv", "a\n1\n")
        try folder.write("raw/empty.csv", "")
        let result = try TestEnvironment.weir(["convert", folder.path + "/raw/*.csv", folder.path + "/out"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Converted 1 file (1 rows, "))
        #expect(result.stdout.contains("1 file failed."))
        #expect(
            result.stderr.contains(
                "error: '\(folder.path)/raw/empty.csv': The file is empty: it has no header and no rows. Check that it "
                    + "was written completely."))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/good.parquet"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/empty.parquet"))
    }

    @Test func declaredTypesDialectAndNullsAreHonoured() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.tsv", "1\t2024-01-01 10:00:00.5\t-\n2\t2024-01-02 11:00:00\tx\n")
        let schema = try schemaFile(folder, "# declared\ncolumn_1: int16\ncolumn_2: timestamp[ms, UTC]\n")
        let output = folder.file("out.parquet").path
        let result = try TestEnvironment.weir([
            "convert", input.path, output, "--delimiter", "tab", "--no-header", "--null", "-", "--schema", schema.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try pyarrow(
                "t = pq.read_table(sys.argv[1]); print(t.schema.types); print(t.column(2).to_pylist())", [output])
                == "[DataType(int16), TimestampType(timestamp[ms, tz=UTC]), DataType(string)]\n[None, 'x']")
    }

    @Test(arguments: [
        (["convert", "only-one"], "Missing input or output. Please provide at least one INPUT and the OUTPUT."),
        (
            ["convert", "/nonexistent/in.csv", "/tmp/x"],
            "The input '/nonexistent/in.csv' does not exist. Please check the path."
        ),
        (
            ["convert", "/nonexistent/*.csv", "/tmp/x"],
            "The pattern '/nonexistent/*.csv' matches no file. Please check the pattern and quote it."
        ),
        (
            ["convert", "a.csv", "b.parquet", "--delimiter", "ab"],
            "The value 'ab' is invalid for '--delimiter <char>'. Please provide one ASCII character or 'tab'."
        ),
        (["convert", "a.csv", "b.parquet", "--codec", "lzo"], "The value 'lzo' is invalid for '--codec <codec>'"),
    ])
    func usageErrorsExitWithStatusTwo(_ arguments: [String], _ message: String) throws {
        let result = try TestEnvironment.weir(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aSchemaWithAnUnknownTypeIsAUsageError() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", "a\n1\n")
        let schema = try schemaFile(folder, "a: integer\nb: money\n")
        let result = try TestEnvironment.weir([
            "convert", input.path, folder.file("o.parquet").path, "--schema", schema.path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "'\(schema.path)': line 2: The type 'money' of column 'b' is unknown. Use one of 'bool', 'int32', "
                    + "'int64', 'double', 'string', 'date', 'timestamp[ms]', 'timestamp[us, UTC]' or 'decimal(10,2)'."))
    }

    @Test func twoInputsThatWouldShareAnOutputAreRefused() throws {
        let folder = try TemporaryDirectory()
        let first = try folder.write("a/x.csv", "a\n1\n")
        let second = try folder.write("b/x.csv", "a\n1\n")
        let result = try TestEnvironment.weir(["convert", first.path, second.path, folder.file("out").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("would both be written to '\(folder.path)/out/x.parquet'"))
    }

    private func schemaFile(_ folder: TemporaryDirectory, _ text: String) throws -> URL {
        try folder.write("schema.txt", text)
    }
}
