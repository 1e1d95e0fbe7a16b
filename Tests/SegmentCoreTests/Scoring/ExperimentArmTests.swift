import Foundation
import SegmentCore
import SegmentdTestSupport
import Testing

/// The A/B arm rule: SHA-256 of the id, first 8 bytes big-endian, challenger below share x 2^64.
struct ExperimentArmTests {
    static func id(_ number: Int) -> String {
        let digits = String(number)
        return "S" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    @Test("on 1,000,000 customer ids the challenger arm is within 1% of the share, for 0.5, 0.1 and 0.9")
    func armSharesFollowTheShare() {
        for share in [0.5, 0.1, 0.9] {
            let arm = ExperimentArm(share: share)
            var challengers = 0
            for number in 1...1_000_000 where arm.isChallenger(Self.id(number)) { challengers += 1 }
            let observed = Double(challengers) / 1_000_000
            #expect(abs(observed - share) <= 0.01, "share \(share): observed \(observed)")
        }
    }

    @Test("a ten-line Python function written from the documented rule gives the same arm to each of 1,000,000 ids")
    func pythonReproducesEveryArm() throws {
        for share in [0.5, 0.25] {
            let printed = try PythonScript.run("ab_arm.py", ["\(share)", "1", "1000000"])
            let arm = ExperimentArm(share: share)
            let ours = (1...1_000_000).map { arm.isChallenger(Self.id($0)) ? UInt8(ascii: "1") : UInt8(ascii: "0") }
            #expect(Array(printed) == ours, "share \(share)")
        }
    }

    @Test("share 1 puts everyone in the challenger arm and share 0 no one, without trapping on 2^64")
    func extremeShares() {
        let all = ExperimentArm(share: 1)
        let none = ExperimentArm(share: 0)
        for number in 1...10_000 {
            #expect(all.isChallenger(Self.id(number)))
            #expect(!none.isChallenger(Self.id(number)))
        }
        // The largest share below 1 still leaves the ids hashing at the very top to the champion.
        #expect(ExperimentArm(share: 1.0.nextDown).share < 1)
    }

    @Test("the hash is the digest's first 8 bytes, big-endian (SHA-256 of \"abc\" starts ba7816bf8f01cfea)")
    func hashIsBigEndianPrefix() {
        var id = "abc"
        let hash = id.withUTF8 { ExperimentArm.hash(UnsafeRawBufferPointer($0)) }
        #expect(hash == 0xba78_16bf_8f01_cfea)
    }
}
