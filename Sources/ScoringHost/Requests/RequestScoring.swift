package import SegmentIO
import SegmentPlugin

/// A host prepared for HTTP requests, once per loaded host instead of once per request: the host with only the
/// plugins that may run over HTTP (``ScoringHost/forHTTP(allowing:)``, which rebuilds the plugin list and the output
/// schema) and the result bytes of every response format (``ResultTemplate``: each segment's name, description and
/// strategy, escaped). The server keeps one until the host it was made from is replaced (a reload).
package final class RequestScoring: Sendable {
    /// The host requests score with: the HTTP plugins only.
    package let host: ScoringHost
    /// The host it was prepared from: the server prepares again when its current host is another one.
    package let source: HostIdentity
    private let templates: [ResultTemplate]
    /// Whether a request's scoring is CPU work only, so it may run where the request is handled: true when every
    /// plugin keeps its data in memory (campaign, pricing). The migration monitor queries its SQLite history when a
    /// session opens, so with it requests go to the blocking executor.
    package let isCPUOnly: Bool

    /// The plugins known to do no I/O in a session: ``isCPUOnly`` holds when every plugin run is one of these.
    static let cpuOnlyPlugins: Set<String> = ["campaign", "pricing"]

    /// Prepares `host` for requests with the plugins `[http] plugins` lets run besides the built-in HTTP ones.
    package init(_ host: ScoringHost, allowing listed: [String]) {
        let prepared = host.forHTTP(allowing: listed)
        source = host.identity
        self.host = prepared
        templates = ResponseFormat.allCases.map { prepared.resultTemplate($0) }
        isCPUOnly = prepared.plugins.members.allSatisfy {
            Self.cpuOnlyPlugins.contains(type(of: $0.plugin).descriptor.name)
        }
    }

    func template(_ format: ResponseFormat) -> ResultTemplate {
        templates[ResponseFormat.allCases.firstIndex(of: format)!]
    }

    /// `ScoringHost.scoreCustomer` with the prepared JSON template.
    package func scoreCustomer(_ body: UnsafeRawBufferPointer, maxBytes: Int = 1 << 20) throws(ScoringInputError)
        -> [UInt8]
    {
        try host.scoreCustomer(body, template: template(.json), maxBytes: maxBytes)
    }
}

/// What tells one loaded host from another: made with the host and kept by its copies, so a prepared
/// ``RequestScoring`` knows whether it still belongs to the server's current host.
package final class HostIdentity: Sendable {
    init() {}
}
