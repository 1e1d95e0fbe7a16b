import SegmentIO
import SegmentPlugin
import SegmentSupport

/// The formats of a scoring response.
package enum ResponseFormat: String, Sendable, CaseIterable {
    /// `application/json`: `{"model_version":…,"results":[…],"rejects":[…]}` (one object for `POST /v1/segment`).
    case json
    /// `application/x-ndjson`: one result per line with `index`; a reject is `{"index":i,"error":{…}}` in line.
    case ndjson
    /// `text/csv`: the columns of ``ResultWriter/csvColumns(plugins:)``; a reject is a row with `error` set.
    case csv
}

/// The bytes of a response format that depend only on the host (model version, segments, plugin columns): rendered
/// once per host and format and shared by every request's ``ResultWriter``, not rebuilt per request.
final class ResultTemplate: Sendable {
    let format: ResponseFormat
    let modelVersion: String
    /// Per segment: JSON `,"segment_id":…,"confidence":`; CSV `,id,name,description,strategy,priority,`.
    let segmentBytes: [[UInt8]]
    let middle: [UInt8]
    /// JSON `,"model_version":"…"`; CSV `,"…"`.
    let versionBytes: [UInt8]
    let pluginTypes: [PluginColumnType]
    /// Per plugin column: `,"name":` (JSON) or `,` (CSV).
    let pluginPrefixes: [[UInt8]]
    /// What a response starts with: the JSON object's opening and `model_version`, or the CSV header.
    let opening: [UInt8]

    init(format: ResponseFormat, modelVersion: String, segments: [SegmentDetail], plugins: [PluginOutputColumn]) {
        self.format = format
        self.modelVersion = modelVersion
        pluginTypes = plugins.map(\.type)
        switch format {
        case .json, .ndjson:
            segmentBytes = segments.enumerated().map { id, segment in
                Array(",\"segment_id\":\(id),\"segment_name\":".utf8) + JSONString.quoted(segment.name)
                    + Array(",\"description\":".utf8) + JSONString.quoted(segment.description)
                    + Array(",\"marketing_strategy\":".utf8) + JSONString.quoted(segment.marketingStrategy)
                    + Array(",\"retention_priority\":".utf8) + JSONString.quoted(segment.retentionPriority)
                    + Array(",\"confidence\":".utf8)
            }
            middle = Array(",\"distance\":".utf8)
            versionBytes = Array(",\"model_version\":".utf8) + JSONString.quoted(modelVersion)
            pluginPrefixes = plugins.map { PluginValueWriter.jsonKey($0.name) }
        case .csv:
            let comma = [UInt8(ascii: ",")]
            segmentBytes = segments.enumerated().map { id, segment in
                comma + Array(String(id).utf8) + comma + CSVEscaping.escaped(segment.name) + comma
                    + CSVEscaping.escaped(segment.description) + comma
                    + CSVEscaping.escaped(segment.marketingStrategy) + comma
                    + CSVEscaping.escaped(segment.retentionPriority) + comma
            }
            middle = comma
            versionBytes = comma + CSVEscaping.escaped(modelVersion)
            pluginPrefixes = plugins.map { _ in comma }
        }
        switch format {
        case .json:
            opening =
                Array("{\"model_version\":".utf8) + JSONString.quoted(modelVersion) + Array(",\"results\":[".utf8)
        case .ndjson: opening = []
        case .csv:
            opening =
                Array(
                    ResultWriter.csvColumns(plugins: plugins.map(\.name)).map(CSVEscaping.escaped).joined(separator: [
                        44
                    ]))
                + [UInt8(ascii: "\n")]
        }
    }
}

/// Writes scoring results, rejects and the closing or failure of a response, in one ``ResponseFormat``.
///
/// A result holds `customer_id`, `segment_id`, `segment_name`, `description`, `marketing_strategy`,
/// `retention_priority`, `confidence` and `distance` (six decimals), `model_version`, then every plugin column,
/// written as its declared type says (JSON null / empty CSV field when missing). The bytes that depend only on the
/// segment are rendered once per host (``ResultTemplate``); a result appends them and writes its numbers in place,
/// allocating nothing per row.
final class ResultWriter {
    let format: ResponseFormat
    private let template: ResultTemplate
    /// JSON: the rejects, held until the results are closed.
    private let heldRejects = ByteBuffer(capacity: 4096)
    private(set) var heldRejectCount = 0
    private var resultCount = 0

    /// The fixed columns of a CSV response before the plugins' and after them.
    static let csvLeadingColumns = [
        "index", "customer_id", "segment_id", "segment_name", "description", "marketing_strategy",
        "retention_priority", "confidence", "distance", "model_version",
    ]
    static let csvTrailingColumns = ["error_column", "error"]

    /// The columns of a CSV response whose plugins add `plugins` (in order).
    package static func csvColumns(plugins: [String]) -> [String] {
        csvLeadingColumns + plugins + csvTrailingColumns
    }

    init(template: ResultTemplate) {
        format = template.format
        self.template = template
    }

    private var modelVersion: String { template.modelVersion }

    /// About the bytes of one CSV or NDJSON result line (the longest segment's, the version, an id and two numbers,
    /// the plugin columns): room to reserve for many.
    var estimatedLineBytes: Int {
        (template.segmentBytes.map(\.count).max() ?? 0) + versionBytes.count + 64 + 24 * pluginTypes.count
    }
    private var versionBytes: [UInt8] { template.versionBytes }
    private var pluginTypes: [PluginColumnType] { template.pluginTypes }

    /// What a response starts with: the JSON object's opening and `model_version`, or the CSV header.
    func opening(into out: ByteBuffer) {
        out.append(template.opening)
    }

    /// One result: a line of NDJSON or CSV, an element of the JSON `results`, or (no `index`) the one object of
    /// `POST /v1/segment`. The plugin columns are those of `row` in `plugins` (all missing without).
    func result(
        index: Int?, id: String, segment: Int, confidence: Double, distance: Double,
        plugins: PluginPieceResult?, row: Int, into out: ByteBuffer
    ) {
        let json = format != .csv
        if format == .json && index != nil {
            if resultCount > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            resultCount += 1
        }
        if json {
            if let index {
                out.appendLiteral("{\"index\":")
                appendInteger(index, to: out)
                out.appendLiteral(",\"customer_id\":")
            } else {
                out.appendLiteral("{\"customer_id\":")
            }
            appendJSONString(id, to: out)
        } else {
            appendInteger(index ?? 0, to: out)
            out.append(UInt8(ascii: ","))
            Self.withBytes(id) { CSVEscaping.appendField($0, to: out) }
        }
        out.append(template.segmentBytes[segment])
        appendNumber(confidence, to: out)
        out.append(template.middle)
        appendNumber(distance, to: out)
        out.append(template.versionBytes)
        if !pluginTypes.isEmpty { appendPluginColumns(plugins, row: row, json: json, to: out) }
        if json {
            out.append(UInt8(ascii: "}"))
            if format == .ndjson || index == nil { out.append(UInt8(ascii: "\n")) }
        } else {
            out.appendLiteral(",,\n")
        }
    }

    /// The plugins' columns of `row`, in output order: each plugin's columns at that row's place in its batch.
    private func appendPluginColumns(_ piece: PluginPieceResult?, row: Int, json: Bool, to out: ByteBuffer) {
        var column = 0
        func append(_ value: PluginValue) {
            out.append(template.pluginPrefixes[column])
            if json {
                PluginValueWriter.appendJSON(value, type: pluginTypes[column], to: out)
            } else {
                PluginValueWriter.appendCSV(value, type: pluginTypes[column], to: out)
            }
            column += 1
        }
        if let piece {
            for (plugin, result) in piece.results.enumerated() {
                let position = piece.positions[plugin].isEmpty ? row : piece.positions[plugin][row]
                for index in 0..<result.columnCount { append(result[position, index]) }
            }
        }
        while column < pluginTypes.count { append(.missing) }
    }

    /// One rejected record: in line (NDJSON, CSV) or held for the JSON `rejects` array.
    func reject(_ reject: RecordReject, into out: ByteBuffer) {
        switch format {
        case .json:
            heldRejects.append(heldRejectCount == 0 ? UInt8(ascii: "\n") : UInt8(ascii: ","))
            if heldRejectCount > 0 { heldRejects.append(UInt8(ascii: "\n")) }
            heldRejectCount += 1
            heldRejects.append(Array("{\"index\":\(reject.index)".utf8))
            if let line = reject.line { heldRejects.append(Array(",\"line\":\(line)".utf8)) }
            appendCause(column: reject.column, reason: reject.reason, to: heldRejects)
            heldRejects.append(UInt8(ascii: "}"))
        case .ndjson:
            out.append(Array("{\"index\":\(reject.index)".utf8))
            if let line = reject.line { out.append(Array(",\"line\":\(line)".utf8)) }
            out.append(Array(",\"error\":{".utf8))
            appendCause(column: reject.column, reason: reject.reason, to: out, first: true)
            out.append(Array("}}\n".utf8))
        case .csv:
            out.append(Array("\(reject.index),,,,,,,,".utf8))
            out.append(versionBytes)
            for _ in pluginTypes { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: ","))
            Self.withBytes(reject.column ?? "") { CSVEscaping.appendField($0, to: out) }
            out.append(UInt8(ascii: ","))
            Self.withBytes(reject.reason) { CSVEscaping.appendField($0, to: out) }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// What a complete response ends with: the JSON `rejects` and the object's end.
    func closing(into out: ByteBuffer) {
        guard format == .json else { return }
        out.append(Array((resultCount == 0 ? "]" : "\n]").utf8))
        appendRejects(to: out)
        out.append(Array("}\n".utf8))
    }

    /// What a response that broke off after its start ends with: the final error record.
    func failure(_ error: ScoringInputError, into out: ByteBuffer) {
        switch format {
        case .json:
            out.append(Array((resultCount == 0 ? "]" : "\n]").utf8))
            appendRejects(to: out)
            out.append(Array(",\"error\":".utf8))
            appendErrorObject(error, to: out)
            out.append(Array("}\n".utf8))
        case .ndjson:
            out.append(Array("{\"error\":".utf8))
            appendErrorObject(error, to: out)
            out.append(Array("}\n".utf8))
        case .csv:
            out.append(Array(",,,,,,,,".utf8))
            out.append(versionBytes)
            for _ in pluginTypes { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: ","))
            Self.withBytes(error.column ?? "") { CSVEscaping.appendField($0, to: out) }
            out.append(UInt8(ascii: ","))
            Self.withBytes("the response stopped: \(error.code.slug): \(error.message)") {
                CSVEscaping.appendField($0, to: out)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    private func appendRejects(to out: ByteBuffer) {
        out.append(Array(",\"rejects\":[".utf8))
        if heldRejects.count > 0 {
            out.append(heldRejects.base, count: heldRejects.count)
            out.append(UInt8(ascii: "\n"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendErrorObject(_ error: ScoringInputError, to out: ByteBuffer) {
        out.append(Array("{\"code\":".utf8))
        appendJSONString(error.code.slug, to: out)
        if let index = error.index { out.append(Array(",\"index\":\(index)".utf8)) }
        if let line = error.line { out.append(Array(",\"line\":\(line)".utf8)) }
        appendCause(column: error.column, reason: error.message, to: out)
        out.append(UInt8(ascii: "}"))
    }

    /// `,"column":…,"reason":…` (without the first comma when `first`).
    private func appendCause(column: String?, reason: String, to out: ByteBuffer, first: Bool = false) {
        if let column {
            out.append(Array((first ? "\"column\":" : ",\"column\":").utf8))
            appendJSONString(column, to: out)
            out.append(Array(",\"reason\":".utf8))
        } else {
            out.append(Array((first ? "\"reason\":" : ",\"reason\":").utf8))
        }
        appendJSONString(reason, to: out)
    }

    private func appendJSONString(_ text: String, to out: ByteBuffer) {
        JSONString.withUTF8(text) { bytes in
            out.reserve(JSONString.maxQuotedLength(bytes.count))
            out.count += JSONString.write(bytes, to: out.end)
        }
    }

    private func appendInteger(_ value: Int, to out: ByteBuffer) {
        out.reserve(32)
        out.count += FixedPointFormatter.writeInteger(value, to: out.end)
    }

    private func appendNumber(_ value: Double, to out: ByteBuffer) {
        out.reserve(FixedPointFormatter.maxLength)
        out.count += FixedPointFormatter.write(value, fractionDigits: 6, to: out.end)
    }

    private static func withBytes(_ text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        JSONString.withUTF8(text, body)
    }
}
