import SegmentCore
package import SegmentIO
import SegmentPlugin

extension ScoringHost {
    /// The built-in plugins that run over HTTP without being listed in `[http] plugins`: campaign and pricing keep no
    /// per-customer state, and the migration monitor, over HTTP, only reads its history (requests open trial
    /// sessions, which compute against the committed state and never write). Any other plugin, exec included, runs
    /// over HTTP only when `[http] plugins` lists it.
    package static let pluginsOverHTTP: Set<String> = ["campaign", "pricing", "migration"]

    /// This host with only the enabled plugins that may run over HTTP: ``pluginsOverHTTP`` and those `listed`
    /// (`[http] plugins`, by their settings file's name or the plugin's name). Its `outputSchema` is the HTTP one.
    package func forHTTP(allowing listed: [String]) -> ScoringHost {
        let listed = Set(listed)
        var host = self
        host.plugins = plugins.keeping { member in
            let name = type(of: member.plugin).descriptor.name
            return Self.pluginsOverHTTP.contains(name) || listed.contains(name)
                || listed.contains(member.configuration.name)
        }
        host.outputSchema = Self.schema(scorer: scorer, plugins: host.plugins)
        return host
    }

    /// `POST /v1/segment` without the HTTP: scores the one customer of `body` (a JSON object with the model's raw
    /// input columns, read with the rules of a JSONL line) through the scorer and the plugins, and returns the
    /// result object (`ResultWriter`'s fields, no `index`) with a final line feed.
    /// - Throws: `missingColumns` naming every needed key the object lacks (the id column first, then the model's
    ///   raw input columns in order; null is allowed and imputed, absence is not); `invalidBody` when the body is
    ///   not one JSON object; `invalidRecord` (with the column) when the object cannot be scored; plugin failures.
    package func scoreCustomer(_ body: UnsafeRawBufferPointer, maxBytes: Int = 1 << 20) throws(ScoringInputError)
        -> [UInt8]
    {
        try scoreCustomer(body, template: resultTemplate(.json), maxBytes: maxBytes)
    }

    /// The result bytes of `format` that depend only on this host, for the writers of its requests.
    func resultTemplate(_ format: ResponseFormat) -> ResultTemplate {
        ResultTemplate(
            format: format, modelVersion: modelVersion, segments: segments,
            plugins: plugins.scoringPlugins.flatMap { $0.plugin.outputSchema })
    }

    /// `scoreCustomer` writing with `template` (this host's JSON template).
    func scoreCustomer(_ body: UnsafeRawBufferPointer, template: ResultTemplate, maxBytes: Int)
        throws(ScoringInputError) -> [UInt8]
    {
        guard body.first(where: { !Self.isSpace($0) }) == UInt8(ascii: "{") else {
            throw ScoringInputError(
                .invalidBody,
                "The body is not a JSON object. Send one customer as an object with the columns "
                    + "\(([scorer.idColumn] + scorer.inputColumns).joined(separator: ", ")).")
        }
        let stream = RecordStream(
            format: .jsonObject, idColumn: scorer.idColumn, inputColumns: scorer.inputColumns,
            maxRecordBytes: maxBytes)
        var records = ParsedRecords(width: scorer.inputColumns.count)
        try stream.feed(body, into: &records)
        try stream.finish(into: &records)
        // A line is read up to its first fault, so the keys after a bad value are unseen: then the reject says
        // more. Without the id key the line was read to its end, and every absent key is known.
        let missing = stream.keysNeverSeen(includingID: true)
        if let reject = records.rejects.first, !missing.contains(scorer.idColumn) {
            throw ScoringInputError(
                .invalidRecord, "The customer cannot be scored: \(reject.reason).", column: reject.column, index: 0)
        }
        guard missing.isEmpty else {
            let plural = missing.count == 1 ? "" : "s"
            throw ScoringInputError(
                .missingColumns,
                "The customer lacks the key\(plural) \(missing.joined(separator: ", ")). The model reads the raw "
                    + "columns \(([scorer.idColumn] + scorer.inputColumns).joined(separator: ", ")) and derives its "
                    + "features from them itself; send every one (null is allowed and filled with the training "
                    + "median; letter case is ignored).", missingColumns: missing)
        }
        if let reject = records.rejects.first {
            throw ScoringInputError(
                .invalidRecord, "The customer cannot be scored: \(reject.reason).", column: reject.column, index: 0)
        }
        let scorer = RequestScorer(host: self, template: template)
        let out = ByteBuffer(capacity: 1024)
        try scorer.scoreOne(records, into: out)
        try scorer.finish()
        return Array(out.bytes)
    }

    /// `scoreCustomer` for bytes held in an array.
    package func scoreCustomer(_ body: [UInt8], maxBytes: Int = 1 << 20) throws(ScoringInputError) -> [UInt8] {
        var result: Result<[UInt8], ScoringInputError> = .success([])
        body.withUnsafeBytes { raw in
            do throws(ScoringInputError) {
                result = .success(try scoreCustomer(raw, maxBytes: maxBytes))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
