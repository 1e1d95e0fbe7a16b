import SegmentSupport
import Testing

@Suite("EditDistance and NameSuggestion")
struct NameSuggestionTests {
    @Test(
        "Levenshtein distance counts insertions, deletions and substitutions",
        arguments: [
            ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("", "", 0), ("flaw", "lawn", 2),
            ("same", "same", 0),
        ])
    func levenshtein(first: String, second: String, distance: Int) {
        #expect(EditDistance.levenshtein(Array(first.utf8), Array(second.utf8)) == distance)
        #expect(EditDistance.levenshtein(Array(second), Array(first)) == distance)
    }

    @Test("the default suggestion ignores case and allows max(2, length / 3) edits")
    func defaultSuggestion() {
        #expect(NameSuggestion.closest(to: "balanse", among: ["PURCHASES", "BALANCE"]) == "BALANCE")
        #expect(NameSuggestion.closest(to: "ab", among: ["xy"]) == "xy")
        #expect(NameSuggestion.closest(to: "abc", among: ["xyz"]) == nil)
        #expect(NameSuggestion.closest(to: "abcdefghi", among: ["abcdefxyz"]) == "abcdefxyz")
        #expect(NameSuggestion.closest(to: "abcdefghi", among: ["abcdewxyz"]) == nil)
        #expect(NameSuggestion.closest(to: "x", among: []) == nil)
    }

    @Test("of equally close candidates the first wins")
    func ties() {
        #expect(NameSuggestion.closest(to: "cat", among: ["bat", "cut", "car"]) == "bat")
        #expect(NameSuggestion.closest(to: "cat", among: ["car", "bat"]) == "car")
    }

    @Test("a caller's own units and limit are used as given")
    func customUnits() {
        // Case-sensitive bytes: "Workers" is one substitution from "workers".
        let bytes: (String) -> [UInt8] = { Array($0.utf8) }
        #expect(NameSuggestion.closest(to: "Workers", among: ["workers"], maxDistance: 0, units: bytes) == nil)
        #expect(NameSuggestion.closest(to: "Workers", among: ["workers"], maxDistance: 1, units: bytes) == "workers")
        // Non-ASCII: one character but two UTF-8 bytes apart.
        #expect(NameSuggestion.closest(to: "é", among: ["e"], maxDistance: 1, units: bytes) == nil)
        #expect(NameSuggestion.closest(to: "é", among: ["e"], maxDistance: 1) { Array($0) } == "e")
    }
}
