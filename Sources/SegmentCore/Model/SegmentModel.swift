/// A trained segmentation model: one self-describing JSON document.
///
/// It carries everything scoring needs (pipeline spec, medians, scaler, PCA, centroids, names) and everything a
/// person needs to trust it (training data fingerprint, metrics, the k table, per-segment profiles).
/// `modelVersion` is a hash of the content; `checksum` guards the whole document against corruption.
public struct SegmentModel: Sendable, Equatable, Codable {
    /// Value of `format` in every model file.
    public static let formatName = "segmentd-model"
    /// The model format this build writes and reads.
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    /// Content hash of the model (`m-` and 16 hex digits); equal for equal training results, whenever trained.
    public var modelVersion: String
    /// ISO 8601 time of training (taken from `SOURCE_DATE_EPOCH` when set, for reproducible files).
    public var createdAt: String
    public var trainingData: TrainingData
    public var pipeline: PipelineSpec
    public var imputation: Imputation
    public var scaler: Scaler
    public var pca: PCA
    public var kmeans: KMeansSummary
    /// One row per k tried: the whole table for `k = "auto"`, a single row for a fixed k.
    public var selection: [SelectionRow]
    public var selectionRule: SelectionRule
    public var segments: [Segment]
    /// `sha256:` and the SHA-256 of the canonical document without this field.
    public var checksum: String?

    enum CodingKeys: String, CodingKey {
        case format, checksum, pca, kmeans, selection, segments, pipeline, imputation, scaler
        case formatVersion = "format_version"
        case modelVersion = "model_version"
        case createdAt = "created_at"
        case trainingData = "training_data"
        case selectionRule = "selection_rule"
    }
}

extension SegmentModel {
    /// Where the model was trained from.
    public struct TrainingData: Sendable, Equatable, Codable {
        /// File name of the training data (no directories).
        public var source: String
        public var rows: Int
        public var rejected: Int
        /// SHA-256 of the training file's bytes, hex.
        public var sha256: String

        public init(source: String, rows: Int, rejected: Int, sha256: String) {
            self.source = source
            self.rows = rows
            self.rejected = rejected
            self.sha256 = sha256
        }
    }

    /// Training medians used to fill missing inputs, by raw column name.
    public struct Imputation: Sendable, Equatable, Codable {
        public var medians: [String: Double]
    }

    /// Standard scaling of the numeric features (population std; zero-variance columns have scale 1).
    public struct Scaler: Sendable, Equatable, Codable {
        public var features: [String]
        public var mean: [Double]
        public var scale: [Double]
    }

    /// Principal components kept for clustering.
    public struct PCA: Sendable, Equatable, Codable {
        /// Model feature names (scaled numeric features, then one-hot columns): the PCA input order.
        public var features: [String]
        public var mean: [Double]
        /// One row per kept component, one loading per feature.
        public var components: [[Double]]
        /// Explained-variance ratio of the kept components.
        public var explainedVarianceRatio: [Double]
        /// Explained-variance ratio of every component, kept or not.
        public var explainedVarianceRatioAll: [Double]
        /// How the count was chosen, e.g. `variance >= 0.85` or `components = 5`.
        public var selection: String

        enum CodingKeys: String, CodingKey {
            case features, mean, components, selection
            case explainedVarianceRatio = "explained_variance_ratio"
            case explainedVarianceRatioAll = "explained_variance_ratio_all"
        }
    }

    /// The clustering and its quality.
    public struct KMeansSummary: Sendable, Equatable, Codable {
        public var k: Int
        public var inertia: Double
        public var silhouette: Double
        /// Rows the silhouette was computed on (all rows, or a seeded sample above the exact limit).
        public var silhouetteRows: Int
        public var iterations: Int
        public var nInit: Int
        public var seed: UInt64
        /// Centroids in PCA space, indexed by segment id.
        public var centroids: [[Double]]

        enum CodingKeys: String, CodingKey {
            case k, inertia, silhouette, iterations, seed, centroids
            case silhouetteRows = "silhouette_rows"
            case nInit = "n_init"
        }
    }

    /// Inertia and silhouette of one k.
    public struct SelectionRow: Sendable, Equatable, Codable {
        public var k: Int
        public var inertia: Double
        public var silhouette: Double

        public init(k: Int, inertia: Double, silhouette: Double) {
            self.k = k
            self.inertia = inertia
            self.silhouette = silhouette
        }
    }

    /// How k was decided.
    public struct SelectionRule: Sendable, Equatable, Codable {
        /// `fixed` or `auto`.
        public var mode: String
        public var chosen: Int
        public var elbow: Int?
        public var bestSilhouette: Int?
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case mode, chosen, elbow, reason
            case bestSilhouette = "best_silhouette"
        }
    }

    /// One segment: its id, its name and what the business does with it, and its profile.
    public struct Segment: Sendable, Equatable, Codable {
        public var id: Int
        public var name: String
        public var description: String
        public var marketingStrategy: String
        public var retentionPriority: String
        /// How well the segment's profile fits its archetype's signature (higher is better).
        public var nameScore: Double
        public var size: Int
        public var share: Double
        public var profile: SegmentProfile

        enum CodingKeys: String, CodingKey {
            case id, name, description, size, share, profile
            case marketingStrategy = "marketing_strategy"
            case retentionPriority = "retention_priority"
            case nameScore = "name_score"
        }
    }
}
