import Testing
@testable import SegmentDaemon

@Suite("[challenger] configuration")
struct ChallengerConfigurationTests {
    private func decode(_ text: String) throws(ConfigurationError) -> DaemonConfiguration {
        try DaemonConfiguration(tomlText: text, source: "test.toml")
    }

    private func problem(_ text: String) -> String {
        do {
            _ = try decode(text)
            return ""
        } catch {
            return error.message
        }
    }

    @Test("no [challenger] table: mode off, share 0.5, and config_sha256 is what it was without the table")
    func defaults() throws {
        let configuration = try decode("")
        #expect(configuration.challenger == ChallengerConfiguration())
        #expect(configuration.challenger.mode == .off && configuration.challenger.share == 0.5)
        let explicitOff = try decode("[challenger]\nmode = \"off\"\nshare = 0.3\n")
        #expect(explicitOff.outputHash == configuration.outputHash, "off never changes the hash")
        let shadow = try decode("[challenger]\nmode = \"shadow\"\n")
        #expect(shadow.outputHash != configuration.outputHash, "a challenger changes what is published")
    }

    @Test("mode and share are read")
    func everyKey() throws {
        let challenger = try decode("[challenger]\nmode = \"ab\"\nshare = 1\n").challenger
        #expect(challenger.mode == .ab && challenger.share == 1)
        #expect(try decode("[challenger]\nmode = \"shadow\"\n").challenger.mode == .shadow)
    }

    @Test("an unknown key, an unknown mode and a share outside 0...1 are rejected with their line")
    func badValues() {
        let unknown = problem("[challenger]\nmode = \"ab\"\nshares = 0.2\n")
        #expect(unknown.contains("test.toml:3") && unknown.contains("did you mean \"share\""), "\(unknown)")
        let mode = problem("[challenger]\nmode = \"canary\"\n")
        #expect(mode.contains("test.toml:2") && mode.contains("\"shadow\""), "\(mode)")
        for share in ["1.5", "-0.1"] {
            let message = problem("[challenger]\nshare = \(share)\n")
            #expect(message.contains("test.toml:2") && message.contains("challenger.share"), "\(share): \(message)")
        }
    }
}
