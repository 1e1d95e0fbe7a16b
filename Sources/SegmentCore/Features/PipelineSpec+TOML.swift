extension PipelineSpec {
    /// Parses a TOML spec and checks it completely: unknown keys, types, names, expressions and settings.
    /// - Parameters:
    ///   - toml: the spec text (see `etc/pipeline.toml` for every key and its default).
    ///   - source: file name used in error messages.
    /// - Throws: `ConfigError` naming the key, line and column, the offending value and how to fix it.
    public init(toml: String, source: String = "pipeline.toml") throws(ConfigError) {
        let root = try TOMLSection.parseDocument(toml, source: source)
        try root.rejectUnknownKeys(allowed: [
            "id_column", "columns", "derived", "features", "categorical", "pca", "kmeans",
        ])

        var derived: [DerivedFeature] = []
        for section in try root.sections("derived") {
            try section.rejectUnknownKeys(allowed: ["name", "expr"])
            derived.append(
                DerivedFeature(name: try section.requiredString("name"), expr: try section.requiredString("expr")))
        }
        var features: [NumericFeature] = []
        for section in try root.sections("features") {
            features.append(try Self.numericFeature(section))
        }
        var categorical: [CategoricalFeature] = []
        for section in try root.sections("categorical") {
            categorical.append(try Self.categoricalFeature(section))
        }
        let pca = try root.section("pca").map(Self.pca) ?? PCASpec()
        let kmeans = try root.section("kmeans").map(Self.kmeans) ?? KMeansSpec()
        self.init(
            idColumn: try root.string("id_column") ?? "CUST_ID",
            columns: try root.requiredStrings("columns"),
            derived: derived,
            features: features,
            categorical: categorical,
            pca: pca,
            kmeans: kmeans
        )
        _ = try FeaturePipeline(spec: self, diagnostics: root.diagnostics)
    }

    private static func numericFeature(_ section: TOMLSection) throws(ConfigError) -> NumericFeature {
        try section.rejectUnknownKeys(allowed: ["name", "transform"])
        let name = try section.requiredString("name")
        guard let text = try section.string("transform") else { return NumericFeature(name: name) }
        guard let transform = NumericFeature.Transform(rawValue: text) else {
            throw section.invalid(
                "transform", "unknown transform \"\(text)\"",
                fix: "use one of: "
                    + NumericFeature.Transform.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return NumericFeature(name: name, transform: transform)
    }

    private static func categoricalFeature(_ section: TOMLSection) throws(ConfigError) -> CategoricalFeature {
        try section.rejectUnknownKeys(allowed: ["name", "categories", "rules", "default"])
        var rules: [CategoricalFeature.Rule] = []
        for rule in try section.sections("rules") {
            try rule.rejectUnknownKeys(allowed: ["category", "when"])
            rules.append(.init(category: try rule.requiredString("category"), when: try rule.requiredString("when")))
        }
        return CategoricalFeature(
            name: try section.requiredString("name"),
            categories: try section.requiredStrings("categories"),
            rules: rules,
            default: try section.requiredString("default"))
    }

    private static func pca(_ section: TOMLSection) throws(ConfigError) -> PCASpec {
        try section.rejectUnknownKeys(allowed: ["variance", "components"])
        switch (try section.number("variance"), try section.integer("components")) {
        case (let share?, nil): return .variance(share)
        case (nil, let count?): return .components(count)
        case (_?, _?):
            throw section.invalid(
                "components", "both variance and components are set", fix: "keep exactly one of them in [pca]")
        case (nil, nil):
            throw section.diagnostics.error(
                .missingKey, at: "pca", problem: "[pca] sets neither variance nor components",
                fix: "add variance = 0.85 or components = <count>")
        }
    }

    private static func kmeans(_ section: TOMLSection) throws(ConfigError) -> KMeansSpec {
        try section.rejectUnknownKeys(allowed: [
            "k", "k_min", "k_max", "min_k", "n_init", "auto_n_init", "max_iter", "tolerance", "seed", "algorithm",
            "silhouette_exact_limit", "silhouette_sample",
        ])
        var spec = KMeansSpec()
        if let value = section.value("k") {
            if let count = value.int {
                spec.k = .fixed(count)
            } else if value.string == "auto" {
                spec.k = .auto
            } else {
                throw section.wrongType("k", value, expected: "an integer or \"auto\"")
            }
        }
        spec.kMin = try section.integer("k_min") ?? spec.kMin
        spec.kMax = try section.integer("k_max") ?? spec.kMax
        spec.minK = try section.integer("min_k") ?? spec.minK
        spec.nInit = try section.integer("n_init") ?? spec.nInit
        spec.autoNInit = try section.integer("auto_n_init") ?? spec.autoNInit
        spec.maxIter = try section.integer("max_iter") ?? spec.maxIter
        spec.tolerance = try section.number("tolerance") ?? spec.tolerance
        if let seed = try section.integer("seed") {
            guard seed >= 0 else { throw section.invalid("seed", "\(seed) is negative", fix: "use a seed ≥ 0") }
            spec.seed = UInt64(seed)
        }
        if let text = try section.string("algorithm") {
            guard let algorithm = KMeansSpec.Algorithm(rawValue: text) else {
                throw section.invalid(
                    "algorithm", "unknown algorithm \"\(text)\"",
                    fix: "use one of: "
                        + KMeansSpec.Algorithm.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            spec.algorithm = algorithm
        }
        spec.silhouetteExactLimit = try section.integer("silhouette_exact_limit") ?? spec.silhouetteExactLimit
        spec.silhouetteSample = try section.integer("silhouette_sample") ?? spec.silhouetteSample
        return spec
    }
}
