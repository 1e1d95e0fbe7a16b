import Foundation
import Testing
@testable import SegmentDaemon

@Suite("systemd notifier")
struct SystemdNotifierTests {
    @Test("RELOADING=1 is sent with the monotonic clock in microseconds")
    func reloadingCarriesMonotonicTime() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let socket = try DatagramReceiver(path: tree.root + "/notify.sock")
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)

        try SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]).reloading()

        try await eventually("the message arrives", timeout: .seconds(2)) { socket.received.count == 2 }
        #expect(socket.received.first == "RELOADING=1")
        let stamp = try #require(socket.received.last?.split(separator: "=").last.flatMap { Int64($0) })
        #expect(stamp >= Int64(before.tv_sec) * 1_000_000)
    }

    @Test("without NOTIFY_SOCKET nothing is sent and nothing fails")
    func noSocketIsSilent() throws {
        try SystemdNotifier(environment: [:]).ready()
    }
}
