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
}
