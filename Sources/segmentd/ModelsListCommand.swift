import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore

/// `segmentd models list`: every registered version, oldest first.
struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered model versions: version, label, created, training rows, k, silhouette, "
            + "alias, parent.",
        discussion: """
            Examples:
              segmentd models list
              segmentd models list --json | jq -r '.[] | select(.aliases | index("champion")) | .version'
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Print a JSON array, one object per version.")
    var json = false

    func run() async throws {
        let entries = try ModelsCommand.registry(daemonOptions).entries()
        for entry in entries where entry.problem != nil {
            FileHandle.standardError.write(Data("warning: \(entry.problem ?? "")\n".utf8))
        }
        if json {
            FileHandle.standardOutput.write(try Self.jsonData(entries))
        } else {
            print(Self.table(entries), terminator: "")
        }
    }

    /// The text table, columns padded to their widest cell.
    static func table(_ entries: [ModelRegistry.Entry]) -> String {
        var rows = [["VERSION", "LABEL", "CREATED", "ROWS", "K", "SILHOUETTE", "ALIAS", "PARENT"]]
        for entry in entries {
            let model = entry.model
            rows.append([
                entry.version, model?.label ?? "-", model?.createdAt ?? "(unreadable)",
                model.map { "\($0.trainingData.rows)" } ?? "-", model.map { "\($0.kmeans.k)" } ?? "-",
                model.map { String(format: "%.4f", $0.kmeans.silhouette) } ?? "-",
                entry.aliases.isEmpty ? "-" : entry.aliases.map(\.rawValue).joined(separator: ","),
                model?.parent ?? "-",
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }

    /// One object per version; absent values are null, so every object has every key.
    static func jsonData(_ entries: [ModelRegistry.Entry]) throws -> Data {
        let objects: [[String: Any]] = entries.map { entry in
            let model = entry.model
            return [
                "version": entry.version, "label": model?.label ?? NSNull(),
                "created_at": model?.createdAt ?? NSNull(),
                "training_rows": model?.trainingData.rows ?? NSNull(), "k": model?.kmeans.k ?? NSNull(),
                "silhouette": model?.kmeans.silhouette ?? NSNull(), "aliases": entry.aliases.map(\.rawValue),
                "parent": model?.parent ?? NSNull(), "problem": entry.problem ?? NSNull(),
            ]
        }
        var data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }
}

/// `segmentd models show V`: one version: where it is, its aliases and lineage, then the model report.
struct ModelsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Describe one registered version: aliases, label, parent, file, then the model report.",
        discussion: """
            Examples:
              segmentd models show champion
              segmentd models show m-3f2a --json > model.json
            """
    )

    @Argument(help: "Version, unique prefix, label or alias.")
    var version: String

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Print the model document as JSON.")
    var json = false

    func run() async throws {
        let registry = try ModelsCommand.registry(daemonOptions)
        let resolved = try registry.resolve(version)
        let model = try registry.model(resolved)
        if json {
            FileHandle.standardOutput.write(try model.jsonData())
            return
        }
        let aliases = try registry.readAliases()
        let named = ModelRegistry.Alias.allCases.filter { aliases[$0] == resolved }.map(\.rawValue)
        print("version:  \(resolved)")
        print("label:    \(model.label ?? "-")")
        print("aliases:  \(named.isEmpty ? "-" : named.joined(separator: ", "))")
        print("parent:   \(model.parent ?? "-")")
        print("file:     \(registry.path(of: resolved))\n")
        print(ModelReport.text(model), terminator: "")
    }
}
