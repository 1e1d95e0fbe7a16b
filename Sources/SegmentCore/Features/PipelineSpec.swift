/// The declared feature pipeline: which raw columns to read, which features to derive and encode,
/// and how to reduce (PCA) and cluster (k-means) them.
///
/// Load it from TOML with ``init(toml:source:)`` (every expression is parsed and checked then), or take
/// ``default``, the credit-card (CC_GENERAL) pipeline shipped as `etc/pipeline.toml`. It is `Codable` with
/// snake_case keys, so a model file can embed it; encode with `JSONEncoder.OutputFormatting.sortedKeys`
/// for byte-identical output.
package struct PipelineSpec: Sendable, Equatable, Codable {
    /// Column that identifies a customer.
    package var idColumn: String
    /// Raw numeric input columns, in reading order.
    package var columns: [String]
    /// Features computed from columns and earlier derived features, in order.
    package var derived: [DerivedFeature]
    /// The model's numeric features, in model order.
    package var features: [NumericFeature]
    /// One-hot encoded categorical features, after the numeric ones.
    package var categorical: [CategoricalFeature]
    /// How many principal components to keep.
    package var pca: PCASpec
    /// How to cluster.
    package var kmeans: KMeansSpec

    /// Creates a spec from its parts without checking it; ``FeaturePipeline/init(spec:)`` checks it.
    package init(
        idColumn: String = "CUST_ID",
        columns: [String],
        derived: [DerivedFeature] = [],
        features: [NumericFeature],
        categorical: [CategoricalFeature] = [],
        pca: PCASpec = PCASpec(),
        kmeans: KMeansSpec = KMeansSpec()
    ) {
        self.idColumn = idColumn
        self.columns = columns
        self.derived = derived
        self.features = features
        self.categorical = categorical
        self.pca = pca
        self.kmeans = kmeans
    }

    enum CodingKeys: String, CodingKey {
        case idColumn = "id_column"
        case columns, derived, features, categorical, pca, kmeans
    }
}

/// A feature computed per row from an arithmetic expression, e.g. `PURCHASES / TENURE`.
package struct DerivedFeature: Sendable, Equatable, Codable {
    /// Name other expressions and features use to refer to it.
    package var name: String
    /// Expression source text.
    package var expr: String

    /// Creates a derived feature; the expression is checked when a pipeline is compiled.
    package init(name: String, expr: String) {
        self.name = name
        self.expr = expr
    }
}

/// One numeric model feature: a raw column or derived feature, optionally transformed.
package struct NumericFeature: Sendable, Equatable, Codable {
    /// How a value is transformed before scaling.
    package enum Transform: String, Sendable, Equatable, Codable, CaseIterable {
        /// sign(x)·log1p(|x|): compresses heavy tails, keeps sign and zero.
        case signedLog1p = "signed_log1p"
        /// The value as is.
        case none
    }

    /// A raw column or derived feature name.
    package var name: String
    /// The transform applied before scaling.
    package var transform: Transform

    /// Creates a numeric feature.
    package init(name: String, transform: Transform = .none) {
        self.name = name
        self.transform = transform
    }
}

/// A categorical feature assigned by rules and one-hot encoded (unscaled 0/1 columns).
package struct CategoricalFeature: Sendable, Equatable, Codable {
    /// A category with the condition that selects it.
    package struct Rule: Sendable, Equatable, Codable {
        /// Category chosen when `when` holds.
        package var category: String
        /// Condition source text, e.g. `ONEOFF_PURCHASES > 0 and INSTALLMENTS_PURCHASES > 0`.
        package var when: String

        /// Creates a rule; the condition is checked when a pipeline is compiled.
        package init(category: String, when: String) {
            self.category = category
            self.when = when
        }
    }

    /// Feature name; one-hot columns are named `name=category`.
    package var name: String
    /// All categories, in one-hot column order.
    package var categories: [String]
    /// Rules tried in order; the first that holds wins.
    package var rules: [Rule]
    /// Category when no rule holds.
    package var `default`: String

    /// Creates a categorical feature.
    package init(name: String, categories: [String], rules: [Rule], default: String) {
        self.name = name
        self.categories = categories
        self.rules = rules
        self.default = `default`
    }
}
