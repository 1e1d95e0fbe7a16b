package import Hummingbird

/// The request context of every route: Hummingbird's core storage only. What a route needs besides the request
/// (the host, the executor, the limits) comes from the ``RouteEnvironment`` its group was registered with.
package struct ServerRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
