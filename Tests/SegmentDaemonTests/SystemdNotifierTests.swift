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

@Suite("systemd watchdog settings")
struct SystemdWatchdogSettingsTests {
    @Test("WATCHDOG_USEC sets the timeout when WATCHDOG_PID is absent or names this process")
    func watchdogForThisProcess() {
        let socket = ["NOTIFY_SOCKET": "/run/systemd/notify"]
        let plain = SystemdNotifier(environment: socket.merging(["WATCHDOG_USEC": "30000000"]) { $1 }, pid: 42)
        #expect(plain.watchdogTimeout == .seconds(30))
        let named = SystemdNotifier(
            environment: socket.merging(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"]) { $1 }, pid: 42)
        #expect(named.watchdogTimeout == .seconds(30))
    }

    @Test("no watchdog for another process's WATCHDOG_PID, a zero or unreadable WATCHDOG_USEC, or no socket")
    func noWatchdog() {
        let socket = ["NOTIFY_SOCKET": "/run/systemd/notify"]
        let cases: [[String: String]] = [
            socket.merging(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "41"]) { $1 },
            socket.merging(["WATCHDOG_USEC": "0"]) { $1 },
            socket.merging(["WATCHDOG_USEC": "soon"]) { $1 },
            socket,
            ["WATCHDOG_USEC": "30000000"],
        ]
        for environment in cases {
            #expect(SystemdNotifier(environment: environment, pid: 42).watchdogTimeout == nil, "\(environment)")
        }
    }

    @Test("STATUS= and WATCHDOG=1 reach the socket")
    func statusAndWatchdogAreSent() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let socket = try DatagramReceiver(path: tree.root + "/notify.sock")
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])

        try notifier.status("scored 1")
        try notifier.watchdog()

        try await eventually("both arrive", timeout: .seconds(2)) { socket.received.count == 2 }
        #expect(socket.received == ["STATUS=scored 1", "WATCHDOG=1"])
    }
}
