/// A trained segmentation model: one self-describing JSON document.
///
/// It carries everything scoring needs (pipeline spec, medians, scaler, PCA, centroids, names) and everything a
/// person needs to trust it (training data fingerprint, metrics, the k table, per-segment profiles).
/// `modelVersion` is a hash of the content; `checksum` guards the whole document against corruption.
package struct SegmentModel: Sendable, Equatable, Codable {
    /// Value of `format` in every model file.
    package static let formatName = "segmentd-model"
    /// The model format this build writes: 2 adds the drift reference.
    package static let currentFormatVersion = 2
    /// The model formats this build reads: 1 (no drift reference; drift statistics are off) and 2.
    package static let readableFormatVersions = 1...2

    package var format: String
    package var formatVersion: Int
    /// Content hash of the model (`m-` and 16 hex digits); equal for equal training results, whenever trained.
    package var modelVersion: String
    /// ISO 8601 time of training (taken from `SOURCE_DATE_EPOCH` when set, for reproducible files).
    package var createdAt: String
    package var trainingData: TrainingData
    package var pipeline: PipelineSpec
    package var imputation: Imputation
    package var scaler: Scaler
    package var pca: PCA
    package var kmeans: KMeansSummary
    /// One row per k tried: the whole table for `k = "auto"`, a single row for a fixed k.
    package var selection: [SelectionRow]
    package var selectionRule: SelectionRule
    package var segments: [Segment]
    /// What the training data looked like, to compare scored data with (format 2); nil in a format-1 model.
    package var drift: DriftReference? = nil
    /// `sha256:` and the SHA-256 of the canonical document without this field.
    package var checksum: String?
    /// A person's name for this version (`train --label v1.2.0`); optional, outside `model_version`
    /// (SegmentModel+Lineage.swift).
    package var label: String?
    /// The `model_version` of the model trained with `--previous` (lineage); optional, outside `model_version`.
    package var parent: String?

    enum CodingKeys: String, CodingKey {
        case format, checksum, pca, kmeans, selection, segments, pipeline, imputation, scaler, label, parent
        case formatVersion = "format_version"
        case modelVersion = "model_version"
        case createdAt = "created_at"
        case trainingData = "training_data"
        case selectionRule = "selection_rule"
        case drift
    }
}

extension SegmentModel {
    /// Where the model was trained from.
    package struct TrainingData: Sendable, Equatable, Codable {
        /// File name of the training data (no directories).
        package var source: String
        package var rows: Int
        package var rejected: Int
        /// SHA-256 of the training file's bytes, hex.
        package var sha256: String

        package init(source: String, rows: Int, rejected: Int, sha256: String) {
            self.source = source
            self.rows = rows
            self.rejected = rejected
            self.sha256 = sha256
        }
    }

    /// Training medians used to fill missing inputs, by raw column name.
    package struct Imputation: Sendable, Equatable, Codable {
        package var medians: [String: Double]
    }

    /// Standard scaling of the numeric features (population std; zero-variance columns have scale 1).
    package struct Scaler: Sendable, Equatable, Codable {
        package var features: [String]
        package var mean: [Double]
        package var scale: [Double]
    }

    /// Principal components kept for clustering.
    package struct PCA: Sendable, Equatable, Codable {
        /// Model feature names (scaled numeric features, then one-hot columns): the PCA input order.
        package var features: [String]
        package var mean: [Double]
        /// One row per kept component, one loading per feature.
        package var components: [[Double]]
        /// Explained-variance ratio of the kept components.
        package var explainedVarianceRatio: [Double]
        /// Explained-variance ratio of every component, kept or not.
        package var explainedVarianceRatioAll: [Double]
        /// How the count was chosen, e.g. `variance >= 0.85` or `components = 5`.
        package var selection: String

        enum CodingKeys: String, CodingKey {
            case features, mean, components, selection
            case explainedVarianceRatio = "explained_variance_ratio"
            case explainedVarianceRatioAll = "explained_variance_ratio_all"
        }
    }

    /// The clustering and its quality.
    package struct KMeansSummary: Sendable, Equatable, Codable {
        package var k: Int
        package var inertia: Double
        package var silhouette: Double
        /// Rows the silhouette was computed on (all rows, or a seeded sample above the exact limit).
        package var silhouetteRows: Int
        package var iterations: Int
        package var nInit: Int
        package var seed: UInt64
        /// Centroids in PCA space, indexed by segment id.
        package var centroids: [[Double]]

        enum CodingKeys: String, CodingKey {
            case k, inertia, silhouette, iterations, seed, centroids
            case silhouetteRows = "silhouette_rows"
            case nInit = "n_init"
        }
    }

    /// Inertia and silhouette of one k.
    package struct SelectionRow: Sendable, Equatable, Codable {
        package var k: Int
        package var inertia: Double
        package var silhouette: Double

        package init(k: Int, inertia: Double, silhouette: Double) {
            self.k = k
            self.inertia = inertia
            self.silhouette = silhouette
        }
    }

    /// How k was decided.
    package struct SelectionRule: Sendable, Equatable, Codable {
        /// `fixed` or `auto`.
        package var mode: String
        package var chosen: Int
        package var elbow: Int?
        package var bestSilhouette: Int?
        package var reason: String

        enum CodingKeys: String, CodingKey {
            case mode, chosen, elbow, reason
            case bestSilhouette = "best_silhouette"
        }
    }

    /// One segment: its id, its name and what the business does with it, and its profile.
    package struct Segment: Sendable, Equatable, Codable {
        package var id: Int
        package var name: String
        package var description: String
        package var marketingStrategy: String
        package var retentionPriority: String
        /// How well the segment's profile fits its archetype's signature (higher is better).
        package var nameScore: Double
        package var size: Int
        package var share: Double
        package var profile: SegmentProfile

        enum CodingKeys: String, CodingKey {
            case id, name, description, size, share, profile
            case marketingStrategy = "marketing_strategy"
            case retentionPriority = "retention_priority"
            case nameScore = "name_score"
        }
    }
}
