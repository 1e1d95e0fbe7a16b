import Glibc
import Hummingbird
import HummingbirdCore
package import Logging
package import Metrics
import NIOCore
package import SegmentDaemon
import SegmentSupport
import ServiceLifecycle

/// The HTTP server as a swift-service-lifecycle `Service`: `segmentd serve` runs it alone, `segmentd run` in the
/// daemon's `ServiceGroup`. Graceful shutdown stops accepting connections and lets the requests in progress finish.
package struct HTTPService: Service {
    private let configuration: HTTPConfiguration
    private let environment: RouteEnvironment
    private let token: BearerToken?
    private let logger: Logger
    private let metricsFactory: (any MetricsFactory)?

    /// A server for `configuration` reading from `state`; blocking work runs on `executor`. Its request metrics go
    /// through `metricsFactory`, by default the factory the process bootstrapped (`MetricsSystem`) when it runs.
    /// - Throws: ``HTTPServerError`` (78) when `auth_token_file` is set but cannot be read or is empty.
    package init(
        configuration: HTTPConfiguration, state: any ServerState, logger: Logger, executor: BlockingExecutor,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws(HTTPServerError) {
        self.configuration = configuration
        self.metricsFactory = metricsFactory
        self.logger = logger
        token = try configuration.authTokenFile.map { path throws(HTTPServerError) in try BearerToken.load(path: path) }
        environment = RouteEnvironment(configuration: configuration, state: state, executor: executor, logger: logger)
    }

    /// Binds `listen`, logs `HTTP server listening on <address>` (the address actually bound: with port 0 the
    /// one the system chose) and serves until graceful shutdown.
    /// - Throws: ``HTTPServerError`` (69) when the address cannot be bound.
    package func run() async throws {
        let router = ServerRouter.build(
            environment: environment, token: token, metricsFactory: metricsFactory ?? MetricsSystem.factory)
        let logger = logger
        let application = Application(
            router: router,
            server: .http1(
                configuration: HTTP1Channel.Configuration(
                    additionalChannelHandlers: [ExpectContinueHandler()],
                    idleTimeout: Self.timeAmount(configuration.idleTimeout))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.listen.host, port: configuration.listen.port)),
            onServerRunning: { channel in
                let address = channel.localAddress.map(Self.describe) ?? "\(channel.localAddress as Any)"
                logger.info("HTTP server listening on \(address)", metadata: ["address": .string(address)])
            },
            logger: Self.quiet(logger))
        do {
            try await application.run()
        } catch let error as IOError {
            throw HTTPServerError.cannotListen(
                configuration.listen.description, reason: String(cString: strerror(error.errnoCode)))
        }
    }

    /// `host:port` of a bound socket, IPv6 in brackets.
    static func describe(_ address: SocketAddress) -> String {
        let host = address.ipAddress ?? "?"
        let port = address.port.map(String.init) ?? "?"
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `duration` as NIO's time amount, in nanoseconds.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.inWholeNanoseconds)
    }

    /// Hummingbird's own logger: its per-request lines only at debug, its start-up line replaced by ours.
    private static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return quiet
    }
}
