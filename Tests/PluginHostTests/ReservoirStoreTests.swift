import Foundation
import GRDB
@testable import ScoringHost
import SegmentCore
import SegmentIO
import SegmentSupport
import Testing

/// The reservoir's sampling, bounds, expiry and exactly-once recording, with seeded keys: every figure below is
/// reproduced exactly on every run, so no tolerance can flake.
@Suite("reservoir store")
struct ReservoirStoreTests {
    /// A fresh reservoir in a scratch directory.
    private static func store() throws -> (ReservoirStore, Scratch) {
        let scratch = try Scratch()
        return (try ReservoirStore(path: scratch.file("reservoir.sqlite"), create: true), scratch)
    }

    /// Scores a simulated file of `rows` rows on `day` as the daemon does: asks for the capture, draws every row's
    /// key, keeps the rows the scoring loop would (below the threshold, the capacity smallest), records them.
    /// Each row's values are its key and its day, so a test can tell exactly which rows were kept. Returns every key
    /// drawn.
    @discardableResult
    private static func score(
        _ store: ReservoirStore, rows: Int, day: Int, settings: ReservoirSettings, generator: inout SeededGenerator,
        sha256: String? = nil
    ) throws -> [Double] {
        let capture = try store.capture(day: ReservoirDay(number: day), settings: settings)
        let keys = (0..<rows).map { _ in Double((generator.next() >> 11) &+ 1) * 0x1p-53 }
        let kept = keys.filter { $0 < capture.threshold }.sorted().prefix(capture.capacity)
        let sample = CapturedSample(
            keys: Array(kept), values: kept.flatMap { [$0, Double(day)] }, width: 2)
        try store.record(
            sample, sha256: sha256 ?? "\(day)-\(generator.next())", rowsScored: rows, columns: ["key", "day"],
            capture: capture, day: ReservoirDay(number: day), settings: settings)
        return keys
    }

    private static func date(day: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 + 3600)
    }

    private static func storedRows(_ store: ReservoirStore, day: Int) throws -> Int {
        try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rows WHERE day = ?", arguments: [day]) ?? 0
        }
    }

    @Test("a busy day and a quiet day are sampled in proportion: the sample is exactly the rows below the rate")
    func uniformAcrossDaysOfDifferentVolume() throws {
        let (store, scratch) = try Self.store()
        let settings = ReservoirSettings(days: 2, rows: 1000)
        var generator = SeededGenerator(seed: 17)
        var busy: [Double] = []
        var quiet: [Double] = []
        for _ in 0..<20 {
            busy += try Self.score(store, rows: 1000, day: 100, settings: settings, generator: &generator)
        }
        for _ in 0..<4 {
            quiet += try Self.score(store, rows: 500, day: 101, settings: settings, generator: &generator)
        }

        let sample = try store.sample(columns: ["day", "key"], now: Self.date(day: 101), days: 2, limit: 1000)
        // Exactly a Bernoulli(rate) sample: every row scored on either day whose key is below the rate, no other.
        let expected = (busy + quiet).filter { $0 < sample.rate }.count
        #expect(sample.rowCount == expected)
        #expect(sample.rows.allSatisfy { $0[1] < sample.rate })
        let fromQuiet = sample.rows.filter { $0[0] == 101 }.count
        #expect(fromQuiet == quiet.filter { $0 < sample.rate }.count)
        // In proportion to volume: 2,000 of 22,000 rows were scored on the quiet day.
        let share = Double(fromQuiet) / Double(sample.rowCount)
        #expect(abs(share - 2000.0 / 22000.0) < 0.04, "quiet day's share \(share) of \(sample.rowCount) rows")
        #expect(sample.rowCount > 400, "about 500 rows per full day: \(sample.rowCount)")
        #expect(sample.days.map(\.rowsScored) == [20_000, 2_000])
        #expect(sample.days.map(\.rowsSampled).reduce(0, +) == sample.rowCount)
        withExtendedLifetime(scratch) {}
    }

    @Test("each day keeps at most reservoir_rows / reservoir_days rows, and a sample holds at most its limit")
    func bounded() throws {
        let (store, scratch) = try Self.store()
        let settings = ReservoirSettings(days: 3, rows: 300)
        var generator = SeededGenerator(seed: 5)
        for day in 10...12 {
            for _ in 0..<5 { try Self.score(store, rows: 400, day: day, settings: settings, generator: &generator) }
            #expect(try Self.storedRows(store, day: day) <= 100)
        }
        let sample = try store.sample(columns: ["key"], now: Self.date(day: 12), days: 3, limit: 120)
        #expect(sample.rowCount == 120)
        let all = try store.sample(columns: ["key"], now: Self.date(day: 12), days: 3, limit: 10_000)
        #expect(all.rowCount <= 300 && all.rowCount > 250, "\(all.rowCount)")
        #expect(sample.rows.map { $0[0] } == Array(all.rows.map { $0[0] }.sorted().prefix(120)), "smallest keys")
        withExtendedLifetime(scratch) {}
    }

    @Test("a day keeps exactly the smallest keys it drew, also after reservoir_rows is lowered, and counts them")
    func dayKeepsItsSmallestKeys() throws {
        let (store, scratch) = try Self.store()
        var generator = SeededGenerator(seed: 11)
        var drawn: [Double] = []
        let wide = ReservoirSettings(days: 3, rows: 300)
        for _ in 0..<5 { drawn += try Self.score(store, rows: 400, day: 40, settings: wide, generator: &generator) }
        // Lowered on a reload: the day holds 100 rows, three times the new share, until its next file.
        let narrow = ReservoirSettings(days: 3, rows: 90)
        let lowered = try store.capture(day: ReservoirDay(number: 40), settings: narrow)
        #expect(lowered.threshold == drawn.sorted()[29], "the 30th smallest key of the day")
        for _ in 0..<2 { drawn += try Self.score(store, rows: 50, day: 40, settings: narrow, generator: &generator) }
        let (keys, kept) = try store.read { db in
            (
                try Double.fetchAll(db, sql: "SELECT key FROM rows WHERE day = 40 ORDER BY key"),
                try Int.fetchOne(db, sql: "SELECT kept FROM days WHERE day = 40")
            )
        }
        #expect(keys == Array(drawn.sorted().prefix(30)))
        #expect(kept == 30)
        let next = try store.capture(day: ReservoirDay(number: 40), settings: narrow)
        #expect(next.threshold == keys.last)
        withExtendedLifetime(scratch) {}
    }

    @Test("a reservoir written before the kept counts existed gets them from its rows when opened")
    func keptCountsMigrated() throws {
        let scratch = try Scratch()
        let path = scratch.file("reservoir.sqlite")
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE layouts (id INTEGER PRIMARY KEY AUTOINCREMENT, columns TEXT NOT NULL UNIQUE);
                    CREATE TABLE days (day INTEGER PRIMARY KEY, rows_scored INTEGER NOT NULL, files INTEGER NOT NULL,
                        bound DOUBLE NOT NULL);
                    CREATE TABLE rows (day INTEGER NOT NULL, key DOUBLE NOT NULL, layout INTEGER NOT NULL,
                        vals BLOB NOT NULL);
                    CREATE TABLE files (sha256 TEXT PRIMARY KEY, day INTEGER NOT NULL, rows_scored INTEGER NOT NULL,
                        rows_kept INTEGER NOT NULL, recorded_at TEXT NOT NULL);
                    INSERT INTO layouts (columns) VALUES ('key');
                    INSERT INTO days VALUES (7, 10, 1, 0.5), (8, 3, 1, 2);
                    INSERT INTO rows VALUES (7, 0.1, 1, x''), (7, 0.3, 1, x''), (7, 0.2, 1, x''), (8, 0.9, 1, x'');
                    """)
        }
        try old.close()
        let store = try ReservoirStore(path: path, create: false)
        let kept = try store.read { db in try Int.fetchAll(db, sql: "SELECT kept FROM days ORDER BY day") }
        #expect(kept == [3, 1])
        let full = try store.capture(day: ReservoirDay(number: 7), settings: ReservoirSettings(days: 1, rows: 3))
        #expect(full.threshold == 0.3, "a full day's threshold is its largest key")
        withExtendedLifetime(scratch) {}
    }

    @Test("days older than reservoir_days are dropped, and a window leaves out the days before it")
    func oldDaysExpire() throws {
        let (store, scratch) = try Self.store()
        let settings = ReservoirSettings(days: 3, rows: 300)
        var generator = SeededGenerator(seed: 9)
        try Self.score(store, rows: 50, day: 200, settings: settings, generator: &generator)
        try Self.score(store, rows: 50, day: 201, settings: settings, generator: &generator)
        let window = try store.sample(columns: ["day"], now: Self.date(day: 203), days: 3, limit: 1000)
        #expect(Set(window.rows.map { $0[0] }) == [201], "day 200 is outside the window 201...203")
        try Self.score(store, rows: 50, day: 203, settings: settings, generator: &generator)
        #expect(try Self.storedRows(store, day: 200) == 0, "recording day 203 drops day 200")
        #expect(try Self.storedRows(store, day: 201) == 50)
        withExtendedLifetime(scratch) {}
    }

    @Test("a file recorded again with the same digest (a re-run after a crash) adds nothing")
    func sameDigestOnce() throws {
        let (store, scratch) = try Self.store()
        let settings = ReservoirSettings(days: 30, rows: 100_000)
        var generator = SeededGenerator(seed: 3)
        try Self.score(store, rows: 80, day: 300, settings: settings, generator: &generator, sha256: "abc")
        var again = generator
        try Self.score(store, rows: 80, day: 300, settings: settings, generator: &again, sha256: "abc")
        #expect(try Self.storedRows(store, day: 300) == 80)
        let capture = try store.capture(day: ReservoirDay(number: 300), settings: settings)
        let outcome = try store.record(
            CapturedSample(keys: [0.5], values: [1, 2], width: 2), sha256: "abc", rowsScored: 1,
            columns: ["key", "day"], capture: capture, day: ReservoirDay(number: 300), settings: settings)
        #expect(outcome == .alreadyRecorded)
        let sample = try store.sample(columns: ["key"], now: Self.date(day: 300), days: 30, limit: 1000)
        #expect(sample.rowCount == 80 && sample.days.map(\.rowsScored) == [80])
        withExtendedLifetime(scratch) {}
    }

    @Test("missing values stay missing; columns are matched by name; rows lacking a column are left out")
    func valuesAsParsed() throws {
        let (store, scratch) = try Self.store()
        let settings = ReservoirSettings(days: 30, rows: 3000)
        let day = ReservoirDay(number: 400)
        let capture = try store.capture(day: day, settings: settings)
        try store.record(
            CapturedSample(keys: [0.1, 0.2], values: [1, .nan, 3, 4], width: 2), sha256: "one", rowsScored: 2,
            columns: ["a", "b"], capture: capture, day: day, settings: settings)
        try store.record(
            CapturedSample(keys: [0.3], values: [5, 6], width: 2), sha256: "two", rowsScored: 1,
            columns: ["a", "c"], capture: capture, day: day, settings: settings)
        let rows = try store.recentRows(columns: ["b", "a"], now: Self.date(day: 400), days: 30, limit: 10)
        #expect(rows.count == 2)
        #expect(rows[0][0].isNaN && rows[0][1] == 1)
        #expect(rows[1] == [4, 3])
        let sample = try store.sample(columns: ["b", "a"], now: Self.date(day: 400), days: 30, limit: 10)
        #expect(sample.rowsWithOtherColumns == 1)
        withExtendedLifetime(scratch) {}
    }

    @Test("no reservoir file is refused with 66 (EX_NOINPUT), and reading never creates one")
    func missingReservoir() throws {
        let scratch = try Scratch()
        let path = scratch.file("reservoir.sqlite")
        #expect {
            _ = try ReservoirStore(path: path, create: false)
        } throws: { error in
            (error as? ReservoirError)?.exitStatus == .noInput
                && "\(error)".contains("segmentd run")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        withExtendedLifetime(scratch) {}
    }

    @Test("a symbolic link at the reservoir's place is refused, and its target is left alone")
    func linkRefused() throws {
        let scratch = try Scratch()
        try scratch.write("elsewhere", "precious\n")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.file("reservoir.sqlite"), withDestinationPath: scratch.file("elsewhere"))
        #expect {
            _ = try ReservoirStore(path: scratch.file("reservoir.sqlite"), create: true)
        } throws: { error in
            "\(error)".contains("is a symbolic link") && (error as? ReservoirError)?.exitStatus == .cannotCreate
        }
        #expect(scratch.text("elsewhere") == "precious\n")
    }
}
