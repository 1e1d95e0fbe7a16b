import SegmentPlugin
import Foundation
import GRDB

extension MigrationStore {
    /// Customers per snapshot part: a part's BLOB stays around 3–4 MB for typical ids.
    static let snapshotPartSize = 262_144

    /// Stores the latest segment of every customer in `index` as the state after file `sequence`, and drops
    /// older snapshots, in one transaction.
    func writeSnapshot(of index: CustomerTable, after sequence: Int) throws(PluginError) {
        try write("write a snapshot to") { db in
            // The snapshot row first: its parts refer to it.
            try db.execute(
                sql: "INSERT INTO snapshots (seq, customers, created_at) VALUES (?, ?, ?)",
                arguments: [sequence, index.count, Date().ISO8601Format()])
            let part = try db.makeStatement(
                sql: "INSERT INTO snapshot_parts (seq, part, customers, assignments) VALUES (?, ?, ?, ?)")
            var start = 0
            var number = 0
            while start < index.count {
                let range = start..<min(index.count, start + Self.snapshotPartSize)
                try part.execute(arguments: [
                    sequence, number, range.count, Data(Self.encodedSnapshotPart(index, range)),
                ])
                start = range.upperBound
                number += 1
            }
            try db.execute(sql: "DELETE FROM snapshot_parts WHERE seq < ?", arguments: [sequence])
            try db.execute(sql: "DELETE FROM snapshots WHERE seq < ?", arguments: [sequence])
        }
    }

    /// Customers `range` of `index`: an id list, then one segment code per customer.
    private static func encodedSnapshotPart(_ index: CustomerTable, _ range: Range<Int>) -> [UInt8] {
        var ends: [Int] = []
        var codes: [UInt16] = []
        ends.reserveCapacity(range.count)
        codes.reserveCapacity(range.count)
        var keyBytes = 0
        index.forEach(in: range) { key, code in
            keyBytes += key.count
            ends.append(keyBytes)
            codes.append(code)
        }
        var writer = BlobWriter()
        writer.reserve(4 + range.count * 6 + keyBytes)
        writer.append(UInt32(range.count))
        writer.appendWords(range.count) { ends[$0] }
        index.forEach(in: range) { key, _ in writer.appendBytes(key) }
        writer.appendCodes(codes[...])
        return writer.bytes
    }
}
