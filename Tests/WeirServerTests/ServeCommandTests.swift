import Foundation
import Testing
import WeirTestSupport

@Suite("weir serve")
struct ServeCommandTests {
    @Test func itServesTheAPIOnLoopbackByDefault() async throws {
        let fixture = try ServerFixture.simple()
        let server = try ServeProcess(root: fixture.project.root)
        #expect(server.url.hasPrefix("http://127.0.0.1:"))
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())",
                server.url + "/api/status",
            ])
        let errors = server.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let cli = try fixture.project.weir("status", "--json")
        #expect(result.stdout == cli.stdout + "\n")
        #expect(!errors.contains("warning"))
    }

    @Test func aHostBeyondLoopbackIsWarnedAbout() async throws {
        let fixture = try ServerFixture.simple()
        let server = try ServeProcess(root: fixture.project.root, arguments: ["--host", "0.0.0.0"])
        let errors = server.stop()
        #expect(errors.contains("warning: listening on '0.0.0.0'"))
    }

    @Test func anInvalidPortIsAUsageError() throws {
        let fixture = try ServerFixture.simple()
        let result = try fixture.project.weir("serve", "--port", "70000")
        #expect(result.status == 2)
        #expect(result.stderr.contains("The value '70000' is invalid for '--port <port>'"))
    }
}
