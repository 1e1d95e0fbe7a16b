package import SegmentSupport

/// Why the HTTP server cannot start: a configuration it cannot use (78) or an address it cannot bind (69).
package struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case configuration, unavailable
    }

    private let code: Code
    /// What went wrong, where, and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The `[http]` settings cannot be used (a token file that is missing or empty).
    static func configuration(_ message: String) -> HTTPServerError { HTTPServerError(.configuration, message) }

    /// The address cannot be bound: in use by another process, or not an address of this machine.
    static func cannotListen(_ address: String, reason: String) -> HTTPServerError {
        HTTPServerError(
            .unavailable,
            "cannot listen on \(address): \(reason); stop the other server on it or set [http] listen to another "
                + "address")
    }

    package var description: String { message }
}

extension HTTPServerError: ExitStatusClassified {
    package var exitStatus: ExitStatus {
        switch code {
        case .configuration: .configuration
        case .unavailable: .unavailable
        }
    }
}
