import HTTPTypes
import Hummingbird

/// The rules every route runs under: the bearer token and the per-request timeout.
struct RouteGuardrails: Sendable {
    /// The token the server requires, nil when it requires none (loopback without `auth_token_file`).
    let token: BearerToken?
    let openProbes: Bool
    let requestTimeout: Duration

    /// Checks the token, then runs `handler` racing `request_timeout`: the first to end wins, the other is
    /// cancelled, so a client that sends its body slowly is answered 408 and holds nothing after. The timeout is a
    /// timer of the connection's event loop, removed when the handler wins (``EventLoopSleep``).
    func run(
        _ request: Request, _ context: ServerRequestContext, access: RouteAccess, _ handler: @escaping Routes.Handler
    ) async throws -> Response {
        if let token, access == .token || (access == .probe && !openProbes) {
            try token.check(request.headers[.authorization])
        }
        let timeout = requestTimeout
        let loop = context.eventLoop
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask { try await handler(request, context) }
            group.addTask {
                await EventLoopSleep.sleep(for: timeout, on: loop)
                try Task.checkCancellation()  // the request was cancelled (shutdown, client gone): not a timeout
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw Problem.timedOut(after: timeout)
            }
            return response
        }
    }
}
