import Foundation
import Logging
import PluginRegistry
@testable import ScoringHost
import SegmentCore
import SegmentIO

/// A host with the trained test model and the built-in plugins campaign, pricing and migration enabled, as the HTTP
/// server builds it (`forHTTP`), and bodies in every format made from the model fixture's generated rows.
struct RequestFixture {
    let scratch: Scratch
    let model: ModelFixture
    /// The host as loaded (what the daemon runs: its sessions commit).
    let fileHost: ScoringHost
    /// The same host for HTTP.
    let host: ScoringHost

    static let allPlugins = [
        "campaign": "enabled = true\n", "pricing": "enabled = true\n", "migration": "enabled = true\n",
    ]

    init(plugins: [String: String] = Self.allPlugins) throws {
        scratch = try Scratch()
        model = try ModelFixture.shared.get()
        for (name, text) in plugins { try scratch.write("plugins.d/\(name).toml", text) }
        let settings = HostSettings(
            model: model.modelPath, pipeline: nil, pluginsDirectory: scratch.file("plugins.d"),
            stateDirectory: scratch.file("var"), baseDirectory: scratch.path)
        fileHost = try ScoringHost(
            settings: settings, availablePlugins: BuiltInPlugins.all, logger: Logger(label: "request-tests"))
        host = fileHost.forHTTP(allowing: [])
    }

    var header: [String] { model.header.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    /// The first `count` generated rows as CSV fields.
    func fields(_ count: Int) -> [[String]] {
        model.rows.prefix(count).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// One row as a JSON object (blank → null, numbers as written).
    func object(_ fields: [String]) -> String {
        "{"
            + zip(header, fields).map { name, value in
                "\"\(name)\":" + (name == "CUST_ID" ? "\"\(value)\"" : value.isEmpty ? "null" : value)
            }.joined(separator: ",") + "}"
    }

    /// The rows as batch rows of the in-memory door, for comparing segments.
    func batchRows(_ count: Int) -> [BatchRow] {
        let columns = host.scorer.inputColumns.map { name in header.firstIndex { $0.lowercased() == name.lowercased() }!
        }
        return fields(count).map { row in BatchRow(id: row[0], values: columns.map { Double(row[$0]) ?? .nan }) }
    }

    /// Feeds `body` to a stream in pieces of the sizes `cuts` gives (cycled; nil: whole), and finishes it.
    func run(
        _ body: [UInt8], _ format: BodyFormat, _ response: ResponseFormat, cuts: [Int]? = nil,
        limits: ScoringLimits = ScoringLimits(pieceRows: 7), host: ScoringHost? = nil
    ) throws -> [UInt8] {
        let stream = BatchScoringStream(host: host ?? self.host, body: format, response: response, limits: limits)
        var out: [UInt8] = []
        var start = 0
        var cut = 0
        while start < body.count {
            let size = cuts.map { $0[cut % $0.count] } ?? body.count
            cut += 1
            let end = min(body.count, start + max(1, size))
            out += try stream.feed(Array(body[start..<end]))
            start = end
        }
        out += try stream.finish()
        return out
    }

    /// A JSON document's top-level object.
    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
    }

    /// Each line of an NDJSON document as an object.
    static func ndjson(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}
