extension DaemonConfiguration {
    /// Every key the configuration file may contain, in the order `etc/segmentd.toml` documents them.
    ///
    /// The keys marked `affectsOutput` are the one list of what enters `config_sha256` besides the plugins: add an
    /// output-affecting key (such as `max_reject_share`) by marking it here.
    static let settings: [ConfigurationSetting] = [
        .path("base_dir", \.baseDirectory, reloadable: true),
        .path("inbox", \.inbox),
        .path("outbox", \.outbox),
        .path("work_dir", \.workDirectory),
        .path("archive_dir", \.archiveDirectory),
        .path("failed_dir", \.failedDirectory),
        .path("ledger", \.ledger),
        .path("lock_file", \.lockFile),
        .path("model", \.model, reloadable: true),
        .path("pipeline", \.pipeline, reloadable: true),
        .path("segments", \.segments, reloadable: true),
        .path("plugins_dir", \.pluginsDirectory, reloadable: true),
        .path("state_dir", \.stateDirectory),
        .choice("mode", \.mode, reloadable: false),
        .integer("workers", \.workers, range: 1...1024),
        .seconds("min_age", \.minAge),
        .seconds("min_age_renamed", \.minAgeRenamed),
        .seconds("reconcile_interval", \.reconcileInterval, minimum: 0.1),
        .seconds("poll_interval", \.pollInterval, minimum: 0.1),
        .choice("duplicates", \.duplicates, reloadable: true, affectsOutput: true),
        .share("max_reject_share", \.maxRejectShare, affectsOutput: true),
        .share(
            "low_confidence_threshold", \.lowConfidenceThreshold, affectsOutput: false,
            fix: "use a confidence from 0 to 1, such as 0.5: rows scored below it are counted as low-confidence"),
        .seconds("drain_timeout", \.drainTimeout),
        .choice("log_format", \.logFormat, reloadable: false),
        .choice("log_level", \.logLevel, reloadable: false),
        .integer("large_file_bytes", \.largeFileBytes, range: 1...Int64.max),
        .integer("min_free_bytes", \.minFreeBytes, range: 0...Int64.max),
        .seconds("outbox_retry_interval", \.outboxRetryInterval, minimum: 0.1),
        .http,
        .retrain,
        .challenger,
    ]

    /// The effective configuration as `key = value` lines in the documented order: stable across runs and platforms.
    package var canonicalText: String {
        Self.settings.map { "\($0.key) = \($0.render(self))\n" }.joined()
    }

    /// SHA-256 (hex) of the canonical lines of the keys that change the bytes published for an input and model
    /// (`duplicates`, `max_reject_share`: the keys marked `affectsOutput` in ``settings``; `[challenger]` unless
    /// `off`). With the plugins' fingerprint it is every manifest's `config_sha256`; the model's version is reported
    /// beside it, not inside it. Paths, the pipeline and segments files (training inputs the model embeds), workers,
    /// timings and logging leave it unchanged.
    package var outputHash: String {
        var text = Self.settings.filter(\.affectsOutput).map { "\($0.key) = \($0.render(self))\n" }.joined()
        // A challenger changes the bytes (A/B) or the manifests (shadow); `off` leaves the hash as it always was.
        if challenger.mode != .off { text += "challenger = \(challenger.canonicalText)\n" }
        return ContentDigest.sha256(of: text.utf8)
    }

    /// ``outputHash`` combined with the enabled plugins' fingerprint (``FileProcessor/pluginFingerprint``):
    /// the `config_sha256` of manifests. Without plugins it is ``outputHash`` itself.
    package func outputHash(plugins fingerprint: String?) -> String {
        guard let fingerprint else { return outputHash }
        return ContentDigest.sha256(of: "\(outputHash)\nplugins = \(fingerprint)\n".utf8)
    }

    /// Keys whose value differs between `self` and `other` and that only take effect on restart.
    func restartOnlyChanges(comparedTo other: DaemonConfiguration) -> [String] {
        Self.settings.filter { !$0.reloadable && $0.render(self) != $0.render(other) }.map(\.key)
    }
}
