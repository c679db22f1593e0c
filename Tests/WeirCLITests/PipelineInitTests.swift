import Foundation
import Testing
import Weir
import WeirTestSupport

/// `weir init` and `weir dag`.
@Suite struct PipelineInitTests {
    @Test func initWritesAStarterThatRuns() throws {
        let folder = try TemporaryDirectory()
        let created = try TestEnvironment.weir(["init", "lab"], in: folder.path)
        #expect(created.status == 0)
        #expect(created.stdout.hasPrefix("Created \(folder.path)/lab/weir.yaml"))
        #expect(try String(contentsOfFile: folder.path + "/lab/.gitignore", encoding: .utf8) == ".weir/\n")
        let run = try TestEnvironment.weir(["run"], in: folder.path + "/lab")
        #expect(run.status == 0)
        #expect(
            try String(contentsOfFile: folder.path + "/lab/build/hello/greeting.txt", encoding: .utf8)
                == "Hello, world!\n")

        let again = try TestEnvironment.weir(["init"], in: folder.path + "/lab")
        #expect(again.status == 2)
        #expect(
            again.stderr
                == "error: '\(folder.path)/lab/weir.yaml' already exists, and 'weir init' does not overwrite it. Edit it, or run 'weir init' in another folder.\n"
        )
    }

    @Test func initKeepsAnExistingGitignore() throws {
        let folder = try TemporaryDirectory()
        try folder.write(".gitignore", "*.tmp")
        #expect(try TestEnvironment.weir(["init"], in: folder.path).status == 0)
        #expect(try String(contentsOfFile: folder.path + "/.gitignore", encoding: .utf8) == "*.tmp\n.weir/\n")
    }

    @Test func commandsOutsideAProjectSaySo() throws {
        let folder = try TemporaryDirectory()
        let result = try TestEnvironment.weir(["status"], in: folder.path)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: No 'weir.yaml' found in '\(folder.path)' or any parent folder. Run 'weir init' to create one, or pass '--project <folder>'.\n"
        )
    }

    @Test func anUnreadablePipelineFileIsAConfigurationError() throws {
        let folder = try TemporaryDirectory()
        try Data([0x73, 0x74, 0xFF, 0xFE, 0x0A]).write(to: folder.file("weir.yaml"))
        let result = try TestEnvironment.weir(["status"], in: folder.path)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: weir.yaml:1:1: The file cannot be read: it is not valid UTF-8. Check that it exists and holds UTF-8 text.\n"
        )
    }

    @Test func dagDrawsTheGraphInEveryFormat() throws {
        let project = try SpecProject.make()
        #expect(
            try project.weir("dag").stdout == """
                clean → build/clean
                  ← raw: data/raw
                  ← script: clean.sh
                features → build/features
                  ← clean: stage clean
                  ← script: features.py

                """)
        let dot = try project.weir("dag", "--format", "dot").stdout
        #expect(dot.hasPrefix("digraph weir {\n"))
        #expect(dot.contains("  \"clean\" -> \"features\" [label=\"clean\"];\n"))
        #expect(dot.contains("  \"data/raw\" -> \"clean\" [label=\"raw\"];\n"))
        let mermaid = try project.weir("dag", "--format", "mermaid").stdout
        #expect(mermaid.hasPrefix("flowchart LR\n  s0[\"clean\"]\n  s1[\"features\"]\n"))
        #expect(mermaid.contains("  s0 -->|clean| s1\n"))
        let json = try JSONValue.parse(try project.weir("dag", "--json").stdout)
        #expect(
            json["stages"]?.arrayFirst?["deps"] == [
                ["name": "raw", "path": "data/raw"], ["name": "script", "path": "clean.sh"],
            ])
        let bad = try project.weir("dag", "--format", "png")
        #expect(bad.status == 2)
    }
}
