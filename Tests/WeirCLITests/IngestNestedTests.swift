import Foundation
import Testing
import Weir
import WeirTestSupport

/// Parquet sources with nested columns (lists, structs, maps): staged as nested columns, their
/// types checked across files like flat ones.
@Suite struct IngestNestedTests {
    static let yaml = """
        stages:
          readings:
            kind: ingest
            source: raw
            pattern: "{station}_{day}.parquet"
            partition_by: [station]
            out: data/readings

        """

    /// Writes the sources: `A_1` as pyarrow writes by default, `B_1` with elements that may not
    /// be null and narrower map values, `C_1` with a list of numbers where the others have text.
    static let sources = """
        import sys, pyarrow as pa, pyarrow.parquet as pq
        raw = sys.argv[1]
        position = pa.struct([("x", pa.float64()), ("y", pa.float64())])
        a = pa.table({
            "t": pa.array([1, 2, 3], pa.int64()),
            "tags": pa.array([["wind", None], [], None]),
            "pos": pa.array([{"x": 1.5, "y": None}, None, {"x": -2.0, "y": 4.0}], position),
            "counts": pa.array([[("n", 1)], None, [("n", 2), ("m", None)]], pa.map_(pa.string(), pa.int32())),
        })
        pq.write_table(a, raw + "/A_1.parquet")
        strict = pa.list_(pa.field("element", pa.string(), nullable=False))
        b = pa.table({
            "t": pa.array([4], pa.int64()),
            "tags": pa.array([["rain"]], strict),
            "pos": pa.array([{"x": 0.25, "y": 0.5}], position),
            "counts": pa.array([[("k", 7)]], pa.map_(pa.string(), pa.int16())),
        })
        pq.write_table(b, raw + "/B_1.parquet")
        if len(sys.argv) > 2:
            c = pa.table({"t": pa.array([5], pa.int64()), "tags": pa.array([[1, 2]], pa.list_(pa.int64()))})
            pq.write_table(c, raw + "/C_1.parquet")
        """

    @Test func nestedColumnsAreStagedAndReadBack() throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/raw", withIntermediateDirectories: true)
        let made = try TestEnvironment.python(Self.sources, [project.root + "/raw"])
        try #require(made.status == 0, "\(made.stderr)")
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/readings/_manifest/manifest.parquet")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.status == .staged }, "\(rows.map(\.reason))")

        let query = try project.weir(
            "query", "data/readings", "--select", "t,tags,pos,counts", "--order-by", "t", "--format", "jsonl")
        #expect(query.status == 0, "\(query.stderr)")
        #expect(
            query.stdout == """
                {"t":1,"tags":["wind",null],"pos":{"x":1.5,"y":null},"counts":[{"key":"n","value":1}]}
                {"t":2,"tags":[],"pos":null,"counts":null}
                {"t":3,"tags":null,"pos":{"x":-2.0,"y":4.0},"counts":[{"key":"n","value":2},{"key":"m","value":null}]}
                {"t":4,"tags":["rain"],"pos":{"x":0.25,"y":0.5},"counts":[{"key":"k","value":7}]}

                """)

        // The dataset's schema names the nested types; B's strict elements and narrower values
        // widen into A's.
        let show = try project.weir("dataset", "show", "data/readings", "--json")
        #expect(show.status == 0, "\(show.stderr)")
        let text = show.stdout
        #expect(text.contains("\"list<string>\""), "\(text)")
        #expect(text.contains("\"struct<x: double, y: double>\""), "\(text)")
        #expect(text.contains("\"map<string, int32>\""), "\(text)")

        // pyarrow reads the staged parts with the same nested types.
        let check = try TestEnvironment.python(
            """
            import sys, glob, pyarrow.parquet as pq
            for path in sorted(glob.glob(sys.argv[1] + "/data/readings/**/*.parquet", recursive=True)):
                if "_manifest" in path: continue
                schema = pq.read_schema(path)
                print(schema.field("tags").type, schema.field("counts").type)
            """, [project.root])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("list<element: string>"), "\(check.stdout)")
        #expect(check.stdout.contains("map<string, int"), "\(check.stdout)")
    }

    @Test func aNestedTypeThatDiffersIsRejectedNamingBoth() throws {
        let project = try PipelineFixture(["weir.yaml": Self.yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/raw", withIntermediateDirectories: true)
        let made = try TestEnvironment.python(Self.sources, [project.root + "/raw", "conflict"])
        try #require(made.status == 0, "\(made.stderr)")
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/readings/_manifest/manifest.parquet")
        let byPath = Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0) })
        #expect(byPath["A_1.parquet"]?.status == .staged)
        #expect(
            byPath["C_1.parquet"]?.reason
                == "The file cannot be staged: its column 'tags' is list<int64> but list<string> in the dataset's "
                + "schema. Convert the column in the file, or declare its type in the stage's 'schema' if the "
                + "dataset should change.")
    }
}
