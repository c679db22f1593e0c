import Foundation
import Testing
import Weir
import WeirTestSupport

/// The state store on a PostgreSQL server: choosing it, its errors, its lock, and the faults a
/// shared server brings (a terminated connection, a crash and restart, an outage).
@Suite struct PostgresStateTests {
    /// Three stages of about a second each, so that a fault can land while the run goes on.
    static let slowYAML = """
        stages:
          a:
            cmd: touch started; sleep 1; echo ${params.n} > ${out}/a.txt
            params: {n: 1}
            out: build/a
          b:
            cmd: sleep 1; cat ${deps.a}/a.txt > ${out}/b.txt
            deps: {a: stage:a}
            out: build/b
          c:
            cmd: sleep 1; cat ${deps.b}/b.txt > ${out}/c.txt
            deps: {b: stage:b}
            out: build/c

        """

    /// Starts `weir run` in the background in `project` and waits until its first stage started.
    static func startRun(_ project: PipelineFixture, environment: [String: String]? = nil) throws -> (
        Process, Pipe
    ) {
        try? project.remove("started")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
        process.arguments = ["run"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = ProcessInfo.processInfo.environment.merging(environment ?? project.environment) { $1 }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        var waited = 0
        while !project.exists("started") && waited < 1000 && process.isRunning {
            usleep(10_000)
            waited += 1
        }
        return (process, errors)
    }

    static func finish(_ run: (Process, Pipe)) -> (status: Int32, stderr: String) {
        let stderr = String(decoding: run.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.0.waitUntilExit()
        return (run.0.terminationStatus, stderr)
    }

    static func freePort() throws -> Int {
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
            ])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
    }

    /// Ends every session of `database` on the server, as an administrator's `pg_terminate_backend` does.
    static func terminateConnections(of database: String) throws -> Int {
        let killed = try PostgresTestServer.sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)' "
                + "AND pid <> pg_backend_pid()")
        return Int(killed) ?? 0
    }

    @Test func stateInWeirYAMLCreatesTheTablesOnFirstUse() throws {
        let database = try PostgresTestDatabase()
        let project = try PipelineFixture(["weir.yaml": "state: \(database.url)\n" + SpecProject.yaml])
        try project.write("clean.sh", SpecProject.clean)
        try project.write("features.py", SpecProject.features)
        try project.write("data/raw/a.csv", "1,10\n")
        #expect(try database.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0")
        try project.run()
        #expect(!project.exists(".weir/state.sqlite"))
        let tables = try database.sql(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(
            tables
                == "events,grdb_migrations,head,metrics,progress,project_lock,runs,sessions,stat_cache,version_stages,versions"
        )
        #expect(
            try database.sql("SELECT string_agg(identifier, ',' ORDER BY identifier) FROM grdb_migrations")
                == "v1,v2,v3,v4")
        #expect(try database.sql("SELECT count(*) FROM versions") == "1")
        #expect(try database.sql("SELECT count(*) FROM runs WHERE status = 'succeeded'") == "2")
        #expect(try project.weir("verify").status == 0)
        let log = try project.weir("log")
        #expect(log.stdout.contains("succeeded"))
        #expect(try project.status() == (try project.status()))
    }

    @Test func machinesThatUseAnEmptyDatabaseAtOnceCreateTheTablesOnce() throws {
        let database = try PostgresTestDatabase()
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'true', out: o/a}}\n"])
        project.environment["WEIR_STATE"] = database.url
        let processes = try (0..<4).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.weirBinary)
            process.arguments = ["run", "--wait"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        #expect(
            try database.sql("SELECT string_agg(identifier, ',' ORDER BY identifier) FROM grdb_migrations")
                == "v1,v2,v3,v4")
        #expect(try database.sql("SELECT count(*) FROM versions") == "1")
        #expect(try database.sql("SELECT count(*) FROM sessions WHERE status = 'succeeded'") == "4")
    }

    @Test func weirStateWinsOverWeirYAML() throws {
        let database = try PostgresTestDatabase()
        let yaml = "state: postgres://weir:nothing@127.0.0.1:\(try Self.freePort())/none\n" + SpecProject.yaml
        let project = try PipelineFixture(
            [
                "weir.yaml": yaml, "clean.sh": SpecProject.clean, "features.py": SpecProject.features,
                "data/raw/a.csv": "1,10\n",
            ])
        let refused = try project.weir("status")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("could not be reached"))
        project.environment["WEIR_STATE"] = database.url
        try project.run()
        #expect(try database.sql("SELECT count(*) FROM versions") == "1")
    }

    @Test(arguments: [
        ("state: sqlite://x\n", "weir.yaml:1:8: The 'state' value 'sqlite://x' is invalid. Give a PostgreSQL URL"),
        ("state: 5432\n", "weir.yaml:1:8: 'state' must be a string, not the number '5432'."),
        (
            "state: postgres://weir:pw@:5432/lab\n",
            "weir.yaml:1:8: The 'state' URL 'postgres://weir:***@:5432/lab' is invalid. It names no host"
        ),
    ])
    func aStateThatIsNotAPostgreSQLURLIsAConfigurationError(line: String, message: String) throws {
        let project = try PipelineFixture(["weir.yaml": line + "stages: {a: {cmd: 'true', out: o/a}}\n"])
        let result = try project.weir("status")
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains(":pw@"))
    }

    @Test func aWeirStateThatIsNotAPostgreSQLURLIsAUsageError() throws {
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'true', out: o/a}}\n"])
        let result = try project.weir("log", environment: ["WEIR_STATE": "mysql://root:secret@db/lab"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: The state database 'mysql://root:***@db/lab' in WEIR_STATE is invalid: it is not a "
                + "PostgreSQL URL. Use the form postgres://user:password@host:5432/database, or unset WEIR_STATE "
                + "and leave 'state' out of weir.yaml for the default '.weir/state.sqlite'.\n")
    }

    @Test func anUnreachableServerIsAClearErrorWithoutThePassword() throws {
        let port = try Self.freePort()
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'true', out: o/a}}\n"])
        project.environment["WEIR_STATE"] = "postgres://weir:s3cret@127.0.0.1:\(port)/lab"
        for command in [["run"], ["status"], ["log"], ["versions"]] {
            let result = try project.weir(command)
            #expect(result.status == 2, "\(command)")
            #expect(
                result.stderr
                    == "error: The state database 'postgres://weir@127.0.0.1:\(port)/lab' could not be reached: "
                    + "connection refused. Check that the PostgreSQL server runs and listens on 127.0.0.1:\(port), "
                    + "and the 'state' URL in weir.yaml or WEIR_STATE.\n")
            #expect(!result.stderr.contains("s3cret"))
        }
    }

    @Test func aWrongPasswordIsAClearErrorWithoutThePassword() throws {
        let database = try PostgresTestDatabase()
        let wrong = database.url.replacingOccurrences(of: ":weir-test@", with: ":Wr0ng-pw@")
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'true', out: o/a}}\n"])
        project.environment["WEIR_STATE"] = wrong
        let result = try project.weir("run")
        #expect(result.status == 2)
        let shown = wrong.replacingOccurrences(of: ":Wr0ng-pw@", with: "@")
        #expect(
            result.stderr
                == "error: The state database '\(shown)' refused the login of user 'weir': password authentication "
                + "failed for user \"weir\" (SQLSTATE 28P01). Check the user and password in the URL (or in PGPASSWORD).\n"
        )
        #expect(!result.stderr.contains("Wr0ng-pw"))
    }

    @Test func aMissingDatabaseIsAClearError() throws {
        let server = try PostgresTestServer.url()
        let url = PostgresTestServer.replacingDatabase(of: server, with: "weir_no_such_database")
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'true', out: o/a}}\n"])
        project.environment["WEIR_STATE"] = url
        let result = try project.weir("status")
        #expect(result.status == 2)
        #expect(result.stderr.contains("has no database 'weir_no_such_database'"))
        #expect(!result.stderr.contains("weir-test"))
    }

    @Test func aDatabaseOfANewerSchemaIsRefusedByEveryCommand() throws {
        let project = try SpecProject.make(store: .postgres)
        try project.run()
        let database = try #require(project.database)
        try database.sql("INSERT INTO grdb_migrations (identifier) VALUES ('v5')")
        let shown = database.url.replacingOccurrences(of: ":weir-test@", with: "@")
        for command in [["run"], ["status"], ["log"], ["versions"], ["verify"]] {
            let result = try project.weir(command)
            #expect(result.status == 2, "\(command)")
            #expect(
                result.stderr
                    == "error: The state store '\(shown)' has schema version 'v5', newer than this Weir's 'v4'. "
                    + "Use the Weir that wrote it, or a newer one.\n", "\(command)")
        }
        #expect(try database.sql("SELECT count(*) FROM versions") == "1")
    }

    @Test func aTerminatedConnectionMidRunIsReopenedAndNothingIsLost() throws {
        let project = try PipelineFixture(["weir.yaml": Self.slowYAML], store: .postgres)
        let database = try #require(project.database)
        try project.run()
        try project.edit("weir.yaml", replacing: "params: {n: 1}", with: "params: {n: 2}")
        let run = try Self.startRun(project)
        #expect(try Self.terminateConnections(of: database.name) >= 1)
        usleep(1_200_000)
        #expect(try Self.terminateConnections(of: database.name) >= 1)
        let (status, stderr) = Self.finish(run)
        #expect(status == 0, "\(stderr)")
        #expect(try project.read("build/c/c.txt") == "2\n")
        #expect(try database.sql("SELECT string_agg(id::text, ',' ORDER BY id) FROM versions") == "1,2")
        #expect(try database.sql("SELECT version FROM head") == "2")
        #expect(try database.sql("SELECT count(*) FROM runs WHERE status = 'succeeded'") == "6")
        #expect(try database.sql("SELECT status FROM sessions ORDER BY started_at DESC LIMIT 1") == "succeeded")
        let verify = try project.weir("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(try project.weir("run").stdout.hasSuffix("Nothing changed; the head stays at v2.\n"))
    }

    @Test func theLockIsTakenAgainWhenItsConnectionIsTerminated() throws {
        let project = try PipelineFixture(
            ["weir.yaml": "stages: {slow: {cmd: 'touch started; sleep 4; echo done > ${out}/x', out: o/slow}}\n"],
            store: .postgres)
        let database = try #require(project.database)
        let run = try Self.startRun(project)
        #expect(try Self.terminateConnections(of: database.name) >= 1)
        usleep(1_500_000)
        let refused = try project.weir("run")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix(
                "error: The project is locked by 'weir run' (pid \(run.0.processIdentifier) on host '"))
        let (status, stderr) = Self.finish(run)
        #expect(status == 0, "\(stderr)")
        #expect(try database.sql("SELECT count(*) FROM project_lock") == "0")
    }

    @Test func aKilledHolderReleasesTheLockAndTheNextCommandSaysSo() throws {
        let project = try PipelineFixture(
            ["weir.yaml": "stages: {slow: {cmd: 'touch started; sleep 30; echo done > ${out}/x', out: o/slow}}\n"],
            store: .postgres)
        let run = try Self.startRun(project)
        kill(run.0.processIdentifier, SIGKILL)
        // Not read to its end: the stage's orphaned 'sleep' keeps the pipe open.
        run.0.waitUntilExit()
        try project.write("weir.yaml", "stages: {slow: {cmd: 'echo done > ${out}/x', out: o/slow}}\n")
        let next = try project.weir("run")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(
            next.stderr.hasPrefix(
                "warning: Recovered the lock of 'weir run' (pid \(run.0.processIdentifier) on host '"))
        #expect(next.stderr.hasSuffix("which is no longer running.\n"))
        #expect(try project.weir("verify").status == 0)
    }

    @Test func aServerRestartMidRunIsSurvivedAndNothingIsLost() throws {
        let server = try PostgresPrivateServer()
        let url = try server.createDatabase("weir_restart")
        let project = try PipelineFixture(["weir.yaml": Self.slowYAML])
        project.environment["WEIR_STATE"] = url
        try project.run()
        try project.edit("weir.yaml", replacing: "params: {n: 1}", with: "params: {n: 2}")
        let run = try Self.startRun(project)
        usleep(300_000)
        try server.restart()
        let (status, stderr) = Self.finish(run)
        #expect(status == 0, "\(stderr)")
        #expect(
            try PostgresTestServer.sql("SELECT string_agg(id::text, ',' ORDER BY id) FROM versions", url: url) == "1,2")
        #expect(try project.read("build/c/c.txt") == "2\n")
        let verify = try project.weir("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(try project.weir("status").stdout == "a: up to date\nb: up to date\nc: up to date\n")
    }

    @Test func aServerGoneLongerThanTheRetriesFailsTheRunCleanly() throws {
        let server = try PostgresPrivateServer()
        let url = try server.createDatabase("weir_outage")
        let project = try PipelineFixture(["weir.yaml": Self.slowYAML])
        project.environment["WEIR_STATE"] = url
        try project.run()
        try project.edit("weir.yaml", replacing: "params: {n: 1}", with: "params: {n: 2}")
        let run = try Self.startRun(project)
        try server.halt()
        let (status, stderr) = Self.finish(run)
        #expect(status == 1)
        let shown = url.replacingOccurrences(of: ":weir-test@", with: "@")
        #expect(
            stderr.contains("error: Lost the connection to the state database '\(shown)' and could not reconnect"),
            "\(stderr)")
        #expect(stderr.contains("Nothing committed was lost; run the command again once the server is back.\n"))
        #expect(!stderr.contains("weir-test"))

        try server.start()
        #expect(
            try PostgresTestServer.sql("SELECT string_agg(id::text, ',' ORDER BY id) FROM versions", url: url) == "1")
        let again = try project.weir("run")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try project.read("build/c/c.txt") == "2\n")
        #expect(
            try PostgresTestServer.sql("SELECT string_agg(id::text, ',' ORDER BY id) FROM versions", url: url) == "1,2")
        let verify = try project.weir("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
