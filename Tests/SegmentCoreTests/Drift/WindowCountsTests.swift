import SegmentCore
import Testing

/// The raw counts the daemon's per-day windows keep: they add up element by element, a window is the most recent
/// days merged until `min_rows`, and the daemon's schedule evaluates once per window.
struct WindowCountsTests {
    private static func counts(rows: Int, segment: Int = 0, bin: Int = 0, confidence: Double = 0.5) -> WindowCounts {
        var features = [[0, 0, 0], [0, 0]]
        features[0][bin] = rows
        features[1][bin % 2] = rows
        var segments = [0, 0, 0]
        segments[segment] = rows
        var confidences = Array(repeating: 0, count: 11)
        confidences[4] = rows
        return WindowCounts(
            rows: rows, features: features, segmentRows: segments, confidenceCounts: confidences,
            confidenceSum: confidence * Double(rows))
    }

    @Test("adding counts sums every bin, segment and confidence bin, and extends shorter arrays")
    func countsAddElementByElement() {
        var total = WindowCounts()
        total.add(Self.counts(rows: 10, segment: 0, bin: 0, confidence: 0.5))
        total.add(Self.counts(rows: 30, segment: 2, bin: 2, confidence: 0.9))
        #expect(total.rows == 40)
        #expect(total.features == [[10, 0, 30], [40, 0]])
        #expect(total.segmentRows == [10, 0, 30])
        #expect(total.confidenceCounts[4] == 40 && total.confidenceCounts.count == 11)
        #expect(abs(total.meanConfidence - (5 + 27) / 40.0) < 1e-12)
        #expect(total.segmentShares == [0.25, 0, 0.75])
        #expect(
            WindowCounts.merged([Self.counts(rows: 10), Self.counts(rows: 30, segment: 2, bin: 2, confidence: 0.9)])
                == total)
    }

    @Test("the window is the most recent days merged backwards until min_rows; fewer rows in all: not enough")
    func windowMergesRecentDaysUntilMinRows() {
        let days = [
            DayCounts(day: "2026-03-01", modelVersion: "m", counts: Self.counts(rows: 4_000)),
            DayCounts(day: "2026-03-03", modelVersion: "m", counts: Self.counts(rows: 3_000)),
            DayCounts(day: "2026-03-02", modelVersion: "m", counts: Self.counts(rows: 1_000)),
        ]
        let window = RetrainWindow.latest(of: days, minRows: 5_000)
        #expect(window.days == ["2026-03-03", "2026-03-02", "2026-03-01"])
        #expect(window.counts.rows == 8_000 && window.hasEnoughRows)
        let two = RetrainWindow.latest(of: days, minRows: 4_000)
        #expect(two.days == ["2026-03-03", "2026-03-02"] && two.counts.rows == 4_000 && two.hasEnoughRows)
        let short = RetrainWindow.latest(of: days, minRows: 9_000)
        #expect(short.counts.rows == 8_000 && !short.hasEnoughRows && short.days.count == 3)
        #expect(!RetrainWindow.latest(of: [], minRows: 1).hasEnoughRows)
    }

    @Test("the schedule evaluates at the first file, after min_rows more rows, on a new UTC day or a new model")
    func scheduleEvaluatesOncePerWindow() {
        var schedule = RetrainSchedule()
        func due(_ rows: Int, _ day: String, _ model: String) -> Bool {
            schedule.counted(rows: rows, day: day, modelVersion: model, minRows: 5_000)
        }
        let steps = [
            due(100, "2026-03-01", "a"), due(2_000, "2026-03-01", "a"), due(2_999, "2026-03-01", "a"),
            due(1, "2026-03-01", "a"), due(10, "2026-03-01", "a"), due(10, "2026-03-02", "a"),
            due(10, "2026-03-02", "b"), due(10, "2026-03-02", "b"),
        ]
        #expect(steps == [true, false, false, true, false, true, true, false])
    }

    @Test("a time falls in its UTC day")
    func dayIsTheUTCDay() {
        #expect(DayCounts.day(secondsSinceEpoch: 0) == "1970-01-01")
        #expect(DayCounts.day(secondsSinceEpoch: 1_767_225_599.9) == "2025-12-31")
        #expect(DayCounts.day(secondsSinceEpoch: 1_767_225_600) == "2026-01-01")
    }
}
