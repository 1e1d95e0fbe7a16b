import HTTPTypes
package import Hummingbird

/// Responses with a JSON body (`application/json`) or another fixed type.
package enum JSONResponse {
    /// A 200 (or `status`) response carrying `bytes` as JSON.
    package static func make(_ bytes: some Sequence<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        make(bytes, contentType: "application/json", status: status)
    }

    /// A 200 response carrying `text` as JSON.
    package static func make(_ text: String) -> Response {
        make(Array(text.utf8))
    }

    /// A response carrying `bytes` with the given `Content-Type`.
    package static func make(
        _ bytes: some Sequence<UInt8>, contentType: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
