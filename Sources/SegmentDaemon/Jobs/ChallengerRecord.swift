/// One model's side of a shadow or A/B comparison in a manifest: its segment shares and mean confidence over the rows
/// it scored (docs/manifest.md).
package struct ModelSideRecord: Codable, Sendable, Equatable {
    /// One segment's share of the rows this model scored.
    package struct SegmentShare: Codable, Sendable, Equatable {
        package var id: Int
        package var name: String
        package var share: Double

        package init(id: Int, name: String, share: Double) {
            self.id = id
            self.name = name
            self.share = share
        }
    }

    package var version: String
    /// The rows this model scored (shadow: every row; A/B: its arm's).
    package var rows: Int
    /// Every segment of the model, by id; shares are 0 when `rows` is 0.
    package var segments: [SegmentShare]
    /// Absent when `rows` is 0.
    package var meanConfidence: Double?

    package init(version: String, rows: Int, segments: [SegmentShare], meanConfidence: Double?) {
        self.version = version
        self.rows = rows
        self.segments = segments
        self.meanConfidence = meanConfidence
    }

    enum CodingKeys: String, CodingKey {
        case version, rows, segments
        case meanConfidence = "mean_confidence"
    }
}

/// A scored file's `shadow` section (`[challenger] mode = "shadow"`): the challenger scored every row beside the
/// champion, whose output is unchanged. Without a usable challenger, `status` says why and only `challenger_version`
/// (when the alias named one) accompanies it.
package struct ShadowRecord: Codable, Sendable, Equatable {
    /// `compared`, or `no_challenger` / `challenger_unusable` (the champion scored alone).
    package var status: String
    /// Why there was no comparison; absent when `status` is `compared`.
    package var message: String?
    package var challengerVersion: String?
    /// Rows both models scored.
    package var rows: Int?
    /// Share of those rows both models put in the segment with the same id.
    package var agreement: Double?
    /// The adjusted Rand index of the two labellings (1: the same partition, about 0: unrelated).
    package var adjustedRandIndex: Double?
    package var champion: ModelSideRecord?
    package var challenger: ModelSideRecord?

    package init(
        status: String, message: String? = nil, challengerVersion: String?, rows: Int? = nil,
        agreement: Double? = nil, adjustedRandIndex: Double? = nil, champion: ModelSideRecord? = nil,
        challenger: ModelSideRecord? = nil
    ) {
        self.status = status
        self.message = message
        self.challengerVersion = challengerVersion
        self.rows = rows
        self.agreement = agreement
        self.adjustedRandIndex = adjustedRandIndex
        self.champion = champion
        self.challenger = challenger
    }

    enum CodingKeys: String, CodingKey {
        case status, message, rows, agreement, champion, challenger
        case challengerVersion = "challenger_version"
        case adjustedRandIndex = "adjusted_rand_index"
    }
}

/// A scored file's `ab` section (`[challenger] mode = "ab"`): each customer's arm (SHA-256 of the id) picked the
/// model that scored the row; every row's `model_version` names it.
package struct ABRecord: Codable, Sendable, Equatable {
    /// One arm: its model's side and the arm's share of the file's scored rows.
    package struct Arm: Codable, Sendable, Equatable {
        package var model: ModelSideRecord
        /// The arm's rows over both arms' rows (0 with no row).
        package var share: Double

        package init(model: ModelSideRecord, share: Double) {
            self.model = model
            self.share = share
        }
    }

    /// `split`, or `no_challenger` / `challenger_unusable` (every row in the champion arm).
    package var status: String
    package var message: String?
    /// The configured share of the challenger arm.
    package var share: Double
    package var champion: Arm
    /// Absent when there was no usable challenger.
    package var challenger: Arm?

    package init(status: String, message: String? = nil, share: Double, champion: Arm, challenger: Arm?) {
        self.status = status
        self.message = message
        self.share = share
        self.champion = champion
        self.challenger = challenger
    }

    enum CodingKeys: String, CodingKey {
        case status, message, share, champion, challenger
    }
}
