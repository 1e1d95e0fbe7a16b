import Foundation
import GRDB
package import SegmentPlugin

/// Moves between segments over the last committed files of the migration history, for `segmentd report --compare`:
/// every stored row keeps the segment its customer had before the file and the one the file gave it, so the flows
/// are counted from the stored rows alone, with no replay of the history.
package struct MigrationFlows: Sendable, Equatable {
    /// The files counted, oldest first.
    package var files: [String]
    /// Segment names by code; code 0 is the empty name (a customer seen for the first time).
    package var names: [String]
    /// Rows by (code before, code after), row-major over `names.count` columns.
    package var counts: [Int]

    /// Rows whose customer had segment code `before` and got `after`.
    package func count(_ before: Int, _ after: Int) -> Int { counts[before * names.count + after] }

    /// Reads the flows of the last `lastFiles` files of the history the migration settings `settings` name (its
    /// relative `database` resolved in `stateDirectory`, as the plugin does); nil when that database does not exist
    /// (the plugin has not committed a file). Opens it as the plugin does; reads only.
    /// - Throws: `PluginError` for unusable settings or an unreadable or corrupt history.
    package static func read(
        settings: PluginSettings, stateDirectory: String, lastFiles: Int
    ) throws(PluginError) -> MigrationFlows? {
        let context = PluginContext(stateDirectory: stateDirectory, baseDirectory: stateDirectory, segmentNames: [])
        let path = try MigrationSettings(settings: settings, context: context).databasePath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let store = try MigrationStore(path: path)
        return try store.read("read the flows of") { db in
            let names = try MigrationStore.segmentNames(db).names
            let files = try Row.fetchAll(
                db, sql: "SELECT seq, name FROM files ORDER BY seq DESC LIMIT ?", arguments: [max(lastFiles, 0)]
            ).reversed()
            var flows = MigrationFlows(
                files: files.map { $0["name"] }, names: names,
                counts: [Int](repeating: 0, count: names.count * names.count))
            guard let first: Int = files.first?["seq"] else { return flows }
            let parts = try Row.fetchCursor(
                db, sql: "SELECT seq, part, assignments FROM file_parts WHERE seq >= ? ORDER BY seq, part",
                arguments: [first])
            while let row = try parts.next() {
                let label = "file \(row["seq"] as Int) part \(row["part"] as Int)"
                try MigrationStore.withBlob(row, label: label) { blob in
                    var reader = BlobReader(blob, label: label)
                    let ids = try reader.keys()
                    let before = try reader.codes(ids.count)
                    let after = try reader.codes(ids.count)
                    for entry in 0..<ids.count {
                        let from = Int(before[entry]), to = Int(after[entry])
                        guard from < names.count, to < names.count else {
                            throw reader.corrupt("names an unknown segment code \(max(from, to))")
                        }
                        flows.counts[from * names.count + to] += 1
                    }
                }
            }
            return flows
        }
    }
}
