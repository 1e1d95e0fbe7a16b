import Foundation
import SegmentSupport

/// The bearer token clients must send (`Authorization: Bearer <token>`), read once from `auth_token_file`.
struct BearerToken: Sendable {
    private let expected: [UInt8]

    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// Reads the token file: its content without surrounding white space (a trailing newline is usual).
    /// - Throws: ``HTTPServerError`` (configuration) when the file cannot be read or holds no token.
    static func load(path: String) throws(HTTPServerError) -> BearerToken {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HTTPServerError.configuration(
                "[http] auth_token_file \(path) does not exist or cannot be read; create it with the token "
                    + "(e.g. openssl rand -hex 32 > \(path)) and let segmentd read it")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw HTTPServerError.configuration(
                "[http] auth_token_file \(path) is empty; write the token into it (e.g. openssl rand -hex 32)")
        }
        return BearerToken(token)
    }

    /// Throws 401 unless `header` is `Bearer <the token>`. The comparison takes the same time whatever the
    /// position of the first differing byte, so timing tells an attacker nothing about the token.
    func check(_ header: String?) throws(Problem) {
        guard let header else { throw Problem.unauthorized("this endpoint needs Authorization: Bearer <token>") }
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else {
            throw Problem.unauthorized("the Authorization header is not \"Bearer <token>\"")
        }
        let given = Array(header.utf8.dropFirst(prefix.utf8.count))
        guard Self.constantTimeEqual(given, expected) else {
            throw Problem.unauthorized("the bearer token is not the one in [http] auth_token_file")
        }
    }

    /// Equal bytes, compared without an early exit: every byte of `expected` is looked at whatever `given` is.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            let other = index < given.count ? given[index] : ~expected[index]
            difference |= other ^ expected[index]
        }
        return difference == 0
    }
}
