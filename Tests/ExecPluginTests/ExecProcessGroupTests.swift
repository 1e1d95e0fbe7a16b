import ExecPlugin
import Foundation
import Glibc
import SegmentPlugin
import Testing

/// A child runs in its own process group, and ending the child ends the group: grandchildren that keep the
/// child's stdout open neither outlive it nor make the daemon wait for an end of file that never comes.
/// The child `grandchild.py` answers every row with the process id of a grandchild that sleeps for ten minutes.
@Suite struct ExecProcessGroupTests {
    /// Whether process `pid` has ended (gone, or a zombie nobody reaped yet: this machine's init may not reap).
    private static func hasEnded(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name, which is in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Waits up to `seconds` for process `pid` to end.
    private static func waitUntilEnded(_ pid: Int32, seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if hasEnded(pid) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return hasEnded(pid)
    }

    private static func grandchild(_ output: PluginColumns, row: Int = 0) throws -> Int32 {
        guard case .text(let text) = output[row, 0], let pid = Int32(text) else {
            throw GrandchildMissing(value: output[row, 0])
        }
        return pid
    }

    struct GrandchildMissing: Error {
        let value: PluginValue
    }

    @Test("a grandchild in the child's process group ends when the child is stopped")
    func stoppingTheChildEndsItsProcessGroup() async throws {
        var plugin: ExecPlugin? = try ExecFixture.child("grandchild.py", "group")
        var pid: Int32 = 0
        if let session = try plugin?.openSession(for: ExecFixture.file()) {
            let output = try ExecFixture.run(ExecFixture.batch(["A"]), session)
            pid = try Self.grandchild(output)
        }
        defer { _ = kill(pid, SIGKILL) }
        #expect(!Self.hasEnded(pid))
        // The child exits by itself when its stdin closes; its grandchild must not survive it.
        plugin = nil
        #expect(await Self.waitUntilEnded(pid))
    }

    @Test("a child that dies mid-batch ends its process group and the batch ends without waiting for the timeout")
    func childDyingMidBatchEndsItsGroupAtOnce() async throws {
        let plugin = try ExecFixture.child("grandchild.py", "group", "2", batchTimeout: 60)
        let session = try plugin.openSession(for: ExecFixture.file())
        let started = ContinuousClock.now
        let output = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 5)), session)
        let elapsed = ContinuousClock.now - started
        let pid = try Self.grandchild(output)
        defer { _ = kill(pid, SIGKILL) }
        #expect(output.failures.keys.sorted() == [2, 3, 4])
        #expect(output.failures[2]?.contains("exited with status 3") == true, "\(output.failures[2] ?? "")")
        #expect(elapsed < .seconds(30))
        #expect(await Self.waitUntilEnded(pid))
    }

    @Test("a grandchild that left the group with setsid and holds stdout neither holds up the batch nor survives")
    func setsidGrandchildHoldingStdoutDoesNotStallTheBatch() async throws {
        let plugin = try ExecFixture.child("grandchild.py", "setsid", "2", batchTimeout: 60)
        let session = try plugin.openSession(for: ExecFixture.file())
        let started = ContinuousClock.now
        let output = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 5)), session)
        let elapsed = ContinuousClock.now - started
        let pid = try Self.grandchild(output)
        defer { _ = kill(pid, SIGKILL) }
        #expect(output.failures.keys.sorted() == [2, 3, 4])
        #expect(output.failures[2]?.contains("exited with status 3") == true, "\(output.failures[2] ?? "")")
        #expect(elapsed < .seconds(30))
        #expect(await Self.waitUntilEnded(pid))
        // The next batch goes to a new child.
        let again = try ExecFixture.run(ExecFixture.batch(["B"]), session)
        #expect(again.failures.isEmpty)
        _ = kill(try Self.grandchild(again), SIGKILL)
    }
}
