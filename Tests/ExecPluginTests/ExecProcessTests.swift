import ExecPlugin
import Foundation
import Glibc
import SegmentPlugin
import Testing

/// The child's environment, stderr, sharing and lifetime.
@Suite struct ExecProcessTests {
    @Test func childGetsOnlyTheGrantedEnvironment() throws {
        setenv("EXEC_TEST_NOT_GRANTED", "secret", 1)
        let plugin = try ExecFixture.plugin(
            """
            command = ["/bin/sh", "\(ExecFixture.children)/environment.sh"]
            columns = ["names", "granted"]
            pass_environment = ["HOME", "EXEC_TEST_ABSENT_VARIABLE"]
            environment = { EXEC_TEST_GRANTED = "yes" }
            \(ExecFixture.quick())
            """)
        let output = try ExecFixture.run(
            ExecFixture.batch(["A"]), plugin.openSession(for: ExecFixture.file()),
            columns: 2)
        #expect(output.failures.isEmpty)
        #expect(output[0, 0] == .text("EXEC_TEST_GRANTED,HOME"))
        #expect(output[0, 1] == .text("yes"))
    }

    @Test func stderrLinesAreLoggedAndABurstDoesNotBlockTheChild() async throws {
        let log = LogRecorder()
        let plugin = try ExecFixture.child(
            "chatty.py", extra: "stderr_limit = { lines = 5000, interval = 60.0 }",
            log: log)
        let output = try ExecFixture.run(ExecFixture.batch(["A", "B"]), plugin.openSession(for: ExecFixture.file()))
        #expect(output.failures.isEmpty)
        #expect(await log.waitFor("stderr: scored B"), "\(log.all.suffix(5))")
        #expect(await log.waitFor("stderr: warming up 1999"))
    }

    @Test func bigBatchIsWrittenWhileAnswersAreRead() throws {
        let plugin = try ExecFixture.child("garbage.py", batchTimeout: 60)
        let ids = ExecFixture.ids("C", 20_000)
        let output = try ExecFixture.run(ExecFixture.batch(ids), plugin.openSession(for: ExecFixture.file()))
        #expect(output.failures.isEmpty)
        #expect(output[19_999, 0] == .text("C19999"))
    }

    @Test func concurrentFilesShareOneChildAndGetTheirOwnAnswers() async throws {
        let plugin = try ExecFixture.child("garbage.py")
        let results = await withTaskGroup(of: Bool.self) { group in
            for file in 0..<4 {
                group.addTask {
                    guard let session = try? plugin.openSession(for: ExecFixture.file("f\(file).csv")) else {
                        return false
                    }
                    for batch in 0..<5 {
                        let ids = ExecFixture.ids("F\(file)B\(batch)R", 200)
                        guard let output = try? ExecFixture.run(ExecFixture.batch(ids), session) else { return false }
                        if output.failures.count > 0 || (0..<200).map({ output[$0, 0] }) != ids.map({ .text($0) }) {
                            return false
                        }
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [true, true, true, true])
        let session = try plugin.openSession(for: ExecFixture.file())
        _ = try ExecFixture.run(ExecFixture.batch(["X"]), session)
        #expect(try session.finish(artifacts: NoArtifacts()).metrics["child_starts"] == 0)
    }

    @Test func releasingThePluginStopsItsChild() throws {
        let log = LogRecorder()
        var plugin: ExecPlugin? = try ExecFixture.child("garbage.py", log: log)
        if let session = try plugin?.openSession(for: ExecFixture.file()) {
            _ = try ExecFixture.run(ExecFixture.batch(["A"]), session)
        }
        let started = try #require(log.all.first { $0.contains("started child pid") })
        let pid = try #require(started.split(separator: " ").dropFirst(4).first.flatMap { Int32($0.dropLast()) })
        #expect(kill(pid, 0) == 0)
        plugin = nil
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }
}
