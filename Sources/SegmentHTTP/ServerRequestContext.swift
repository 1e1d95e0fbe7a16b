package import Hummingbird
package import NIOCore

/// The request context of every route: Hummingbird's core storage and the event loop of the request's connection
/// (its timers time the request: ``RouteGuardrails``). What a route needs besides the request (the host, the
/// executor, the limits) comes from the ``RouteEnvironment`` its group was registered with.
package struct ServerRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package let eventLoop: any EventLoop

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        eventLoop = source.channel.eventLoop
    }
}
