@testable import MigrationPlugin
import Testing

@Suite struct HashSlotsTests {
    /// 10,000 distinct pseudo-random hashes.
    static let hashes: [UInt64] = {
        var state: UInt64 = 42
        return (0..<10_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }()

    @Test func wordsMovedIntoAnotherTableFindTheSameEntriesOffset() {
        var small = HashSlots()
        for (entry, hash) in Self.hashes.enumerated() { small.insert(hash: hash, entry: entry) }
        var big = HashSlots(minimumCount: 100)
        for entry in 0..<100 { big.insert(hash: UInt64(entry) &* 0x9E37_79B9_7F4A_7C15, entry: entry) }
        big.insertOrdered(small.words(entryOffset: 100))
        #expect(big.count == 10_100)
        for (entry, hash) in Self.hashes.enumerated() {
            #expect(big.find(hash: hash) { $0 == entry + 100 } == entry + 100)
        }
        for entry in 0..<100 {
            #expect(big.find(hash: UInt64(entry) &* 0x9E37_79B9_7F4A_7C15) { $0 == entry } == entry)
        }
    }
}
