import Testing
@testable import SegmentDaemon

@Suite("[retrain] configuration")
struct RetrainConfigurationTests {
    private func decode(_ text: String) throws(ConfigurationError) -> RetrainConfiguration {
        try DaemonConfiguration(tomlText: text, source: "test.toml").retrain
    }

    private func problem(_ text: String) -> String {
        do {
            _ = try decode(text)
            return ""
        } catch {
            return error.message
        }
    }

    @Test("no [retrain] table gives the defaults: a reservoir of 100,000 rows over 30 days")
    func defaults() throws {
        let retrain = try decode("")
        #expect(retrain == RetrainConfiguration())
        #expect(retrain.reservoirDays == 30 && retrain.reservoirRows == 100_000)
    }

    @Test("every key is read, and reservoir_rows = 0 is allowed (the reservoir off)")
    func everyKey() throws {
        let retrain = try decode("[retrain]\nreservoir_days = 7\nreservoir_rows = 0\n")
        #expect(retrain.reservoirDays == 7 && retrain.reservoirRows == 0)
        #expect(
            try DaemonConfiguration(tomlText: "[retrain]\nreservoir_days = 7\n", source: "t").canonicalText
                .contains("retrain = { reservoir_days = 7, reservoir_rows = 100000 }"))
    }

    @Test("an unknown key in [retrain] is rejected with its line and a suggestion")
    func unknownKey() {
        let message = problem("[retrain]\nreservoir_day = 3\n")
        #expect(message.contains("test.toml:2"), "\(message)")
        #expect(message.contains("retrain.reservoir_day"), "\(message)")
        #expect(message.contains("did you mean \"reservoir_days\""), "\(message)")
    }

    @Test("values out of range or of the wrong type are rejected naming the key")
    func badValues() {
        for (text, key) in [
            ("reservoir_days = 0", "reservoir_days"), ("reservoir_rows = -1", "reservoir_rows"),
            ("reservoir_days = \"30\"", "reservoir_days"),
        ] {
            let message = problem("[retrain]\n\(text)\n")
            #expect(message.contains("test.toml:2") && message.contains("retrain.\(key)"), "\(text): \(message)")
        }
    }
}
