/// `GET /v1/status` (whoever runs the server describes itself) and `GET /metrics` (the Prometheus exposition).
enum StatusRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        let state = routes.environment.state
        routes.get("/v1/status") { _, _ in
            JSONResponse.make(await state.statusDocument())
        }
        routes.get("/metrics", access: .probe) { _, _ in
            JSONResponse.make(await state.metricsExposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
