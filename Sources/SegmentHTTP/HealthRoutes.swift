import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (it can do its work: 503 with the reasons when not).
enum HealthRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        routes.get("/healthz", access: .probe) { _, _ in
            JSONResponse.make(#"{"status":"ok"}"#)
        }
        let state = routes.environment.state
        routes.get("/readyz", access: .probe) { _, _ in
            let problems = await state.readinessProblems()
            guard problems.isEmpty else { throw Problem.notReady(problems) }
            return JSONResponse.make(#"{"status":"ready"}"#)
        }
    }
}
