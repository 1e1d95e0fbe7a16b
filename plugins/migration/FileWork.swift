import SegmentPlugin

/// Everything a session computes for one file, row by row: a value type, so the per-row loop runs on a local
/// copy without the runtime's exclusivity checks on class properties.
///
/// A fresh file is computed against the committed table (as of the batch) plus its own earlier rows: a customer
/// seen earlier in the same file has that row's segment as previous. A replay takes each row's previous segment
/// from the stored rows of the first run.
struct FileWork {
    /// Longest customer id accepted, in bytes.
    static let maximumKeyLength = 1024
    /// Rows whose lookups are warmed together: their cache lines stay in L1/L2 until used.
    static let warmBlock = 256
    /// Marks a row target that is a new customer (its number below) rather than a committed entry.
    static let newCustomerFlag: UInt32 = 1 << 31

    /// The rows committed for this input before, for a replay.
    let stored: FileAssignments?
    /// Committed entries when the session opened; entries at or above were added by commits since.
    let entriesAtStart: Int

    /// This file's rows with their previous and current segment codes.
    private(set) var rows = FileAssignments()
    /// Per row: the committed entry it updates, or `newCustomerFlag | n` for new customer `n`.
    private(set) var targets: [UInt32] = []
    /// Customers the committed table did not know.
    private(set) var newCustomers = NewCustomerTable()
    /// One bit per committed entry: seen in this file.
    private var seen: [UInt64]
    /// Last row of each committed entry, built on the first repeated customer only.
    private var lastRowOfEntry: [UInt32: Int]?
    /// Replay: the next stored row expected, and a lookup by id for rows that do not line up.
    private var storedCursor = 0
    private var storedByCustomer: CustomerTable?

    /// Names, ranks and column values by segment code.
    private(set) var codes: SegmentCodeCache
    /// Rows that changed segment: row, input line, confidence.
    private(set) var moves: [(row: Int, line: Int, confidence: Double)] = []
    /// Rows per `Migration` case.
    private(set) var counts = [Int](repeating: 0, count: Migration.allCases.count)
    /// Per batch: the hash of each row's id, and room for `CustomerTable.warm`.
    private var hashes: [UInt64] = []
    private var scratch: [Int] = []
    /// Keeps the warming loads alive.
    private(set) var warmed: UInt64 = 0

    init(stored: FileAssignments?, entriesAtStart: Int, settings: MigrationSettings) {
        self.stored = stored
        self.entriesAtStart = entriesAtStart
        seen = Array(repeating: 0, count: stored == nil ? (entriesAtStart + 63) / 64 : 0)
        codes = SegmentCodeCache(settings: settings)
    }

    /// Fills `output` for `batch` against the committed `table`.
    /// - Parameter lineage: the scoring model's lineage (``PluginFile/modelLineage``; empty when not known).
    mutating func process(
        _ batch: ScoredBatch, into output: inout PluginColumns, table: CustomerTable,
        state: MigrationState, lineage: String
    ) throws(PluginError) {
        let currentCodes = try codes.codes(forModel: batch.segmentNames, lineage: lineage, state: state)
        // Both columns are palettes: segment names by code (code 0, no segment, stays missing), and the four
        // migrations. A code named after the palette was made (another file committed it meanwhile) is stored
        // as a value, which adds it to the palette.
        let paletteCodes = codes.values.count
        output.usePalette(Array(codes.values.dropFirst()), for: 0)
        output.usePalette(codes.migrationValues, for: 1)
        hashes.removeAll(keepingCapacity: true)
        for id in batch.customerIDs { hashes.append(CustomerKey.withBytes(of: id) { CustomerKey.hash($0) }) }
        for row in 0..<batch.count {
            if stored == nil, row % Self.warmBlock == 0 {
                warm(rows: row..<min(batch.count, row + Self.warmBlock), table: table)
            }
            let segment = batch.segmentIDs[row]
            guard currentCodes.indices.contains(segment) else {
                output.fail(row: row, reason: "segment id \(segment) has no name in the model")
                continue
            }
            let current = currentCodes[segment]
            let recorded = CustomerKey.withBytes(of: batch.customerIDs[row]) { key -> UInt16? in
                guard !key.isEmpty, key.count <= Self.maximumKeyLength else { return nil }
                return record(key, hash: hashes[row], current: current, table: table)
            }
            guard let recorded else {
                output.fail(
                    row: row,
                    reason: batch.customerIDs[row].isEmpty
                        ? "the customer id is empty" : "the customer id is longer than \(Self.maximumKeyLength) bytes")
                continue
            }
            codes.refresh(covering: recorded, state: state)
            // The history keeps the recorded code (a replay repeats this decision); a segment given by a model of
            // another lineage is not comparable, and the customer counts as new to this lineage.
            let previous = recorded != 0 && codes.comparable(recorded, current) ? recorded : 0
            let migration = Migration.between(
                previous: previous, previousRank: codes.ranks[Int(previous)],
                current: current, currentRank: codes.ranks[Int(current)])
            if previous != 0 {
                if Int(previous) < paletteCodes {
                    output.setPaletteIndex(Int(previous) - 1, row: row, column: 0)
                } else {
                    output[row, 0] = codes.values[Int(previous)]
                }
            }
            output.setPaletteIndex(migration.rawValue, row: row, column: 1)
            counts[migration.rawValue] += 1
            if previous != 0, previous != current, codes.names[Int(previous)] != codes.names[Int(current)] {
                moves.append((rows.count - 1, batch.lines[row], batch.confidences[row]))
            }
        }
    }

    /// Loads into the cache what finding the ids of `rows` (of the current batch) will read, for all of them at
    /// once: their misses overlap instead of costing one full memory latency per row.
    private mutating func warm(rows: Range<Int>, table: CustomerTable) {
        if scratch.count < rows.count { scratch = Array(repeating: 0, count: rows.count) }
        let warmed = hashes.withUnsafeBufferPointer { hashes in
            scratch.withUnsafeMutableBufferPointer { scratch in
                let hashes = UnsafeBufferPointer(rebasing: hashes[rows])
                let scratch = UnsafeMutableBufferPointer(rebasing: scratch[..<rows.count])
                return table.warm(hashes, scratch: scratch) &+ newCustomers.warm(hashes, scratch: scratch)
            }
        }
        self.warmed &+= warmed
    }

    /// The file's new customers made ready to be appended to `table`, the committed table when the commit starts;
    /// nil when other commits added customers since the session opened (some of the file's new customers may be
    /// stored now, so they must be looked up one by one). Only reads, so it can run while the rows are being
    /// written to the database.
    func prepareNewCustomers(for table: CustomerTable) -> CustomerTable.PreparedAppend? {
        guard table.count == entriesAtStart else { return nil }
        let words = newCustomers.slotWords(firstEntry: table.count)
        if newCustomers.count == rows.count {
            // Every row brought a new customer (a first load): customer n is row n, ids and segments as they are.
            return CustomerTable.PreparedAppend(
                to: table, keys: rows.keys.bytes, keyEnds: rows.keys.ends,
                segments: rows.current, orderedWords: words)
        }
        return withNewCustomers { count, keyAt, segmentAt in
            CustomerTable.PreparedAppend(
                to: table, count: count, keyAt: keyAt, segmentAt: segmentAt,
                orderedWords: words)
        }
    }

    /// Calls `body` with the number of new customers, the id of customer `i` and its segment on its last row.
    private func withNewCustomers<Result>(
        _ body: (Int, (Int) -> UnsafeRawBufferPointer, (Int) -> UInt16) -> Result
    ) -> Result {
        let (keys, firstRows, lastRows, current) = (
            rows.keys, newCustomers.firstRows, newCustomers.lastRows, rows.current
        )
        return keys.bytes.withUnsafeBytes { bytes in
            body(
                firstRows.count,
                { UnsafeRawBufferPointer(rebasing: bytes[keys.start(of: firstRows[$0])..<keys.ends[firstRows[$0]]]) },
                { current[lastRows[$0]] })
        }
    }

    /// Sets every customer of the file to the segment of its last row: committed customers in place, new ones
    /// appended from `prepared` (made by `prepareNewCustomers` for the table as it is), or else upserted one by one.
    func apply(to table: inout CustomerTable, prepared: CustomerTable.PreparedAppend?) {
        var start = 0
        while start < targets.count {
            let block = start..<min(targets.count, start + CustomerTable.blockSize)
            table.warmSink &+= table.warm(entries: targets[block])
            for row in block where targets[row] & Self.newCustomerFlag == 0 {
                table.setSegment(rows.current[row], of: Int(targets[row]))
            }
            start = block.upperBound
        }
        if let prepared {
            table.append(prepared)
            return
        }
        withNewCustomers { count, keyAt, segmentAt in
            table.upsertMany(count: count, allAbsent: false, keyAt: keyAt, segmentAt: segmentAt)
        }
    }

    /// Appends the row for customer `key` with segment `current` and returns its previous segment code.
    @inline(__always)
    private mutating func record(
        _ key: UnsafeRawBufferPointer, hash: UInt64, current: UInt16,
        table: CustomerTable
    ) -> UInt16 {
        let previous =
            stored == nil
            ? freshPrevious(key, hash: hash, table: table) : replayedPrevious(key, hash: hash, table: table)
        rows.append(key, previous: previous, current: current)
        return previous
    }

    /// Previous segment of `key` in a fresh file; records the row's target for the commit.
    @inline(__always)
    private mutating func freshPrevious(_ key: UnsafeRawBufferPointer, hash: UInt64, table: CustomerTable) -> UInt16 {
        let row = rows.count
        if let entry = table.find(key, hash: hash),
            entry < entriesAtStart || newCustomers.find(key, hash: hash, in: rows.keys) == nil
        {
            targets.append(UInt32(entry))
            return previousOfCommitted(entry, row: row, table: table)
        }
        if let customer = newCustomers.find(key, hash: hash, in: rows.keys) {
            let previous = rows.current[newCustomers.lastRows[customer]]
            newCustomers.setLastRow(row, of: customer)
            targets.append(Self.newCustomerFlag | UInt32(customer))
            return previous
        }
        let customer = newCustomers.insert(hash: hash, row: row)
        targets.append(Self.newCustomerFlag | UInt32(customer))
        return 0
    }

    /// Previous segment of committed `entry` on `row`: its committed segment, or its segment on the row where
    /// this file last had it.
    @inline(__always)
    private mutating func previousOfCommitted(_ entry: Int, row: Int, table: CustomerTable) -> UInt16 {
        let word = entry >> 6
        let bit: UInt64 = 1 << UInt64(entry & 63)
        if word >= seen.count { seen.append(contentsOf: repeatElement(0, count: word + 1 - seen.count)) }
        if seen[word] & bit == 0 {
            seen[word] |= bit
            lastRowOfEntry?[UInt32(entry)] = row
            return table.segment(of: entry)
        }
        if lastRowOfEntry == nil { lastRowOfEntry = lastRowsOfCommittedEntries(before: row) }
        let last = lastRowOfEntry?[UInt32(entry)] ?? row
        lastRowOfEntry?[UInt32(entry)] = row
        return last < row ? rows.current[last] : table.segment(of: entry)
    }

    private func lastRowsOfCommittedEntries(before row: Int) -> [UInt32: Int] {
        var lastRows: [UInt32: Int] = [:]
        for (row, target) in targets[..<row].enumerated() where target & Self.newCustomerFlag == 0 {
            lastRows[target] = row
        }
        return lastRows
    }

    /// Previous segment of `key` in a replay: the stored row's, so a replay repeats the first run exactly.
    private mutating func replayedPrevious(_ key: UnsafeRawBufferPointer, hash: UInt64, table: CustomerTable) -> UInt16
    {
        guard let stored else { return 0 }
        if storedCursor < stored.count, stored.keys.key(at: storedCursor, equals: key) {
            storedCursor += 1
            return stored.previous[storedCursor - 1]
        }
        // The rows do not line up (another model rejected other rows): use the customer's first stored row.
        let byCustomer = storedByCustomer ?? Self.firstStoredPrevious(of: stored)
        storedByCustomer = byCustomer
        if let entry = byCustomer.find(key, hash: hash) { return byCustomer.segment(of: entry) }
        return table.find(key, hash: hash).map { table.segment(of: $0) } ?? 0
    }

    private static func firstStoredPrevious(of stored: FileAssignments) -> CustomerTable {
        var byCustomer = CustomerTable(reservingCustomers: stored.count)
        for row in 0..<stored.count {
            stored.keys.withKey(at: row) { key in
                let hash = CustomerKey.hash(key)
                if byCustomer.find(key, hash: hash) == nil {
                    byCustomer.append(key, hash: hash, segment: stored.previous[row])
                }
            }
        }
        return byCustomer
    }
}
