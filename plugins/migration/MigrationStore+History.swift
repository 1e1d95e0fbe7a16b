import SegmentPlugin
import Foundation
import GRDB

/// What opening the store reads back.
struct LoadedHistory {
    /// The latest segment of every customer.
    var table: CustomerTable
    /// Segment names by code; code 0 (no segment) is the empty name.
    var segmentNames: [String]
    /// The model lineage of each code (``MigrationState/code(for:lineage:)``); empty when not known.
    var segmentLineages: [String]
    /// Sequence number of the last committed file, 0 when none.
    var lastSequence: Int
    /// Rows committed after the latest snapshot (what the next open replays).
    var rowsSinceSnapshot: Int
}

/// One input file to commit.
struct FileRecord {
    /// SHA-256 of the input (lowercase hex).
    var sha256: String
    /// The input's file name.
    var name: String
    /// Its rows with previous and current segment codes.
    var assignments: FileAssignments
}

extension MigrationStore {
    /// Reads the latest snapshot and the files committed after it into a new index.
    func load() throws(PluginError) -> LoadedHistory {
        try read("read") { db in
            let (names, lineages) = try Self.segmentNames(db)
            let snapshot = try Row.fetchOne(db, sql: "SELECT seq, customers FROM snapshots ORDER BY seq DESC LIMIT 1")
            let snapshotSequence: Int = snapshot?["seq"] ?? 0
            let customers: Int = snapshot?["customers"] ?? 0
            // length() of a BLOB reads no content: the snapshot's id bytes, for one exact reservation.
            let blobBytes =
                try Int.fetchOne(
                    db, sql: "SELECT coalesce(sum(length(assignments)), 0) FROM snapshot_parts WHERE seq = ?",
                    arguments: [snapshotSequence]) ?? 0
            var index = CustomerTable(reservingCustomers: customers, keyBytes: max(0, blobBytes - customers * 6))
            let parts = try Row.fetchCursor(
                db, sql: "SELECT part, assignments FROM snapshot_parts WHERE seq = ? ORDER BY part",
                arguments: [snapshotSequence])
            while let row = try parts.next() {
                let label = "snapshot \(snapshotSequence) part \(row["part"] as Int)"
                try Self.withBlob(row, label: label) { blob in
                    var reader = BlobReader(blob, label: label)
                    let ids = try reader.keys()
                    let codes = try reader.codes(ids.count)
                    guard reader.isAtEnd else { throw reader.corrupt("has bytes after its customers") }
                    for entry in 0..<ids.count where codes[entry] == 0 || Int(codes[entry]) >= names.count {
                        throw reader.corrupt("names an unknown segment code \(codes[entry])")
                    }
                    index.upsertMany(
                        count: ids.count, allAbsent: true, keyAt: { ids.key(at: $0) },
                        segmentAt: { codes[$0] })
                }
            }
            guard index.count == customers else {
                throw BlobReader(UnsafeRawBufferPointer(start: nil, count: 0), label: "snapshot \(snapshotSequence)")
                    .corrupt("holds \(index.count) customers instead of \(customers)")
            }
            let rowsSince = try Self.replayFiles(after: snapshotSequence, into: &index, names: names, db)
            let last = try Int.fetchOne(db, sql: "SELECT max(seq) FROM files") ?? 0
            return LoadedHistory(
                table: index, segmentNames: names, segmentLineages: lineages, lastSequence: last,
                rowsSinceSnapshot: rowsSince)
        }
    }

    /// Whether the input with `sha256` was committed.
    func isCommitted(sha256: String) throws(PluginError) -> Bool {
        try read("read") { db in
            try Int.fetchOne(db, sql: "SELECT 1 FROM files WHERE sha256 = ?", arguments: [sha256]) != nil
        }
    }

    /// The rows stored for the committed input with `sha256`, or nil when it was never committed.
    func storedFile(sha256: String) throws(PluginError) -> FileAssignments? {
        try read("read") { db in
            guard
                let sequence = try Int.fetchOne(db, sql: "SELECT seq FROM files WHERE sha256 = ?", arguments: [sha256])
            else { return nil }
            var assignments = FileAssignments()
            let parts = try Row.fetchCursor(
                db, sql: "SELECT part, assignments FROM file_parts WHERE seq = ? ORDER BY part", arguments: [sequence])
            while let row = try parts.next() {
                let label = "file \(sequence) part \(row["part"] as Int)"
                try Self.withBlob(row, label: label) { blob in
                    try assignments.appendPart(blob, label: label)
                }
            }
            return assignments
        }
    }

    /// Commits `file` as sequence `expectedLast + 1` in one transaction, with every segment name in `names`
    /// and its lineage in `lineages` (by code), and returns true; returns false, writing nothing, when the same
    /// input is committed already. Fails when another process committed meanwhile. For a spilled history the same
    /// transaction sets the file's customers in `latest` (see `LatestUpdate`).
    func commit(
        _ file: FileRecord, expectedLast: Int, names: [String], lineages: [String], latest: LatestUpdate = .none
    ) throws(PluginError) -> Bool {
        try write("write") { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM files WHERE sha256 = ?", arguments: [file.sha256]) != nil {
                return false
            }
            let last = try Int.fetchOne(db, sql: "SELECT max(seq) FROM files") ?? 0
            guard last == expectedLast else {
                throw PluginError(
                    .stateUnavailable, source: "migration",
                    problem: "\(path) was changed by another process (last file \(last), expected \(expectedLast))",
                    fix: "let only one segmentd daemon use a state directory, then restart it")
            }
            let sequence = last + 1
            let segment = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO segments (code, name, lineage) VALUES (?, ?, ?)")
            for (code, name) in names.enumerated().dropFirst() {
                try segment.execute(arguments: [code, name, code < lineages.count ? lineages[code] : ""])
            }
            try db.execute(
                sql: "INSERT INTO files (seq, sha256, name, rows, committed_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [sequence, file.sha256, file.name, file.assignments.count, Date().ISO8601Format()])
            let part = try db.makeStatement(
                sql: "INSERT INTO file_parts (seq, part, rows, assignments) VALUES (?, ?, ?, ?)")
            for index in 0..<file.assignments.partCount {
                let rows = file.assignments.rows(ofPart: index).count
                try part.execute(arguments: [sequence, index, rows, Data(file.assignments.encodedPart(index))])
            }
            if latest != .none {
                try Self.updateLatest(
                    with: file.assignments, onlyChanged: latest == .changedRows, sequence: sequence, db)
            }
            return true
        }
    }

    static func segmentNames(_ db: Database) throws -> (names: [String], lineages: [String]) {
        var names = [""]
        var lineages = [""]
        for row in try Row.fetchAll(db, sql: "SELECT code, name, lineage FROM segments ORDER BY code") {
            let code: Int = row["code"]
            guard code == names.count else {
                throw PluginError(
                    .stateUnavailable, source: "migration",
                    problem: "the segments table skips code \(names.count)",
                    fix: "restore the migration database from a backup, or move it aside")
            }
            names.append(row["name"])
            lineages.append(row["lineage"])
        }
        return (names, lineages)
    }

    private static func replayFiles(
        after sequence: Int, into index: inout CustomerTable, names: [String],
        _ db: Database
    ) throws -> Int {
        var rows = 0
        let parts = try Row.fetchCursor(
            db, sql: "SELECT seq, part, assignments FROM file_parts WHERE seq > ? ORDER BY seq, part",
            arguments: [sequence])
        while let row = try parts.next() {
            let label = "file \(row["seq"] as Int) part \(row["part"] as Int)"
            try withBlob(row, label: label) { blob in
                var reader = BlobReader(blob, label: label)
                let ids = try reader.keys()
                _ = try reader.codes(ids.count)
                let current = try reader.codes(ids.count)
                for entry in 0..<ids.count where current[entry] == 0 || Int(current[entry]) >= names.count {
                    throw reader.corrupt("names an unknown segment code \(current[entry])")
                }
                index.upsertMany(
                    count: ids.count, allAbsent: false, keyAt: { ids.key(at: $0) },
                    segmentAt: { current[$0] })
                rows += ids.count
            }
        }
        return rows
    }

    /// Calls `body` with the bytes of the row's `assignments` BLOB, in place.
    static func withBlob(_ row: Row, label: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try row.withUnsafeData(named: "assignments") { data in
            guard let data else {
                throw BlobReader(UnsafeRawBufferPointer(start: nil, count: 0), label: label).corrupt("is missing")
            }
            try data.withUnsafeBytes { try body($0) }
        }
    }
}
