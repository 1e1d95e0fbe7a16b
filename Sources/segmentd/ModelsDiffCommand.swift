import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore

/// `segmentd models diff A B`: how the segments of A map onto B's.
struct ModelsDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "For each segment of A: its best match in B, the share of each, and the centroid distance.",
        discussion: """
            Segments are matched as train --previous matches them: an optimal one-to-one pairing of the centroids, \
            carried back to feature space and standardised with A's scaler; the distance is measured there. A \
            segment of A without a partner (A has more segments) shows "-".

            Examples:
              segmentd models diff champion challenger
              segmentd models diff previous champion --json
            """
    )

    @Argument(help: "Version, unique prefix, label or alias of the first model.")
    var first: String

    @Argument(help: "Version, unique prefix, label or alias of the second model.")
    var second: String

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Print the comparison as JSON.")
    var json = false

    func run() async throws {
        let registry = try ModelsCommand.registry(daemonOptions)
        let a = try registry.model(named: first)
        let b = try registry.model(named: second)
        let matches = try registry.diff(a, b)
        if json {
            FileHandle.standardOutput.write(try Self.jsonData(a, b, matches))
        } else {
            print(Self.text(a, b, matches), terminator: "")
        }
    }

    static func text(_ a: SegmentModel, _ b: SegmentModel, _ matches: [SegmentCorrespondence]) -> String {
        var rows = [["SEGMENT OF A", "SHARE A", "MATCH IN B", "SHARE B", "CHANGE", "DISTANCE"]]
        for match in matches {
            let mine = segment(match.segment, of: a)
            let theirs = match.match.flatMap { segment($0, of: b) }
            rows.append([
                "\(match.segment) \(mine?.name ?? "?")", percent(mine?.share),
                theirs.map { "\($0.id) \($0.name)" } ?? "-", percent(theirs?.share),
                theirs.map { String(format: "%+.1f pt", (($0.share) - (mine?.share ?? 0)) * 100) } ?? "-",
                match.distance.map { String(format: "%.3f", $0) } ?? "-",
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let table = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
        return "A: \(ModelsCommand.named(a))\nB: \(ModelsCommand.named(b))\n\n" + table
    }

    static func jsonData(_ a: SegmentModel, _ b: SegmentModel, _ matches: [SegmentCorrespondence]) throws -> Data {
        func describe(_ model: SegmentModel) -> [String: Any] {
            ["version": model.modelVersion, "label": model.label ?? NSNull()]
        }
        let segments: [[String: Any]] = matches.map { match in
            let mine = segment(match.segment, of: a)
            let theirs = match.match.flatMap { segment($0, of: b) }
            let partner: Any =
                theirs.map { ["segment": $0.id, "name": $0.name, "share": $0.share] as [String: Any] } ?? NSNull()
            return [
                "segment": match.segment, "name": mine?.name ?? NSNull(), "share": mine?.share ?? NSNull(),
                "match": partner, "distance": match.distance ?? NSNull(),
                "share_change": theirs.map { $0.share - (mine?.share ?? 0) } ?? NSNull(),
            ]
        }
        let document: [String: Any] = ["a": describe(a), "b": describe(b), "segments": segments]
        var data = try JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    private static func segment(_ id: Int, of model: SegmentModel) -> SegmentModel.Segment? {
        model.segments.first { $0.id == id }
    }

    private static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }
}
