import Glibc

/// An IP address and port to listen on, written `127.0.0.1:9464` or `[::1]:9464` (`[http] listen`).
///
/// Only numeric addresses are accepted: whether a host name is loopback depends on a resolver, and the server's
/// rule (a token is required off loopback) must not.
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address without brackets: `127.0.0.1`, `0.0.0.0`, `::1`, `::`.
    package var host: String
    /// The port; 0 lets the system choose one (tests read it from the start-up log line).
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; a failure with the reason when the text is not a numeric address and a port.
    package static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(.init("an IPv6 address is written in brackets with a port, like [::1]:9464"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard isIPv6(host) else { return .failure(.init("\"\(host)\" is not an IPv6 address")) }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(.init("the port is missing: write address:port, like 127.0.0.1:9464"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard isIPv4(host) else {
                return .failure(
                    .init("\"\(host)\" is not an IPv4 address (host names are not accepted; IPv6 goes in brackets)"))
            }
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(.init("\"\(portText)\" is not a port from 0 to 65535"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }

    /// Whether the address is loopback: 127.0.0.0/8 or ::1. `0.0.0.0` and `::` listen on every interface, so they
    /// are not.
    package var isLoopback: Bool {
        if Self.isIPv4(host[...]) { return host.hasPrefix("127.") }
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return false }
        return withUnsafeBytes(of: &address) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
    }

    /// `host:port`, IPv6 in brackets.
    package var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, String(text), &address) == 1
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, String(text), &address) == 1
    }
}

/// Why a `listen` value is not an address and port.
package struct ListenAddressError: Error, Sendable {
    /// What is wrong, for a person.
    package let reason: String

    init(_ reason: String) { self.reason = reason }
}
