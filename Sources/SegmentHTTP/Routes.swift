import HTTPTypes
package import Hummingbird
import Synchronization

/// Who may call a route.
package enum RouteAccess: Sendable {
    /// Needs the bearer token when the server has one (scoring, status, model).
    case token
    /// A probe (`/healthz`, `/readyz`, `/metrics`): open when `open_probes` is true, else like ``token``.
    case probe
    /// Always open (`/openapi.json`: the description of the API, nothing about the data).
    case open
}

/// How a route group adds its routes: `routes.get("/v1/model") { request, context in … }`. Each route is wrapped
/// in the server's rules before it reaches the router: the bearer token per ``RouteAccess`` and `request_timeout`;
/// the path and method are recorded so a wrong method gets 405 with `Allow`, not 404.
package struct Routes {
    /// The handler of one route.
    package typealias Handler = @Sendable (Request, ServerRequestContext) async throws -> Response

    let router: Router<ServerRequestContext>
    let catalog: RouteCatalog
    let guardrails: RouteGuardrails
    /// The environment every handler of the group works in.
    package let environment: RouteEnvironment

    /// Adds `GET path`.
    package func get(_ path: String, access: RouteAccess = .token, _ handler: @escaping Handler) {
        on(.get, path, access: access, handler)
    }

    /// Adds `POST path`.
    package func post(_ path: String, access: RouteAccess = .token, _ handler: @escaping Handler) {
        on(.post, path, access: access, handler)
    }

    /// Adds `method path`.
    package func on(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess = .token, _ handler: @escaping Handler
    ) {
        catalog.add(method, path)
        let guardrails = guardrails
        router.on(RouterPath(path), method: method) { request, context in
            try await guardrails.run(request, context, access: access, handler)
        }
        if method == .get {
            router.on(RouterPath(path), method: .head) { request, context in
                var response = try await guardrails.run(request, context, access: access, handler)
                response.body = ResponseBody()
                return response
            }
        }
    }
}

/// One route group: a file of routes added to the router by one line in ``ServerRouter``.
package protocol RouteGroup {
    /// Adds the group's routes.
    static func register(_ routes: Routes)
}

/// The paths and methods the router has, so an unmatched method on a known path is told apart from an unknown
/// path. Filled while the router is built, read-only after.
final class RouteCatalog: Sendable {
    private let methods = Mutex<[String: [String]]>([:])

    func add(_ method: HTTPRequest.Method, _ path: String) {
        methods.withLock { methods in
            methods[path, default: []].append(method.rawValue)
            if method == .get { methods[path, default: []].append("HEAD") }
        }
    }

    /// The methods `path` has, empty when no route has that path.
    func allowed(_ path: String) -> [String] {
        methods.withLock { $0[path] ?? [] }
    }
}
