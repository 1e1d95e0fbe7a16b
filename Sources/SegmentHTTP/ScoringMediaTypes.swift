import Foundation
import HTTPTypes
import ScoringHost
import SegmentIO

/// The media types of the scoring endpoints: which body formats a `Content-Type` names (else 415), and which
/// response format an `Accept` header asks for (else 406).
enum ScoringMediaTypes {
    /// What `POST /v1/segment/batch` reads.
    static let batchBodies = ["text/csv", "application/x-ndjson", "application/json"]

    /// The body format `contentType` names; nil for any other (415). Parameters (`; charset=utf-8`) are ignored;
    /// `application/ndjson` and `application/jsonl` are read as NDJSON too.
    static func body(_ contentType: String?) -> BodyFormat? {
        // The spellings clients send, matched as they are: parsing the header costs more than scoring a customer.
        switch contentType {
        case "application/json": return .jsonArray
        case "text/csv": return .csv
        case "application/x-ndjson": return .ndjson
        default: break
        }
        return switch contentType.map(mediaType) {
        case "text/csv": .csv
        case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines": .ndjson
        case "application/json": .jsonArray
        default: nil
        }
    }

    /// The response format `accept` asks for, `fallback` (the request's format) when it has no preference; nil
    /// when no acceptable type is one of JSON, NDJSON and CSV (406). Ranges are taken by `q`, highest first, then
    /// in the order written; `q=0` excludes.
    static func response(_ accept: String?, fallback: ResponseFormat) -> ResponseFormat? {
        switch accept {
        case nil, "*/*": return fallback
        case "application/json": return .json
        case "application/x-ndjson": return .ndjson
        case "text/csv": return .csv
        default: break
        }
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return fallback }
        var ranges: [(type: String, q: Double, order: Int)] = []
        for (order, item) in accept.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0 { ranges.append((type, q, order)) }
        }
        ranges.sort { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }
        for range in ranges {
            switch range.type {
            case "*/*": return fallback
            case "application/json": return .json
            case "application/x-ndjson", "application/ndjson", "application/jsonl": return .ndjson
            case "text/csv", "text/*": return .csv
            case "application/*": return fallback == .csv ? .json : fallback
            default: continue
            }
        }
        return nil
    }

    /// The `Content-Type` of a response in `format`.
    static func contentType(_ format: ResponseFormat) -> String {
        switch format {
        case .json: "application/json"
        case .ndjson: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The response format that mirrors a body format.
    static func mirror(_ body: BodyFormat) -> ResponseFormat {
        switch body {
        case .csv: .csv
        case .ndjson: .ndjson
        case .jsonArray, .jsonObject: .json
        }
    }

    /// `type/subtype`, lower-cased, without parameters.
    static func mediaType(_ value: String) -> String {
        (value.split(separator: ";").first.map(String.init) ?? value).trimmingCharacters(in: .whitespaces)
            .lowercased()
    }
}

extension Problem {
    /// The problem document of a request that cannot be scored as a whole.
    init(_ error: ScoringInputError) {
        let (status, title): (HTTPResponse.Status, String) =
            switch error.code {
            case .missingColumns: (.unprocessableContent, "Missing columns")
            case .invalidHeader: (.unprocessableContent, "Invalid CSV header")
            case .invalidRecord: (.unprocessableContent, "Customer cannot be scored")
            case .recordTooLong: (.contentTooLarge, "Record too long")
            case .tooManyRows: (.contentTooLarge, "Too many rows")
            case .bodyTooLarge: (.contentTooLarge, "Request body too large")
            case .tooManyRejects: (.unprocessableContent, "Too many rejects")
            case .pluginFailed: (.unprocessableContent, "Plugin failed")
            case .pluginUnavailable: (.serviceUnavailable, "Plugin state unavailable")
            case .emptyBody: (.badRequest, "Empty body")
            default: (.badRequest, "Invalid body")
            }
        self.init(status, slug: error.code.slug, title: title, detail: error.message)
        if !error.missingColumns.isEmpty { missingColumns = error.missingColumns }
        if error.index != nil || error.line != nil || error.column != nil {
            errors = [Item(index: error.index, line: error.line, column: error.column, reason: error.message)]
        }
    }

    /// 406: `Accept` names no format the endpoint writes.
    static func notAcceptable(_ accept: String, offered: [String]) -> Problem {
        Problem(
            .notAcceptable, slug: "not-acceptable", title: "Not acceptable",
            detail: "Accept \"\(accept)\" allows none of \(offered.joined(separator: ", ")), the formats of this "
                + "endpoint's responses")
    }
}
