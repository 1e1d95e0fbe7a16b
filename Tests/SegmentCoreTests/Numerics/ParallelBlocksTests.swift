import Foundation
import Synchronization
import Testing
@testable import SegmentCore

@Suite("ParallelBlocks")
struct ParallelBlocksTests {
    @Test("inside serially every iteration runs in order on the calling thread, and a silhouette keeps its bits")
    func seriallyStaysOnTheCallingThread() {
        let caller = pthread_self()
        let seen = Mutex<[(Int, Bool)]>([])
        ParallelBlocks.serially {
            ParallelBlocks.run(iterations: 64) { iteration in
                // Enough work per iteration that a concurrent loop would hand some to other threads.
                var sink = 0.0
                for step in 0..<20_000 { sink += Double(step).squareRoot() }
                let onCaller = pthread_equal(pthread_self(), caller) != 0 && sink > 0
                seen.withLock { $0.append((iteration, onCaller)) }
            }
        }
        let order = seen.withLock { $0 }
        #expect(order.map(\.0) == Array(0..<64))
        #expect(order.allSatisfy { $0.1 })

        let points = overlappingCloud(rows: 2_500, dimensions: 4, seed: 3)
        var generator = SeededGenerator(seed: 8)
        let labels = (0..<points.rows).map { _ in Int32(generator.nextInt(below: 5)) }
        let parallel = Silhouette.scores(points, labelings: [labels], clusterCounts: [5])
        let serial = ParallelBlocks.serially { Silhouette.scores(points, labelings: [labels], clusterCounts: [5]) }
        #expect(serial.map(\.bitPattern) == parallel.map(\.bitPattern))
    }
}
