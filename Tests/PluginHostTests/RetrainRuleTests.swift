import Foundation
import Logging
import ScoringHost
import SegmentCore
import SegmentIO
import Synchronization
import Testing

/// The per-day windows and the four retrain rules over real scored files: counts merge once per content, each rule
/// fires for its own cause (a `generate --shift` stream, a shifted segment mix, an old model), and a model meeting
/// its own distribution day after day gets no advice.
@Suite("retrain rules")
struct RetrainRuleTests {
    static let thresholds = RetrainThresholds(
        maxModelAgeDays: 90, maxPSI: 0.15, minSilhouetteRatio: 0.7, maxShareChange: 0.2, minRows: 5_000)

    /// Scores `input` with `model` and returns its window counts, as the daemon's processor makes them.
    static func counts(_ input: String, model: SegmentModel, scratch: Scratch) throws -> WindowCounts {
        let summary = try ScoreJob.run(
            input: input, output: input + ".scored.csv", loaded: model, drift: true)
        return WindowCounts(tally: summary.tally, drift: summary.drift)
    }

    static func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    @Test("two workers counting the first files at once open one store: the schema is created once")
    func concurrentFirstUseOpensOneStore() throws {
        let scratch = try Scratch()
        for attempt in 0..<20 {
            let monitor = RetrainMonitor(
                storePath: scratch.file("monitor-\(attempt).sqlite"), logger: Logger(label: "test"))
            let opened = Mutex<[ObjectIdentifier]>([])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let store = try monitor.store()
                    opened.withLock { $0.append(ObjectIdentifier(store)) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            let problems = failures.withLock { $0 }
            #expect(problems.isEmpty, "attempt \(attempt): \(problems)")
            #expect(Set(opened.withLock { $0 }).count == 1, "attempt \(attempt): one store for every caller")
        }
    }

    @Test("the store adds a file's counts to its day once per content digest and model, and merges a day's files")
    func storeCountsEachContentOnce() throws {
        let scratch = try Scratch()
        let store = try MonitorStore(path: scratch.file("monitor.sqlite"))
        let one = WindowCounts(
            rows: 3, features: [[1, 2]], segmentRows: [1, 2], confidenceCounts: [3], confidenceSum: 1.5)
        let two = WindowCounts(
            rows: 2, features: [[0, 2]], segmentRows: [2, 0], confidenceCounts: [2], confidenceSum: 1)
        #expect(try store.add(one, sha256: "aa", modelVersion: "m-1", day: "2026-03-01") == one)
        // The same content again (a re-run after kill -9, a copy scored again): nothing changes.
        #expect(try store.add(one, sha256: "aa", modelVersion: "m-1", day: "2026-03-01") == nil)
        #expect(try store.add(one, sha256: "aa", modelVersion: "m-1", day: "2026-03-02") == nil)
        // Rescored by another model, the content counts in that model's window.
        #expect(try store.add(one, sha256: "aa", modelVersion: "m-3", day: "2026-03-02") == one)
        let merged = try #require(try store.add(two, sha256: "bb", modelVersion: "m-1", day: "2026-03-01"))
        #expect(merged.rows == 5 && merged.features == [[1, 4]] && merged.segmentRows == [3, 2])
        try store.add(two, sha256: "cc", modelVersion: "m-2", day: "2026-03-02")
        // A second handle (another process: `segmentd history` beside the daemon) reads the same days.
        let reader = try #require(try MonitorStore.existing(path: scratch.file("monitor.sqlite")))
        let days = try reader.days()
        #expect(days.map(\.day) == ["2026-03-01", "2026-03-02", "2026-03-02"])
        #expect(days.map(\.modelVersion) == ["m-1", "m-2", "m-3"])
        #expect(days[0].counts == merged)
        #expect(try reader.days(modelVersion: "m-1").count == 1)
        #expect(try reader.days(since: "2026-03-02").map(\.modelVersion) == ["m-2", "m-3"])
        #expect(try MonitorStore.existing(path: scratch.file("absent.sqlite")) == nil)
    }

    @Test("a day's counts stay whole when two handles add to it in turn (the store's cached day is re-read)")
    func twoWritersKeepEachOthersCounts() throws {
        let scratch = try Scratch()
        let first = try MonitorStore(path: scratch.file("monitor.sqlite"))
        let second = try MonitorStore(path: scratch.file("monitor.sqlite"))
        let file = WindowCounts(rows: 2, features: [[1, 1]], segmentRows: [2], confidenceCounts: [2], confidenceSum: 1)
        var expected = WindowCounts()
        for index in 0..<6 {
            expected.add(file)
            let writer = index.isMultiple(of: 3) ? second : first
            let total = try writer.add(file, sha256: "file-\(index)", modelVersion: "m-1", day: "2026-03-01")
            #expect(total == expected, "after file \(index)")
        }
        #expect(try first.days().map(\.counts) == [expected])
    }

    @Test("a --shift PURCHASES=3 stream is advised for drift; the same distribution is not")
    func shiftedStreamAdvisesDrift() throws {
        let fixture = try ModelFixture.shared.get()
        let model = try ModelFile.load(path: fixture.modelPath)
        let scratch = try Scratch()
        try GenerateJob.run(rows: 6_000, seed: 31, output: scratch.file("same.csv"))
        try GenerateJob.run(rows: 6_000, seed: 32, output: scratch.file("shifted.csv"), shifts: ["PURCHASES=3"])
        let now = try Self.date("2025-02-01T00:00:00Z")
        for (file, drifted) in [("same.csv", false), ("shifted.csv", true)] {
            let counts = try Self.counts(scratch.file(file), model: model, scratch: scratch)
            let window = RetrainWindow.latest(
                of: [DayCounts(day: "2025-01-31", modelVersion: model.modelVersion, counts: counts)], minRows: 5_000)
            let advice = RetrainEvaluator.evaluate(
                model: model, window: window, sample: nil, now: now, thresholds: Self.thresholds)
            let drift = try #require(advice.rule(.drift))
            #expect(drift.advises == drifted, "\(RetrainText.text(advice))")
            #expect(
                advice.rule(.quality)?.verdict == .notEvaluated && advice.rule(.quality)?.detail == "no recent rows")
            if drifted {
                #expect(advice.reasons.contains(.drift) && drift.detail.contains("PURCHASES"))
                #expect(RetrainText.sentence(drift).hasSuffix("retrain advised"))
            } else {
                #expect(advice.reasons.isEmpty, "\(RetrainText.text(advice))")
            }
        }
    }

    @Test("a stream with half of the largest segment's customers gone is advised for distribution")
    func shiftedSegmentMixAdvisesDistribution() throws {
        let fixture = try ModelFixture.shared.get()
        let model = try ModelFile.load(path: fixture.modelPath)
        let scratch = try Scratch()
        try GenerateJob.run(rows: 12_000, seed: 33, output: scratch.file("all.csv"))
        _ = try Self.counts(scratch.file("all.csv"), model: model, scratch: scratch)
        let input = try String(contentsOfFile: scratch.file("all.csv"), encoding: .utf8).split(separator: "\n")
        let scored = try String(contentsOfFile: scratch.file("all.csv.scored.csv"), encoding: .utf8)
            .split(separator: "\n")
        let segmentColumn = input[0].split(separator: ",", omittingEmptySubsequences: false).count
        let segments = scored.dropFirst().map {
            Int($0.split(separator: ",", omittingEmptySubsequences: false)[segmentColumn]) ?? -1
        }
        let largest = Dictionary(grouping: segments, by: { $0 }).max { $0.value.count < $1.value.count }?.key
        var kept = [String(input[0])]
        var dropped = 0
        for (line, segment) in zip(input.dropFirst(), segments) {
            if segment == largest, dropped % 2 == 0 {
                dropped += 1
                continue
            }
            if segment == largest { dropped += 1 }
            kept.append(String(line))
        }
        try scratch.write("mix.csv", kept.joined(separator: "\n") + "\n")
        let counts = try Self.counts(scratch.file("mix.csv"), model: model, scratch: scratch)
        let window = RetrainWindow.latest(
            of: [DayCounts(day: "2025-01-31", modelVersion: model.modelVersion, counts: counts)], minRows: 5_000)
        let advice = RetrainEvaluator.evaluate(
            model: model, window: window, sample: nil, now: try Self.date("2025-02-01T00:00:00Z"),
            thresholds: Self.thresholds)
        let rule = try #require(advice.rule(.distribution))
        #expect(rule.advises && (rule.value ?? 0) > 0.3, "\(RetrainText.text(advice))")
        #expect(advice.reasons.contains(.distribution))
    }

    @Test("the age rule fires past max_model_age_days at the time given, and not before")
    func ageRuleFollowsTheClock() throws {
        let model = try ModelFile.load(path: ModelFixture.shared.get().modelPath)
        #expect(model.createdAt == "2025-01-01T00:00:00Z")
        let empty = RetrainWindow.latest(of: [], minRows: 5_000)
        for (now, advised) in [("2025-03-31T23:59:59Z", false), ("2025-04-01T00:00:01Z", true)] {
            let advice = RetrainEvaluator.evaluate(
                model: model, window: empty, sample: nil, now: try Self.date(now), thresholds: Self.thresholds)
            #expect(advice.rule(.age)?.advises == advised, "\(RetrainText.text(advice))")
            #expect(advice.reasons == (advised ? [.age] : []))
            // Without rows the count rules neither advise nor pass: not enough data.
            #expect(advice.rule(.drift)?.verdict == .notEnoughData)
            #expect(advice.rule(.distribution)?.verdict == .notEnoughData)
        }
    }

    @Test("quality: recent rows like the training rows keep the silhouette; rows with shuffled columns lose it")
    func qualityRuleComparesTheSilhouette() throws {
        let fixture = try ModelFixture.shared.get()
        let model = try ModelFile.load(path: fixture.modelPath)
        let scorer = try SegmentScorer(model: model)
        let header = fixture.header.split(separator: ",").map { $0.uppercased() }
        let positions = scorer.inputColumns.map { column in header.firstIndex(of: column.uppercased()) ?? 0 }
        let rows: [[Double]] = fixture.rows.prefix(2_000).map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return positions.map { Double(fields[$0]) ?? .nan }
        }
        let now = try Self.date("2025-02-01T00:00:00Z")
        let empty = RetrainWindow.latest(of: [], minRows: 5_000)
        let same = RetrainEvaluator.evaluate(
            model: model, window: empty, sample: rows, now: now, thresholds: Self.thresholds)
        let kept = try #require(same.rule(.quality))
        #expect(kept.verdict == .fine && (kept.value ?? 0) > 0.85, "\(RetrainText.text(same))")
        // Each column shuffled on its own: the same marginals, no structure left for the segments to separate.
        var generator = SystemRandomNumberGenerator()
        let columns = (0..<positions.count).map { column in rows.map { $0[column] }.shuffled(using: &generator) }
        let shuffled = rows.indices.map { row in columns.map { $0[row] } }
        let blurred = RetrainEvaluator.evaluate(
            model: model, window: empty, sample: shuffled, now: now, thresholds: Self.thresholds)
        let lost = try #require(blurred.rule(.quality))
        #expect((lost.value ?? 1) < (kept.value ?? 0), "\(RetrainText.text(blurred))")
        #expect(RecentQuality.silhouette(of: [], scorer: scorer) == nil)

        // The daemon's monitor asks its provider of recent rows (the reservoir) for the sample.
        let scratch = try Scratch()
        let monitor = RetrainMonitor(
            storePath: scratch.file("monitor.sqlite"), logger: Logger(label: "test"), now: { now },
            recentRows: { _, _, _ in rows })
        try monitor.record(
            WindowCounts(rows: 10, segmentRows: [10], confidenceCounts: [10], confidenceSum: 5), sha256: "a",
            model: model, thresholds: Self.thresholds)
        monitor.evaluatePending()
        #expect(monitor.last?.advice.rule(.quality)?.verdict == .fine)
    }

    @Test("a format-1 model (no drift reference) has the drift and distribution rules off, with a warning")
    func formatOneModelTurnsTheCountRulesOff() throws {
        var model = try ModelFile.load(path: ModelFixture.shared.get().modelPath)
        model.formatVersion = 1
        model.drift = nil
        let counts = WindowCounts(
            rows: 6_000, segmentRows: [6_000], confidenceCounts: [6_000], confidenceSum: 3_000)
        let window = RetrainWindow.latest(
            of: [DayCounts(day: "2025-01-31", modelVersion: model.modelVersion, counts: counts)], minRows: 5_000)
        let advice = RetrainEvaluator.evaluate(
            model: model, window: window, sample: nil, now: try Self.date("2025-02-01T00:00:00Z"),
            thresholds: Self.thresholds)
        #expect(advice.rule(.drift)?.verdict == .off && advice.rule(.distribution)?.verdict == .off)
        #expect(advice.rule(.age)?.verdict == .fine && !advice.advised)
        #expect(advice.warnings.count == 1 && advice.warnings[0].contains("no drift reference"))
        #expect(RetrainText.text(advice).contains("warning: model"), "\(RetrainText.text(advice))")
    }

    @Test("100 same-distribution files of 10,000 rows on 100 successive days: at most one advisory")
    func sameDistributionGivesNoFalseAlarm() throws {
        let scratch = try Scratch()
        try GenerateJob.run(rows: 20_000, seed: 41, output: scratch.file("train.csv"))
        _ = try TrainJob.run(
            TrainRequest(
                dataPath: scratch.file("train.csv"), outputPath: scratch.file("model.json"),
                createdAt: "2026-01-01T00:00:00Z"))
        let model = try ModelFile.load(path: scratch.file("model.json"))
        let clock = TestClock(try Self.date("2026-01-02T12:00:00Z"))
        let monitor = RetrainMonitor(
            storePath: scratch.file("monitor.sqlite"), logger: Logger(label: "test"), now: { clock.now })
        // The age rule is a schedule, not an alarm: over 100 days a 90-day limit is meant to fire.
        var thresholds = Self.thresholds
        thresholds.maxModelAgeDays = 365
        var advisories: [String] = []
        for day in 0..<100 {
            let input = scratch.file("day.csv")
            try GenerateJob.run(rows: 10_000, seed: 1_000 + UInt64(day), output: input)
            let counts = try Self.counts(input, model: model, scratch: scratch)
            // Counting leaves the due evaluation for after the file's manifest (the silhouette is slow).
            #expect(try monitor.record(counts, sha256: "day-\(day)", model: model, thresholds: thresholds))
            #expect(monitor.last?.at != clock.now, "day \(day) was evaluated before its manifest")
            monitor.evaluatePending()
            let evaluation = try #require(monitor.last)
            #expect(evaluation.at == clock.now, "day \(day) was not evaluated")
            #expect(evaluation.advice.window.days.count == 1 && evaluation.advice.window.counts.rows == 10_000)
            if evaluation.advice.advised { advisories.append("day \(day): \(RetrainText.text(evaluation.advice))") }
            clock.advance(days: 1)
        }
        #expect(advisories.count <= 1, "\(advisories)")
        #expect(try monitor.store().days().count == 100)
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(days: Int) { lock.withLock { current += Double(days) * 86_400 } }
}
