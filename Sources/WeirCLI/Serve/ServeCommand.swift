import ArgumentParser
import Foundation
import Weir
import WeirServer

/// `weir serve`: the read-only web dashboard and its JSON API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a read-only web dashboard of the project and a JSON API under /api/.",
        discussion: """
            Pages: the pipeline (the DAG, each stage's state and why, live progress), runs, versions (lineage \
            and diffs), datasets (partitions, manifest, rejects, schema) and metrics charts. Every page has a \
            JSON twin under /api/ ('/api/status' is 'weir status --json'); live progress comes over \
            Server-Sent Events from /live/events while a session runs. The server only reads: the state store \
            is opened read-only and no file is served by path. It listens on 127.0.0.1 unless '--host' says \
            otherwise. Stop it with Ctrl-C.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(
        help: ArgumentHelp(
            "The address to listen on; anything but loopback is reachable from other machines.", valueName: "host"))
    var host = DashboardServer.defaultHost

    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port = DashboardServer.defaultPort

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError(
                "The value '\(port)' is invalid for '--port <port>'. Please give a port from 0 to 65535.")
        }
        guard !host.isEmpty else {
            throw ValidationError(
                "The value '' is invalid for '--host <host>'. Please give an address such as 127.0.0.1.")
        }
    }

    func run() async throws {
        let location = try project.locate()
        if !DashboardServer.isLoopback(host) {
            Console.shared.line(
                "warning: listening on '\(host)': anyone who can reach this machine can read the dashboard, "
                    + "which shows the project's runs, logs and data. Use '--host 127.0.0.1' to keep it local.",
                to: .error)
        }
        let server = DashboardServer(project: location, host: host, port: port)
        let shown = host.contains(":") ? "[\(host)]" : host
        try await server.run { bound in
            Console.shared.line("Serving \(location.root) at http://\(shown):\(bound)/ (Ctrl-C to stop)")
        }
    }
}
