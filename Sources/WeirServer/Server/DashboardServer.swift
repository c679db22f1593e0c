import Foundation
import Hummingbird
import Logging
import Weir

/// The read-only web dashboard of a project (`weir serve`) and its JSON API under `/api/`.
///
/// ```swift
/// let server = DashboardServer(project: location, host: "127.0.0.1", port: 8470)
/// try await server.run()
/// ```
/// Every handler only reads: the state store is opened read-only, datasets are found through the
/// pipeline's stages, and no path given in a URL is ever opened.
public struct DashboardServer: Sendable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8470

    public let project: ProjectLocation
    public let host: String
    public let port: Int

    public init(project: ProjectLocation, host: String = defaultHost, port: Int = defaultPort) {
        self.project = project
        self.host = host
        self.port = port
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The router with every page and API route.
    package func router() -> Router<BasicRequestContext> {
        let router = Router()
        Routes(dashboard: Dashboard(project: project)).register(on: router)
        return router
    }

    /// The application, not yet running.
    package func application(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "weir.serve")
        logger.logLevel = .warning
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "weir"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until the process receives SIGINT or SIGTERM.
    ///
    /// - Parameter onRunning: called with the bound port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try await application(onRunning: onRunning).runService()
    }
}
