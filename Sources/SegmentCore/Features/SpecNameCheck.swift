import SegmentSupport

/// Checks the names a spec declares and refers to, with messages that say which key is wrong and how to fix it.
struct SpecNameCheck {
    let diagnostics: SpecDiagnostics

    func columns(_ spec: PipelineSpec) throws(ConfigError) {
        guard !spec.idColumn.isEmpty else {
            throw diagnostics.error(
                .invalidValue, at: "id_column", problem: "is empty", fix: "name the column that identifies a customer")
        }
        guard !spec.columns.isEmpty else {
            throw diagnostics.error(
                .invalidValue, at: "columns", problem: "lists no columns", fix: "list the raw numeric input columns")
        }
        var seen: Set<String> = []
        for (index, column) in spec.columns.enumerated() {
            let keyPath = "columns[\(index)]"
            if column.isEmpty {
                throw diagnostics.error(.invalidValue, at: keyPath, problem: "is empty", fix: "give the column's name")
            }
            if column == spec.idColumn {
                throw diagnostics.error(
                    .invalidValue, at: keyPath, problem: "\"\(column)\" is the id column, which is not numeric",
                    fix: "remove it from `columns`; the id column is read separately")
            }
            guard seen.insert(column).inserted else {
                throw diagnostics.error(
                    .duplicateName, at: keyPath, problem: "column \"\(column)\" is listed twice",
                    fix: "list each column once")
            }
        }
    }

    func derivedName(_ name: String, at index: Int, spec: PipelineSpec) throws(ConfigError) {
        let keyPath = "derived[\(index)].name"
        guard !name.isEmpty else {
            throw diagnostics.error(.invalidValue, at: keyPath, problem: "is empty", fix: "name the derived feature")
        }
        if spec.columns.contains(name) || name == spec.idColumn {
            throw diagnostics.error(
                .duplicateName, at: keyPath, problem: "\"\(name)\" is already an input column",
                fix: "give the derived feature a different name")
        }
        if spec.derived.prefix(index).contains(where: { $0.name == name }) {
            throw diagnostics.error(
                .duplicateName, at: keyPath, problem: "derived feature \"\(name)\" is declared twice",
                fix: "give each derived feature its own name")
        }
    }

    func numericFeature(_ name: String, at index: Int, spec: PipelineSpec) throws(ConfigError) {
        if spec.features.prefix(index).contains(where: { $0.name == name }) {
            throw diagnostics.error(
                .duplicateName, at: "features[\(index)].name", problem: "feature \"\(name)\" is listed twice",
                fix: "list each feature once")
        }
    }

    func unknownFeature(_ name: String, at index: Int, spec: PipelineSpec) -> ConfigError {
        let known = spec.columns + spec.derived.map(\.name)
        let suggestion = NameSuggestion.closest(to: name, among: known)
        return diagnostics.error(
            .unknownName, at: "features[\(index)].name",
            problem: "\"\(name)\" is neither an input column nor a derived feature",
            fix: (suggestion.map { "did you mean \"\($0)\"? Otherwise " } ?? "")
                + "add it to `columns` or declare it in [[derived]]")
    }

    func categorical(_ feature: CategoricalFeature, at index: Int, spec: PipelineSpec) throws(ConfigError) {
        let base = "categorical[\(index)]"
        guard !feature.name.isEmpty, !feature.name.contains("=") else {
            throw diagnostics.error(
                .invalidValue, at: "\(base).name", problem: "\"\(feature.name)\" is not a usable name",
                fix: "use a non-empty name without '='")
        }
        if spec.categorical.prefix(index).contains(where: { $0.name == feature.name }) {
            throw diagnostics.error(
                .duplicateName, at: "\(base).name",
                problem: "categorical feature \"\(feature.name)\" is declared twice",
                fix: "give each categorical feature its own name")
        }
        guard !feature.categories.isEmpty else {
            throw diagnostics.error(
                .invalidValue, at: "\(base).categories", problem: "lists no categories",
                fix: "list the categories in one-hot column order")
        }
        var seen: Set<String> = []
        for (position, category) in feature.categories.enumerated()
        where category.isEmpty || !seen.insert(category).inserted {
            throw diagnostics.error(
                category.isEmpty ? .invalidValue : .duplicateName, at: "\(base).categories[\(position)]",
                problem: category.isEmpty ? "is empty" : "category \"\(category)\" is listed twice",
                fix: "list each category once, with a non-empty name")
        }
    }

    func unknownCategory(_ category: String, at keyPath: String, feature: CategoricalFeature) -> ConfigError {
        diagnostics.error(
            .unknownName, at: keyPath, problem: "\"\(category)\" is not one of the categories of \"\(feature.name)\"",
            fix: "use one of: \(feature.categories.joined(separator: ", ")), or add it to `categories`")
    }

    func noFeatures() -> ConfigError {
        diagnostics.error(
            .missingKey, at: "features", problem: "the pipeline declares no features",
            fix: "add at least one [[features]] or [[categorical]] entry")
    }
}
