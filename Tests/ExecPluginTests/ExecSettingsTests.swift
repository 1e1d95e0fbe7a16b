import ExecPlugin
import SegmentPlugin
import Testing

/// Settings are checked when the plugin is built; errors name the file and key.
@Suite struct ExecSettingsTests {
    private func error(_ toml: String) -> PluginError? {
        do {
            _ = try ExecFixture.plugin(toml)
            return nil
        } catch let error as PluginError {
            return error
        } catch {
            return nil
        }
    }

    @Test func sampleAloneBuildsThePluginWithoutStartingAChild() throws {
        let log = LogRecorder()
        let plugin = try ExecFixture.plugin("", log: log)
        #expect(plugin.outputColumns == ["risk_score", "next_best_action"])
        #expect(log.all.isEmpty)
    }

    @Test func columnsDeclareTheirTypes() throws {
        let plugin = try ExecFixture.plugin(
            "columns = [{ name = \"score\", type = \"float\", nullable = false }, { name = \"action\" }]")
        #expect(
            plugin.outputSchema == [
                PluginOutputColumn("score", .float, nullable: false),
                PluginOutputColumn("action", .string, nullable: true),
            ])
        #expect(
            try ExecFixture.plugin("columns = [\"a\"]").outputSchema == [
                PluginOutputColumn("a", .string, nullable: true)
            ])
        #expect(try ExecFixture.plugin("").outputSchema.map(\.type) == [.integer, .string])
    }

    @Test func unknownColumnTypeIsNamed() {
        let error = error("columns = [{ name = \"score\", type = \"decimal\" }]")
        #expect(error?.code == .invalidValue)
        #expect(error?.description.contains("there is no column type \"decimal\"") == true)
    }

    @Test func unknownKeyIsNamedWithTheFile() {
        let error = error("comand = [\"x\"]")
        #expect(error?.code == .unknownKey)
        #expect(error?.key == "comand")
        #expect(error?.source == "etc/plugins.d/exec.toml")
    }

    @Test func unknownBackoffKeyIsNamedWithItsPath() {
        #expect(error("restart_backoff = { initial = 1.0, maximum = 2.0 }")?.key == "restart_backoff.maximum")
    }

    @Test func emptyCommandIsRejected() {
        #expect(error("command = []")?.code == .invalidValue)
    }

    @Test func duplicateOrReservedColumnsAreRejected() {
        #expect(error("columns = [\"a\", \"a\"]")?.key == "columns")
        #expect(error("columns = [\"_error\"]")?.key == "columns")
    }

    @Test("protocol is 1 or 2; \"line\" is a column only under protocol 1, where nothing echoes it")
    func protocolVersionAndTheLineColumn() throws {
        #expect(error("protocol = 3")?.key == "protocol")
        #expect(error("protocol = \"2\"")?.code == .wrongType)
        #expect(error("columns = [\"line\"]")?.key == "columns")
        #expect(try ExecFixture.plugin("protocol = 1\ncolumns = [\"line\"]").outputColumns == ["line"])
    }

    @Test func stderrLimitIsChecked() {
        #expect(error("stderr_limit = { lines = -1, interval = 60.0 }")?.key == "stderr_limit.lines")
        #expect(error("stderr_limit = { lines = 10, interval = 0 }")?.key == "stderr_limit.interval")
        #expect(error("stderr_limit = { lines = 10, interval = 1.0, burst = 3 }")?.key == "stderr_limit.burst")
    }

    @Test func wrongTypesAndValuesAreRejected() {
        #expect(error("batch_timeout = \"5\"")?.code == .wrongType)
        #expect(error("batch_timeout = 0")?.code == .invalidValue)
        #expect(error("environment = { A = 1 }")?.key == "environment.A")
        #expect(error("restart_backoff = { initial = 5.0, max = 1.0 }")?.key == "restart_backoff.max")
        #expect(error("max_line_bytes = 10")?.key == "max_line_bytes")
    }
}
