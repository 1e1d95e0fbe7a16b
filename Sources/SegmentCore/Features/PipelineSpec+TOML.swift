import SegmentSupport

extension PipelineSpec {
    /// Parses a TOML spec and checks it completely: unknown keys, types, names, expressions and settings.
    /// - Parameters:
    ///   - toml: the spec text (see `etc/pipeline.toml` for every key and its default).
    ///   - source: file name used in error messages.
    /// - Throws: `ConfigError` naming the key, line and column, the offending value and how to fix it.
    package init(toml: String, source: String = "pipeline.toml") throws(ConfigError) {
        do throws(SettingsError) {
            let root = try SettingsTable.parse(toml, file: source)
            try self.init(reading: root)
            try root.rejectUnreadKeys()
        } catch {
            throw ConfigError(error)
        }
        _ = try FeaturePipeline(
            spec: self, diagnostics: SpecDiagnostics(source: source, locator: SettingsKeyLocator(text: toml)))
    }

    private init(reading root: SettingsTable) throws(SettingsError) {
        var derived: [DerivedFeature] = []
        for table in try root.tables("derived") ?? [] {
            derived.append(
                DerivedFeature(name: try table.requiredString("name"), expr: try table.requiredString("expr")))
        }
        var features: [NumericFeature] = []
        for table in try root.tables("features") ?? [] {
            features.append(try Self.numericFeature(table))
        }
        var categorical: [CategoricalFeature] = []
        for table in try root.tables("categorical") ?? [] {
            categorical.append(try Self.categoricalFeature(table))
        }
        let pca = try root.table("pca")
        let kmeans = try root.table("kmeans")
        self.init(
            idColumn: try root.string("id_column") ?? "CUST_ID",
            columns: try root.requiredStrings("columns"),
            derived: derived,
            features: features,
            categorical: categorical,
            pca: try pca.map { table throws(SettingsError) in try Self.pca(table) } ?? PCASpec(),
            kmeans: try kmeans.map { table throws(SettingsError) in try Self.kmeans(table) } ?? KMeansSpec()
        )
    }

    private static func numericFeature(_ table: SettingsTable) throws(SettingsError) -> NumericFeature {
        let name = try table.requiredString("name")
        guard let text = try table.string("transform") else { return NumericFeature(name: name) }
        guard let transform = NumericFeature.Transform(rawValue: text) else {
            throw table.invalid(
                "transform", problem: "unknown transform \"\(text)\"",
                fix: "use one of: "
                    + NumericFeature.Transform.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return NumericFeature(name: name, transform: transform)
    }

    private static func categoricalFeature(_ table: SettingsTable) throws(SettingsError) -> CategoricalFeature {
        let name = try table.requiredString("name")
        let categories = try table.requiredStrings("categories")
        var rules: [CategoricalFeature.Rule] = []
        for rule in try table.tables("rules") ?? [] {
            rules.append(.init(category: try rule.requiredString("category"), when: try rule.requiredString("when")))
        }
        return CategoricalFeature(
            name: name, categories: categories, rules: rules, default: try table.requiredString("default"))
    }

    private static func pca(_ table: SettingsTable) throws(SettingsError) -> PCASpec {
        switch (try table.number("variance"), try table.integer("components")) {
        case (let share?, nil): return .variance(share)
        case (nil, let count?): return .components(count)
        case (_?, _?):
            throw table.invalid(
                "components", problem: "both variance and components are set", fix: "keep exactly one of them in [pca]")
        case (nil, nil):
            throw table.error(
                .missingKey, "pca", nil, problem: "[pca] sets neither variance nor components",
                fix: "add variance = 0.85 or components = <count>")
        }
    }

    private static func kmeans(_ table: SettingsTable) throws(SettingsError) -> KMeansSpec {
        var spec = KMeansSpec()
        switch table.value("k") {
        case nil: break
        case .integer(let count): spec.k = .fixed(count)
        case .string("auto"): spec.k = .auto
        default: throw table.wrongType("k", expected: "an integer or \"auto\"")
        }
        spec.kMin = try table.integer("k_min") ?? spec.kMin
        spec.kMax = try table.integer("k_max") ?? spec.kMax
        spec.minK = try table.integer("min_k") ?? spec.minK
        spec.nInit = try table.integer("n_init") ?? spec.nInit
        spec.autoNInit = try table.integer("auto_n_init") ?? spec.autoNInit
        spec.maxIter = try table.integer("max_iter") ?? spec.maxIter
        spec.tolerance = try table.number("tolerance") ?? spec.tolerance
        if let seed = try table.integer("seed") {
            guard seed >= 0 else { throw table.invalid("seed", problem: "\(seed) is negative", fix: "use a seed ≥ 0") }
            spec.seed = UInt64(seed)
        }
        if let text = try table.string("algorithm") {
            guard let algorithm = KMeansSpec.Algorithm(rawValue: text) else {
                throw table.invalid(
                    "algorithm", problem: "unknown algorithm \"\(text)\"",
                    fix: "use one of: "
                        + KMeansSpec.Algorithm.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            spec.algorithm = algorithm
        }
        spec.silhouetteExactLimit = try table.integer("silhouette_exact_limit") ?? spec.silhouetteExactLimit
        spec.silhouetteSample = try table.integer("silhouette_sample") ?? spec.silhouetteSample
        return spec
    }
}
