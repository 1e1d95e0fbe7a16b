import Foundation
package import HTTPTypes
package import Hummingbird

/// An error answered as `application/problem+json` (RFC 9457): every error response of the server is one.
///
/// `type` is a stable URI per kind of problem (`https://segmentd.dev/problems/<slug>`), so clients can branch on it
/// without parsing `detail`; `errors` and `missing_columns` name the field or row when there is one.
package struct Problem: Error, Sendable, HTTPResponseError {
    /// One rejected element: the row (`index` in a JSON array, `line` in a stream), the column and the reason.
    package struct Item: Sendable, Encodable, Equatable {
        package var index: Int?
        package var line: Int?
        package var column: String?
        package var reason: String

        package init(index: Int? = nil, line: Int? = nil, column: String? = nil, reason: String) {
            self.index = index
            self.line = line
            self.column = column
            self.reason = reason
        }
    }

    package let status: HTTPResponse.Status
    /// The last part of `type`: `not-found`, `missing-columns`, …
    package let slug: String
    /// A short summary that is the same for every problem of this `type`.
    package let title: String
    /// What happened this time and how to fix it.
    package let detail: String
    /// The rejected fields or rows, if any.
    package var errors: [Item] = []
    /// The raw input columns the pipeline needs and the request lacked, if any.
    package var missingColumns: [String]?
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    package var headers: HTTPFields = [:]

    package init(_ status: HTTPResponse.Status, slug: String, title: String, detail: String) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
    }

    /// `https://segmentd.dev/problems/<slug>`.
    package var type: String { "https://segmentd.dev/problems/\(slug)" }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The problem as a response: its status, its headers and the problem+json body.
    package func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let body = Body(
            type: type, title: title, status: Int(status.code), detail: detail, errors: errors.isEmpty ? nil : errors,
            missingColumns: missingColumns)
        let bytes = (try? Self.encoder.encode(body)) ?? Data("{\"title\":\"\(slug)\"}".utf8)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var errors: [Item]?
        var missingColumns: [String]?

        enum CodingKeys: String, CodingKey {
            case type, title, status, detail, errors
            case missingColumns = "missing_columns"
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension Problem {
    /// 404: no route has this path.
    package static func notFound(_ path: String) -> Problem {
        Problem(.notFound, slug: "not-found", title: "Not found", detail: "no endpoint at \(path); see /openapi.json")
    }

    /// 405: the path exists with other methods, listed in `Allow`.
    package static func methodNotAllowed(_ method: String, path: String, allowed: [String]) -> Problem {
        var problem = Problem(
            .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed",
            detail: "\(path) does not accept \(method); use \(allowed.joined(separator: " or "))")
        problem.headers[.allow] = allowed.joined(separator: ", ")
        return problem
    }

    /// 401: the bearer token is missing or wrong.
    package static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(.unauthorized, slug: "unauthorized", title: "Unauthorized", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"segmentd\""
        return problem
    }

    /// 413: the body is larger than `limit` bytes (`key` names the setting).
    package static func bodyTooLarge(limit: Int64, key: String) -> Problem {
        Problem(
            .contentTooLarge, slug: "body-too-large", title: "Request body too large",
            detail: "the body is larger than \(limit) bytes ([http] \(key)); send less per request")
    }

    /// 400: the body could not be read as HTTP: it ended before its `Content-Length` or its last chunk, or a chunk
    /// was malformed.
    package static func unreadableBody(_ reason: String) -> Problem {
        Problem(
            .badRequest, slug: "invalid-body", title: "Invalid body",
            detail: "the request body could not be read: \(reason); send the whole body, as long as its "
                + "Content-Length says or in well-formed chunks")
    }

    /// 415: the body's media type is not one the endpoint reads.
    package static func unsupportedMediaType(_ found: String?, accepted: [String]) -> Problem {
        Problem(
            .unsupportedMediaType, slug: "unsupported-media-type", title: "Unsupported media type",
            detail: "Content-Type \(found.map { "\"\($0)\"" } ?? "is missing"); send one of "
                + accepted.joined(separator: ", "))
    }

    /// 503: no model is loaded, so nothing can be scored or described.
    package static var noModel: Problem {
        Problem(
            .serviceUnavailable, slug: "no-model", title: "No model loaded",
            detail: "no model is loaded; train one (segmentd train) and send SIGHUP, see /readyz")
    }

    /// 503: the service is not ready, with the reasons.
    package static func notReady(_ reasons: [String]) -> Problem {
        var problem = Problem(
            .serviceUnavailable, slug: "not-ready", title: "Not ready", detail: reasons.joined(separator: "; "))
        problem.errors = reasons.map { Item(reason: $0) }
        return problem
    }

    /// 503: `max_concurrent_scoring` requests are scoring already; try again after `retryAfter` seconds.
    package static func overloaded(limit: Int, retryAfter: Int) -> Problem {
        var problem = Problem(
            .serviceUnavailable, slug: "overloaded", title: "Too many scoring requests",
            detail: "\(limit) scoring requests are in progress ([http] max_concurrent_scoring); retry after "
                + "\(retryAfter) s")
        problem.headers[.retryAfter] = String(retryAfter)
        return problem
    }

    /// 408: the request was not answered within `request_timeout`.
    package static func timedOut(after duration: Duration) -> Problem {
        Problem(
            .requestTimeout, slug: "request-timeout", title: "Request timeout",
            detail: "the request took longer than \(duration) ([http] request_timeout) to read and answer")
    }

    /// 500: an error the server did not expect; the log has the details.
    package static var internalError: Problem {
        Problem(
            .internalServerError, slug: "internal-error", title: "Internal server error",
            detail: "the server failed to answer; its log has the details")
    }
}
