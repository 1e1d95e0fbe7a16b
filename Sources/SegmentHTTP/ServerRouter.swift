import Hummingbird
import Logging
import Metrics
import SegmentDaemon

/// Builds the router: the middlewares every response goes through, then each route group by one line, so a new
/// group (scoring, reports) touches one line here.
enum ServerRouter {
    static func build(
        environment: RouteEnvironment, token: BearerToken?, metricsFactory: any MetricsFactory
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        let catalog = RouteCatalog()
        // Middlewares apply to the routes added after them: add them first. Metrics outermost, so it sees the
        // status of every answer, problems included.
        router.add(middleware: RequestMetricsMiddleware(factory: metricsFactory))
        router.add(middleware: ProblemMiddleware(catalog: catalog, logger: environment.logger))
        let guardrails = RouteGuardrails(
            token: token, openProbes: environment.configuration.openProbes,
            requestTimeout: environment.configuration.requestTimeout)
        let routes = Routes(router: router, catalog: catalog, guardrails: guardrails, environment: environment)
        HealthRoutes.register(routes)
        ModelRoutes.register(routes)
        StatusRoutes.register(routes)
        ReportRoutes.register(routes)
        OpenAPIRoutes.register(routes)
        ScoringRoutes.register(routes)
        return router
    }
}
