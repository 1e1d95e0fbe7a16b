import Testing
@testable import SegmentSupport

@Suite("paths")
struct PathTests {
    @Test("a path under the base is written relative to it; any other path stays absolute")
    func relativeToBase() {
        #expect(Path.relative("/srv/seg/var/failed/a.csv", to: "/srv/seg") == "var/failed/a.csv")
        #expect(Path.relative("/srv/seg/var/failed", to: "/srv/seg/") == "var/failed")
        #expect(Path.relative("/srv/segment/var", to: "/srv/seg") == "/srv/segment/var")
        #expect(Path.relative("/srv/seg", to: "/srv/seg") == "/srv/seg")
        #expect(Path.relative("/data/failed", to: "/srv/seg") == "/data/failed")
    }

    @Test("a relative path is made absolute against the base, with . and .. removed")
    func absoluteAgainstBase() {
        #expect(Path.absolute("var/../outbox/./x", base: "/srv/seg") == "/srv/seg/outbox/x")
        #expect(Path.absolute("/abs/path", base: "/srv/seg") == "/abs/path")
    }
}
