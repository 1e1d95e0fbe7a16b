import Foundation
package import SegmentCore

/// `segmentd report`: renders a model's report, with a data file's sections when one is given, and writes it whole
/// (a reader never sees half a page).
package enum ReportJob {
    /// Writes the report of `model` to `output` and returns its size in bytes. `compare` adds the migration matrix
    /// against another model on the rows of `dataPath` (ignored without one: the command line requires both).
    /// - Throws: `RecordError`/`ModelError` when the data file cannot be read or scored, `JobError` when the output
    ///   cannot be written.
    @discardableResult
    package static func run(
        model: SegmentModel, dataPath: String?, history: ReportHistory? = nil, compare: SegmentModel? = nil,
        flows: ReportFlows? = nil, output: String, generatedAt: String
    ) throws -> Int {
        let data = try dataPath.map { try ReportData.load(path: $0, model: model) }
        var comparison: ModelComparison?
        if let compare, let dataPath {
            comparison = try ModelComparison.load(path: dataPath, model: model, other: compare)
        }
        let html = Data(
            ReportHTML.render(
                model, data: data, history: history, comparison: comparison, flows: flows, generatedAt: generatedAt
            )
            .utf8)
        try AtomicFile.write(html, to: output)
        return html.count
    }
}
