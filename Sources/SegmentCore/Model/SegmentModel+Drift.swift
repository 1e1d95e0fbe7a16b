extension SegmentModel {
    /// The warning for a model without a drift reference (format 1, trained before drift existed): it scores as
    /// before, but drift statistics are off. Nil for a model with one. The daemon logs it at start and reload,
    /// `validate` and `inspect` print it.
    package func driftWarning(source: String) -> String? {
        guard drift == nil else { return nil }
        return "the model \(source) has format_version \(formatVersion) and no drift reference: it scores as "
            + "before, but drift statistics are off (manifests get no `drift` section); retrain with this segmentd "
            + "(`segmentd train DATA`) to turn them on"
    }

    /// Refuses a format-2 model without a drift reference, and a reference that does not fit the model.
    func checkDriftReference(source: String) throws(ModelError) {
        guard let drift else {
            guard formatVersion < 2 else {
                throw ModelError.inconsistent(
                    source: source, detail: "format_version \(formatVersion) needs a drift reference (`drift`)")
            }
            return
        }
        let profileColumns = pipeline.columns + pipeline.derived.map(\.name)
        if let problem = drift.problem(profileColumns: profileColumns, segments: segments.count) {
            throw ModelError.inconsistent(source: source, detail: problem)
        }
    }
}
