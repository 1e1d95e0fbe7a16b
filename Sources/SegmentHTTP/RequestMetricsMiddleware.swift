import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Records `segmentd_http_requests_total{route,code}` and `segmentd_http_request_duration_seconds{route}` through
/// the swift-metrics facade, whatever backend the process bootstrapped. `route` is the matched route pattern
/// (`/v1/model`), `unmatched` for paths no route has: a label per raw path would grow without bound.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    private let cache = MetricsCache()

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var response = try await next(request, context)
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        let code = Int(response.status.code)
        let cache = cache
        let record: @Sendable () -> Void = {
            let (counter, timer) = cache.metrics(route: route, code: code)
            counter.increment()
            timer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        guard response.body.contentLength == nil else {
            record()
            return response
        }
        // A streamed body (a batch's rows) is timed until its last byte is written.
        let body = response.body
        response.body = ResponseBody { writer in
            defer { record() }
            try await body.write(writer)
        }
        return response
    }
}

/// One counter per (route, code) and one timer per route, made once: the factory is asked once per series.
private final class MetricsCache: Sendable {
    private struct Key: Hashable {
        let route: String
        let code: Int
    }

    private let counters = Mutex<[Key: Counter]>([:])
    private let timers = Mutex<[String: Metrics.Timer]>([:])

    func metrics(route: String, code: Int) -> (Counter, Metrics.Timer) {
        let counter = counters.withLock { counters in
            let key = Key(route: route, code: code)
            if let counter = counters[key] { return counter }
            let counter = Counter(
                label: "segmentd_http_requests_total", dimensions: [("route", route), ("code", String(code))])
            counters[key] = counter
            return counter
        }
        let timer = timers.withLock { timers in
            if let timer = timers[route] { return timer }
            let timer = Metrics.Timer(
                label: "segmentd_http_request_duration_seconds", dimensions: [("route", route)],
                preferredDisplayUnit: .seconds)
            timers[route] = timer
            return timer
        }
        return (counter, timer)
    }
}
