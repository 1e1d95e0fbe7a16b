extension PipelineSpec {
    /// Range checks for `[pca]` and `[kmeans]`.
    func checkSettings(_ diagnostics: SpecDiagnostics) throws(ConfigError) {
        switch pca {
        case .variance(let share) where !(share > 0 && share <= 1):
            throw diagnostics.error(
                .invalidValue, at: "pca.variance", problem: "\(share) is not a share of variance in (0, 1]",
                fix: "use a value such as 0.85")
        case .components(let count) where count < 1:
            throw diagnostics.error(
                .invalidValue, at: "pca.components", problem: "\(count) components is too few",
                fix: "keep at least 1 component")
        default:
            break
        }
        let k = kmeans
        if case .fixed(let count) = k.k, count < 2 {
            throw invalid(
                diagnostics, "k", "\(count) clusters cannot form segments", fix: "use k = 2 or more, or \"auto\"")
        }
        if k.kMin < 2 {
            throw invalid(diagnostics, "k_min", "\(k.kMin) is below 2", fix: "start the search at 2 or more")
        }
        if k.kMax < k.kMin {
            throw invalid(diagnostics, "k_max", "\(k.kMax) is below k_min = \(k.kMin)", fix: "make k_max ≥ k_min")
        }
        if k.minK < 1 || k.minK > k.kMax {
            throw invalid(
                diagnostics, "min_k", "\(k.minK) is outside 1…k_max (\(k.kMax))", fix: "use a value in 1…\(k.kMax)")
        }
        if k.nInit < 1 {
            throw invalid(diagnostics, "n_init", "\(k.nInit) runs is too few", fix: "use 1 or more (10 is usual)")
        }
        if k.autoNInit < 1 {
            throw invalid(
                diagnostics, "auto_n_init", "\(k.autoNInit) runs is too few", fix: "use 1 or more (30 is usual)")
        }
        if k.maxIter < 1 {
            throw invalid(
                diagnostics, "max_iter", "\(k.maxIter) iterations is too few", fix: "use 1 or more (300 is usual)")
        }
        if !(k.tolerance >= 0 && k.tolerance.isFinite) {
            throw invalid(
                diagnostics, "tolerance", "\(k.tolerance) is not a finite, non-negative number", fix: "use e.g. 1e-4")
        }
        if k.silhouetteExactLimit < 0 {
            throw invalid(
                diagnostics, "silhouette_exact_limit", "\(k.silhouetteExactLimit) is negative", fix: "use 0 or more")
        }
        if k.silhouetteSample < 2 {
            throw invalid(
                diagnostics, "silhouette_sample", "\(k.silhouetteSample) rows is too few", fix: "use 2 or more")
        }
    }

    private func invalid(_ diagnostics: SpecDiagnostics, _ key: String, _ problem: String, fix: String) -> ConfigError {
        diagnostics.error(.invalidValue, at: "kmeans.\(key)", problem: problem, fix: fix)
    }
}
