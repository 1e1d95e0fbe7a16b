import Testing

@testable import SegmentCore

@Suite("Hungarian")
struct HungarianTests {
    /// Lowest total cost over every injective assignment of the smaller side into the larger one.
    private static func bruteForceMinimum(cost: [Double], rows: Int, columns: Int) -> Double {
        var best = Double.infinity
        func extend(row: Int, used: [Bool], total: Double, assigned: Int) {
            if row == rows {
                if assigned == min(rows, columns) { best = min(best, total) }
                return
            }
            if rows - row > columns - assigned {
                extend(row: row + 1, used: used, total: total, assigned: assigned)  // this row stays unassigned
            }
            for column in 0..<columns where !used[column] {
                var next = used
                next[column] = true
                extend(row: row + 1, used: next, total: total + cost[row * columns + column], assigned: assigned + 1)
            }
        }
        extend(row: 0, used: [Bool](repeating: false, count: columns), total: 0, assigned: 0)
        return best
    }

    private static func expectOptimal(rows: Int, columns: Int, seed: UInt64) {
        var generator = SegmentsTestGenerator(seed: seed)
        for _ in 0..<200 {
            let cost = (0..<rows * columns).map { _ in Double.random(in: -10...10, using: &generator) }
            let assignment = Hungarian.minimumCostAssignment(cost: cost, rows: rows, columns: columns)
            #expect(assignment.count == rows)
            let assigned = assignment.filter { $0 >= 0 }
            #expect(assigned.count == min(rows, columns))
            #expect(Set(assigned).count == assigned.count)
            let total = assignment.enumerated().filter { $0.element >= 0 }.map {
                cost[$0.offset * columns + $0.element]
            }
            .reduce(0, +)
            let best = bruteForceMinimum(cost: cost, rows: rows, columns: columns)
            #expect(abs(total - best) < 1e-9, "got \(total), optimum \(best) for \(cost)")
        }
    }

    @Test func squareAssignmentIsOptimal() {
        Self.expectOptimal(rows: 5, columns: 5, seed: 1)
    }

    @Test func wideAssignmentIsOptimal() {
        Self.expectOptimal(rows: 3, columns: 5, seed: 2)
    }

    @Test func tallAssignmentIsOptimalAndLeavesExtraRowsUnassigned() {
        Self.expectOptimal(rows: 5, columns: 3, seed: 3)
    }

    @Test func tiesResolveTheSameWayEveryTime() {
        let cost = [Double](repeating: 1, count: 16)
        let first = Hungarian.minimumCostAssignment(cost: cost, rows: 4, columns: 4)
        #expect(Set(first) == [0, 1, 2, 3])
        #expect(Hungarian.minimumCostAssignment(cost: cost, rows: 4, columns: 4) == first)
    }

    @Test func nonFiniteCostsAreAvoided() {
        let cost: [Double] = [.nan, 1, 2, .infinity]
        #expect(Hungarian.minimumCostAssignment(cost: cost, rows: 2, columns: 2) == [1, 0])
    }

    @Test func emptyDimensionsGiveEmptyOrUnassignedResults() {
        #expect(Hungarian.minimumCostAssignment(cost: [], rows: 0, columns: 3) == [])
        #expect(Hungarian.minimumCostAssignment(cost: [], rows: 2, columns: 0) == [-1, -1])
    }
}
