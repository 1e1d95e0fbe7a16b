/// One segmentd metric as Prometheus shows it: name, type, HELP text, label names and, for a histogram, its buckets.
package struct MetricDefinition: Sendable, Equatable {
    /// The Prometheus type.
    package enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    package var name: String
    package var kind: Kind
    /// The `# HELP` text: what the metric counts or measures, in base units.
    package var help: String
    /// The label names every series of the metric carries (empty: one unlabeled series).
    package var labels: [String]
    /// A histogram's bucket upper bounds (`le`), ascending; empty for other kinds.
    package var buckets: [Double]

    init(_ name: String, _ kind: Kind, labels: [String] = [], buckets: [Double] = [], _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
        self.labels = labels
        self.buckets = buckets
    }
}

/// The one list of segmentd's metrics (issue 16). Code records them through the swift-metrics facade by these names
/// (string labels: the recording layers do not import this module); the factory looks each name up here for its
/// HELP text and buckets, and docs/metrics.md documents the same list. A test checks that every `segmentd_` name in
/// the sources is listed here.
package enum MetricCatalog {
    /// Bounds in seconds for the time a file takes (claim to archive, landing to manifest).
    static let fileSeconds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]
    /// Bounds in seconds for one HTTP request.
    static let requestSeconds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
    ]
    /// The confidence bins the scoring loop counts into (`ScoreTally.confidenceBounds` in SegmentIO; a test
    /// checks they are the same).
    static let confidenceBounds: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]

    /// Every segmentd metric, in the order docs/metrics.md lists them.
    package static let all: [MetricDefinition] = [
        .init(
            "segmentd_files_total", .counter, labels: ["outcome"],
            "Inbox files handled, by how each attempt ended: scored, duplicate, completed, failed, deferred, skipped."),
        .init(
            "segmentd_rows_total", .counter, labels: ["result"],
            "Rows of scored files: result=scored were written to the scored output, result=rejected to the rejects "
                + "file."),
        .init("segmentd_input_bytes_total", .counter, "Bytes of the input files scored."),
        .init(
            "segmentd_file_duration_seconds", .histogram, buckets: fileSeconds,
            "Seconds from claiming an inbox file to archiving it (or failing it), per file that got a manifest."),
        .init(
            "segmentd_landing_to_manifest_seconds", .histogram, buckets: fileSeconds,
            "Seconds from an input's last modification (its writer finishing) to its manifest being published, per "
                + "scored or duplicate file."),
        .init("segmentd_inbox_pending", .gauge, "Complete files waiting in the inbox, at the scrape."),
        .init("segmentd_files_in_progress", .gauge, "Files being processed, at the scrape."),
        .init("segmentd_paused", .gauge, "1 while intake is paused (outbox full or unwritable), else 0."),
        .init(
            "segmentd_segment_rows_total", .counter, labels: ["segment"],
            "Rows the model assigned to each segment (by segment name)."),
        .init(
            "segmentd_low_confidence_rows_total", .counter,
            "Rows scored with a confidence below low_confidence_threshold."),
        .init(
            "segmentd_confidence", .histogram, buckets: confidenceBounds,
            "Confidence of each scored row (1 - d1/d2, from 0 to 1)."),
        .init(
            "segmentd_shadow_rows_total", .counter,
            "Rows the challenger also scored in shadow mode ([challenger] mode = \"shadow\")."),
        .init(
            "segmentd_shadow_agreeing_rows_total", .counter,
            "Rows of those the champion and the challenger put in the segment with the same id."),
        .init(
            "segmentd_shadow_agreement", .gauge,
            "Share of the last shadow-scored file's rows both models put in the same segment id."),
        .init(
            "segmentd_shadow_adjusted_rand_index", .gauge,
            "Adjusted Rand index between the champion's and the challenger's labellings of the last shadow-scored "
                + "file."),
        .init(
            "segmentd_ab_rows_total", .counter, labels: ["arm"],
            "Rows scored in A/B mode, by arm (champion, challenger): the model that scored and wrote the row."),
        .init(
            "segmentd_ab_confidence_sum_total", .counter, labels: ["arm"],
            "Sum of the confidences of the rows scored in A/B mode, by arm (over segmentd_ab_rows_total: the mean)."),
        .init(
            "segmentd_plugin_rows_failed_total", .counter, labels: ["plugin"],
            "Rows an action plugin failed (written to the rejects file), by plugin."),
        .init(
            "segmentd_plugin_flags_total", .counter, labels: ["plugin", "flag"],
            "Files on which an action plugin raised a flag, by plugin and flag."),
        .init("segmentd_model_info", .gauge, labels: ["version"], "1, labelled with the version of the loaded model."),
        .init("segmentd_model_age_seconds", .gauge, "Seconds since the loaded model was trained, at the scrape."),
        .init(
            "segmentd_last_success_timestamp_seconds", .gauge,
            "Unix time at which the last file was scored (or recognised as a duplicate)."),
        .init(
            "segmentd_day_rows", .gauge,
            "Rows the daemon counted into the current UTC day's window (the latest line of segmentd history)."),
        .init(
            "segmentd_day_segment_share", .gauge, labels: ["segment"],
            "Each segment's share of the current UTC day's rows (by segment name)."),
        .init("segmentd_day_mean_confidence", .gauge, "Mean confidence of the current UTC day's rows."),
        .init(
            "segmentd_day_max_psi", .gauge,
            "Largest feature PSI of the current UTC day's rows against the model's drift reference."),
        .init(
            "segmentd_retrain_advised", .gauge, labels: ["reason"],
            "1 when the last evaluation of the retrain rules advises retraining for this reason (age, drift, "
                + "quality, distribution), else 0."),
        .init(
            "segmentd_http_requests_total", .counter, labels: ["route", "code"],
            "HTTP requests answered, by route and status code."),
        .init(
            "segmentd_http_request_duration_seconds", .histogram, labels: ["route"], buckets: requestSeconds,
            "Seconds from receiving an HTTP request to sending the end of its response, by route."),
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The definition of `name`; nil for a name not in the catalog.
    package static func definition(_ name: String) -> MetricDefinition? {
        byName[name]
    }

    /// The HELP text for a metric recorded through the facade whose name is not in the catalog (a library's):
    /// Prometheus' own checker rejects a metric without HELP.
    static func fallbackHelp(_ name: String) -> String {
        "\(name), recorded through swift-metrics (not in segmentd's metric catalog)."
    }
}
