import HTTPTypes
import Hummingbird
import NIOCore
import ScoringHost
import SegmentDaemon
import SegmentIO

/// `POST /v1/segment` (one customer) and `POST /v1/segment/batch` (a streamed batch): the host-level scorers
/// (`ScoringHost.scoreCustomer`, `BatchScoringStream`) behind HTTP. Each request holds one permit of the scoring cap
/// until its response is written, keeps the host it started with (every response says its `model_version`, also in
/// `Segmentd-Model-Version`), and runs its CPU work on the blocking executor, never on the event loop; one customer
/// whose plugins do no I/O (``RequestScoring/isCPUOnly``) is scored in place, a few microseconds, cheaper than the
/// hop to another thread and back. The plugins are those that may run over HTTP (`ScoringHost.forHTTP(allowing:)`
/// with `[http] plugins`), prepared once per loaded host (``RouteEnvironment/scoring()``).
enum ScoringRoutes: RouteGroup {
    static let modelVersionHeader = HTTPField.Name("Segmentd-Model-Version")!

    static func register(_ routes: Routes) {
        let environment = routes.environment
        routes.post("/v1/segment") { request, _ in try await single(request, environment) }
        routes.post("/v1/segment/batch") { request, _ in try await batch(request, environment) }
    }

    private static func single(_ request: Request, _ environment: RouteEnvironment) async throws -> Response {
        let contentType = request.headers[.contentType]
        guard ScoringMediaTypes.body(contentType) == .jsonArray else {
            throw Problem.unsupportedMediaType(contentType, accepted: ["application/json"])
        }
        if let accept = request.headers[.accept], ScoringMediaTypes.response(accept, fallback: .json) != .json {
            throw Problem.notAcceptable(accept, offered: ["application/json"])
        }
        return try await environment.scoringLimiter.withPermit {
            let scoring = try environment.scoring()
            let body = try await environment.collectBody(request)
            let bytes: [UInt8]
            do {
                if scoring.isCPUOnly {
                    bytes = try body.withUnsafeReadableBytes { try scoring.scoreCustomer($0) }
                } else {
                    bytes = try await environment.executor.run {
                        try body.withUnsafeReadableBytes { try scoring.scoreCustomer($0) }
                    }
                }
            } catch let error as ScoringInputError {
                throw Problem(error)
            }
            var response = JSONResponse.make(bytes)
            response.headers[modelVersionHeader] = scoring.host.modelVersion
            return response
        }
    }

    private static func batch(_ request: Request, _ environment: RouteEnvironment) async throws -> Response {
        let contentType = request.headers[.contentType]
        guard let body = ScoringMediaTypes.body(contentType) else {
            throw Problem.unsupportedMediaType(contentType, accepted: ScoringMediaTypes.batchBodies)
        }
        let accept = request.headers[.accept]
        guard let format = ScoringMediaTypes.response(accept, fallback: ScoringMediaTypes.mirror(body)) else {
            throw Problem.notAcceptable(accept ?? "", offered: ScoringMediaTypes.batchBodies)
        }
        let configuration = environment.configuration
        let maxBytes = Int(clamping: configuration.maxStreamBytes)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw Problem.bodyTooLarge(limit: Int64(maxBytes), key: "max_stream_bytes")
        }
        let permit = try environment.scoringLimiter.permit()
        let scoring = try environment.scoring()
        let host = scoring.host
        let stream = BatchScoringStream(
            scoring: scoring, body: body, response: format,
            limits: ScoringLimits(maxRows: configuration.maxBatchRows, maxStreamBytes: maxBytes))
        let reader = BodyReader(request.body, stream: stream, executor: environment.executor)
        // Read until the first bytes are due, so a request that fails as a whole still gets its status.
        var first = NIOCore.ByteBuffer()
        do {
            while first.readableBytes == 0, let bytes = try await reader.next() { first = bytes }
        } catch let error as ScoringInputError {
            stream.cancel()
            throw Problem(error)
        }
        let firstBytes = first
        var headers: HTTPFields = [.contentType: ScoringMediaTypes.contentType(format)]
        headers[modelVersionHeader] = host.modelVersion
        let responseBody = ResponseBody { writer in
            _ = permit
            try await writer.write(firstBytes)
            do {
                while let bytes = try await reader.next() {
                    if bytes.readableBytes > 0 { try await writer.write(bytes) }
                }
            } catch let error as ScoringInputError {
                try await writer.write(ByteBuffer(bytes: stream.failure(error)))
            } catch is CancellationError {
                stream.cancel()
                throw CancellationError()
            } catch {
                let failure = ScoringInputError(.invalidBody, "The body could not be read to its end: \(error).")
                try await writer.write(ByteBuffer(bytes: stream.failure(failure)))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: responseBody)
    }
}

/// Reads a request body into a ``BatchScoringStream`` on the blocking executor, about `gatherBytes` at a time; one
/// task at a time (the handler, then the response writer).
///
/// The socket brings a body in chunks of at most 64 KiB. Each trip to the executor and back costs two thread
/// switches, and the stream parses in two halves on two threads only what one call brings: so once the response
/// has started, the chunks are gathered (still without copying them) and handed over together. A client that pauses
/// makes the reader wait for it, as it would for the next chunk. Until the start they go one by one, as before: what
/// fails a request as a whole (answered with a status) is found after the same bytes.
private final class BodyReader: @unchecked Sendable {
    private static let gatherBytes = 128 << 10
    private var iterator: RequestBody.AsyncIterator
    private let stream: BatchScoringStream
    private let executor: BlockingExecutor
    private var ended = false

    init(_ body: RequestBody, stream: BatchScoringStream, executor: BlockingExecutor) {
        iterator = body.makeAsyncIterator()
        self.stream = stream
        self.executor = executor
    }

    /// The response bytes due after the next chunk (or, at the end of the body, the last ones), copied once, from
    /// the stream's buffer into the one written to the socket; nil once ended.
    func next() async throws -> NIOCore.ByteBuffer? {
        guard !ended else { return nil }
        var chunks: [NIOCore.ByteBuffer] = []
        var gathered = 0
        let enough = stream.hasStarted ? Self.gatherBytes : 1
        while gathered < enough {
            guard let chunk = try await iterator.next() else {
                ended = true
                break
            }
            gathered += chunk.readableBytes
            chunks.append(chunk)
        }
        let (stream, last, gatheredChunks) = (stream, ended, chunks)
        return try await executor.run {
            for chunk in gatheredChunks { try chunk.withUnsafeReadableBytes { try stream.append($0) } }
            return last ? try stream.finish(drain: Self.buffer) : try stream.process(drain: Self.buffer)
        }
    }

    private static func buffer(_ bytes: UnsafeRawBufferPointer) -> NIOCore.ByteBuffer {
        NIOCore.ByteBuffer(bytes: bytes)
    }
}
