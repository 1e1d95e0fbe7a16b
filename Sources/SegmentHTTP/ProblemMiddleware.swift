import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1

/// Turns every error a route throws into a problem+json response: a ``Problem`` as it is, Hummingbird's own
/// errors with their status, a body the HTTP parser could not read (cut off before its end, a bad chunk) as 400,
/// anything else as 500 (logged). An unknown path is 404; a known path with another
/// method is 405 with `Allow`.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let catalog: RouteCatalog
    let logger: Logger

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch let error as HTTPParserError {
            // The client's fault, met while a handler reads the body: not a server error.
            return Problem.unreadableBody("\(error)").response()
        } catch let error as HTTPError {
            return problem(for: error, request).response()
        } catch is CancellationError {
            return Problem(
                .serviceUnavailable, slug: "cancelled", title: "Request cancelled",
                detail: "the server is shutting down or the request was cancelled; retry"
            ).response()
        } catch {
            logger.error(
                "HTTP \(request.method.rawValue) \(request.uri.path) failed: \(error)",
                metadata: ["route": .string(context.endpointPath ?? "unmatched")])
            return Problem.internalError.response()
        }
    }

    private func problem(for error: HTTPError, _ request: Request) -> Problem {
        switch error.status {
        case .notFound:
            let allowed = catalog.allowed(request.uri.path)
            guard !allowed.isEmpty else { return .notFound(request.uri.path) }
            return .methodNotAllowed(request.method.rawValue, path: request.uri.path, allowed: allowed)
        case .contentTooLarge:
            return Problem(
                .contentTooLarge, slug: "body-too-large", title: "Request body too large",
                detail: error.body ?? "the request body is too large")
        default:
            return Problem(
                error.status, slug: "http-\(error.status.code)", title: error.status.reasonPhrase,
                detail: error.body ?? error.status.reasonPhrase)
        }
    }
}
