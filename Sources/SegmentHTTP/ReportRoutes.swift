import Hummingbird
import ScoringHost
import SegmentSupport

/// `GET /v1/report`: the HTML report (`segmentd report`) of the model new requests score with, so a browser pointed
/// at the server shows the champion without a shell on the host. Same access as `/v1/status`. `?history=1` adds the
/// daemon's per-day history and retrain rules, as `segmentd report --history` does.
enum ReportRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        let environment = routes.environment
        routes.get("/v1/report") { request, _ in
            let host = try environment.host()
            guard let model = host.model else { throw Problem.noModel }
            let history = try await Self.history(request, host: host, state: environment.state)
            let html = ReportHTML.render(model, history: history, generatedAt: Timestamp.now())
            return JSONResponse.make(Array(html.utf8), contentType: "text/html; charset=utf-8")
        }
    }

    /// The history `?history=` asks for: nil for absent, `0` or `false`; a problem for another value, or when this
    /// server keeps no history.
    private static func history(_ request: Request, host: ScoringHost, state: any ServerState) async throws
        -> ReportHistory?
    {
        guard let value = request.uri.queryParameters.get("history") else { return nil }
        switch value {
        case "0", "false": return nil
        case "1", "true": break
        default:
            throw Problem(
                .badRequest, slug: "bad-query", title: "Bad query parameter",
                detail: "history=\(value) is not a choice; use history=1 (or 0)")
        }
        do {
            guard let history = try await state.reportHistory(for: host) else {
                throw Problem(
                    .notFound, slug: "no-history", title: "No history here",
                    detail: "this server counts no files (segmentd serve); the daemon's server (segmentd run) "
                        + "serves ?history=1, or run segmentd report --history beside the daemon")
            }
            return history
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(
                .internalServerError, slug: "history-unreadable", title: "History unreadable",
                detail: "the daemon's history could not be read: \(error)")
        }
    }
}
