import SegmentSupport

extension HTTPConfiguration {
    /// Decodes the `[http]` table with the daemon's settings reader: every key applied that can be, the defaults
    /// kept for the others, and every problem (bad values, the missing token off loopback) thrown as one error.
    /// Unknown keys are left to the top-level check, which reports them with their line.
    static func decode(_ table: SettingsTable) throws(SettingsError) -> HTTPConfiguration {
        var http = HTTPConfiguration()
        var problems: [SettingsError] = []
        func read(_ step: (inout HTTPConfiguration) throws(SettingsError) -> Void) {
            do throws(SettingsError) { try step(&http) } catch { problems.append(error) }
        }
        read { http throws(SettingsError) in http.enabled = try table.boolean("enabled") ?? http.enabled }
        read { http throws(SettingsError) in
            guard let text = try table.string("listen") else { return }
            switch ListenAddress.parse(text) {
            case .success(let address): http.listen = address
            case .failure(let error):
                throw table.invalid(
                    "listen", problem: "\"\(text)\": \(error.reason)",
                    fix: "write an IP address and a port, like \"127.0.0.1:9464\" or \"[::1]:9464\"")
            }
        }
        read { http throws(SettingsError) in
            guard let path = try table.string("auth_token_file") else { return }
            guard !path.isEmpty else {
                throw table.invalid("auth_token_file", problem: "the path is empty", fix: "write a path in quotes")
            }
            http.authTokenFile = path
        }
        read { http throws(SettingsError) in http.openProbes = try table.boolean("open_probes") ?? http.openProbes }
        read { http throws(SettingsError) in
            http.maxBodyBytes = try table.integer("max_body_bytes", in: 1...(1 << 40)) ?? http.maxBodyBytes
        }
        read { http throws(SettingsError) in
            http.maxBatchRows = try table.integer("max_batch_rows", in: 1...(1 << 40)) ?? http.maxBatchRows
        }
        read { http throws(SettingsError) in
            if let bytes = try table.integer("max_stream_bytes", in: 1...(1 << 50)) {
                http.maxStreamBytes = Int64(bytes)
            }
        }
        read { http throws(SettingsError) in
            http.idleTimeout = try duration(table, "idle_timeout") ?? http.idleTimeout
        }
        read { http throws(SettingsError) in
            http.requestTimeout = try duration(table, "request_timeout") ?? http.requestTimeout
        }
        read { http throws(SettingsError) in
            http.maxConcurrentScoring =
                try table.integer("max_concurrent_scoring", in: 1...4096) ?? http.maxConcurrentScoring
        }
        read { http throws(SettingsError) in http.plugins = try table.strings("plugins") ?? http.plugins }
        read { http throws(SettingsError) in
            http.lowConfidence = try table.number("low_confidence", in: 0...1) ?? http.lowConfidence
        }
        if http.enabled, !http.listen.isLoopback, http.authTokenFile == nil {
            problems.append(
                table.invalid(
                    "listen",
                    problem: "\(http.listen) is not a loopback address (127.0.0.0/8 or ::1) and no auth_token_file "
                        + "is set, so anyone who can reach it could score and read the status",
                    fix: "set auth_token_file = \"<file holding the bearer token>\" in [http], or listen on "
                        + "127.0.0.1"))
        }
        if let error = SettingsError.combining(problems) { throw error }
        return http
    }

    /// A duration written as a string with a unit (`"60s"`, `"500ms"`, `"5m"`) or a number of seconds.
    private static func duration(_ table: SettingsTable, _ key: String) throws(SettingsError) -> Duration? {
        let fix = "write a duration from 1ms to a day, like \"60s\", \"500ms\" or \"5m\""
        let milliseconds: Double
        switch table.value(key) {
        case nil: return nil
        case .integer(let seconds): milliseconds = Double(seconds) * 1000
        case .float(let seconds): milliseconds = seconds * 1000
        case .string(let text):
            let units: [(suffix: String, factor: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
            guard let unit = units.first(where: { text.hasSuffix($0.suffix) }),
                let number = Double(text.dropLast(unit.suffix.count))
            else {
                throw table.invalid(key, problem: "\"\(text)\" is not a duration", fix: fix)
            }
            milliseconds = number * unit.factor
        default:
            throw table.wrongType(key, expected: "a duration string such as \"60s\"")
        }
        guard milliseconds.isFinite, (1...86_400_000).contains(milliseconds) else {
            throw table.invalid(key, problem: "\(milliseconds) ms is out of range", fix: fix)
        }
        return .milliseconds(Int64(milliseconds.rounded()))
    }
}

extension ConfigurationSetting {
    /// The `[http]` table: read by ``HTTPConfiguration/decode(_:)``, rendered as one inline table. Restart only.
    static let http = ConfigurationSetting(
        key: "http", reloadable: false,
        apply: { configuration, table throws(SettingsError) in
            guard let http = try table.table("http") else { return }
            configuration.http = try HTTPConfiguration.decode(http)
        }, render: { $0.http.canonicalText })
}
