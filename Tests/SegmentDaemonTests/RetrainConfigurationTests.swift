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

    @Test("no [retrain] table gives the guide's thresholds: 90 days, PSI 0.15, ratio 0.7, 20%, 5,000 rows")
    func defaults() throws {
        let retrain = try decode("")
        #expect(retrain == RetrainConfiguration())
        #expect(retrain.maxModelAgeDays == 90 && retrain.maxPSI == 0.15 && retrain.minSilhouetteRatio == 0.7)
        #expect(retrain.maxShareChange == 0.2 && retrain.minRows == 5_000)
    }

    @Test("every key is read, integers where numbers are expected too")
    func everyKey() throws {
        let retrain = try decode(
            """
            [retrain]
            max_model_age_days = 30
            max_psi = 0.25
            min_silhouette_ratio = 0.5
            max_share_change = 0.1
            min_rows = 100
            """)
        #expect(retrain.maxModelAgeDays == 30 && retrain.maxPSI == 0.25 && retrain.minSilhouetteRatio == 0.5)
        #expect(retrain.maxShareChange == 0.1 && retrain.minRows == 100)
        #expect(retrain.canonicalText.contains("min_rows = 100"))
    }

    @Test("a bad value and an unknown key are both reported, with their line")
    func badValuesAreReported() {
        let message = problem(
            """
            [retrain]
            max_psi = -1
            min_silhouette_ratio = 1.5
            max_rows = 3
            """)
        #expect(message.contains("max_psi") && message.contains("min_silhouette_ratio"), "\(message)")
        #expect(message.contains("max_rows") && message.contains("min_rows"), "\(message)")
    }

    @Test("no [retrain] table gives the defaults: a reservoir of 100,000 rows over 30 days")
    func reservoirDefaults() throws {
        let retrain = try decode("")
        #expect(retrain == RetrainConfiguration())
        #expect(retrain.reservoirDays == 30 && retrain.reservoirRows == 100_000)
    }

    @Test("every key is read, and reservoir_rows = 0 is allowed (the reservoir off)")
    func everyReservoirKey() throws {
        let retrain = try decode("[retrain]\nreservoir_days = 7\nreservoir_rows = 0\n")
        #expect(retrain.reservoirDays == 7 && retrain.reservoirRows == 0)
        #expect(
            try DaemonConfiguration(tomlText: "[retrain]\nreservoir_days = 7\n", source: "t").canonicalText
                .contains("reservoir_days = 7, reservoir_rows = 100000 }"))
    }

    @Test("an unknown key in [retrain] is rejected with its line and a suggestion")
    func unknownKey() {
        let message = problem("[retrain]\nreservoir_day = 3\n")
        #expect(message.contains("test.toml:2"), "\(message)")
        #expect(message.contains("retrain.reservoir_day"), "\(message)")
        #expect(message.contains("did you mean \"reservoir_days\""), "\(message)")
    }

    @Test("values out of range or of the wrong type are rejected naming the key")
    func badReservoirValues() {
        for (text, key) in [
            ("reservoir_days = 0", "reservoir_days"), ("reservoir_rows = -1", "reservoir_rows"),
            ("reservoir_days = \"30\"", "reservoir_days"),
        ] {
            let message = problem("[retrain]\n\(text)\n")
            #expect(message.contains("test.toml:2") && message.contains("retrain.\(key)"), "\(text): \(message)")
        }
    }
}
