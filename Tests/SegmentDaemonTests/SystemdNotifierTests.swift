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

    @Test("without NOTIFY_SOCKET in its environment nothing is sent, even with one in the process environment")
    func noSocketIsSilent() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let socket = try DatagramReceiver(path: tree.root + "/notify.sock")
        let previous = getenv("NOTIFY_SOCKET").map { String(cString: $0) }
        // The process environment names a real socket: a notifier falling back on it would be heard there.
        setenv("NOTIFY_SOCKET", socket.path, 1)
        for environment in [[:], ["NOTIFY_SOCKET": ""]] {
            let notifier = SystemdNotifier(environment: environment)
            try notifier.ready()
            try notifier.reloading()
            try notifier.status("must not be sent")
            try notifier.stopping()
        }
        if let previous { setenv("NOTIFY_SOCKET", previous, 1) } else { unsetenv("NOTIFY_SOCKET") }

        // Datagrams are queued at the socket in the order they were sent: once this one is received, anything sent
        // before it would have been received first.
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]).status("control")
        try await eventually("the control datagram arrives", timeout: .seconds(10)) { !socket.received.isEmpty }
        #expect(socket.received == ["STATUS=control"])
    }
}
