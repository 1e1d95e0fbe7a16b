import ScoringHost
import SegmentSupport

/// `GET /v1/report`: the HTML report (`segmentd report`) of the model new requests score with, so a browser pointed
/// at the server shows the champion without a shell on the host. Same access as `/v1/status`.
enum ReportRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        let environment = routes.environment
        routes.get("/v1/report") { _, _ in
            let host = try environment.host()
            guard let model = host.model else { throw Problem.noModel }
            let html = ReportHTML.render(model, generatedAt: Timestamp.now())
            return JSONResponse.make(Array(html.utf8), contentType: "text/html; charset=utf-8")
        }
    }
}
