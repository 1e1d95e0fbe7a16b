import SegmentCore
import Testing

/// What makes a model foreign to the configured pipeline, and what only asks for a retrain.
struct PipelineCompatibilityTests {
    @Test("the same pipeline fits with nothing to retrain")
    func samePipelineFits() {
        let fit = PipelineCompatibility(model: .default, configured: .default)
        #expect(fit.isCompatible)
        #expect(fit.retrainToApply.isEmpty)
    }

    @Test("another id column is blocking and names both columns")
    func anotherIdColumnIsBlocking() {
        var configured = PipelineSpec.default
        configured.idColumn = "CUSTOMER"
        let fit = PipelineCompatibility(model: .default, configured: configured)
        #expect(!fit.isCompatible)
        #expect(fit.blocking.count == 1)
        #expect(fit.blocking[0].contains("'CUST_ID'") && fit.blocking[0].contains("'CUSTOMER'"))
    }

    @Test("input columns only one side reads are blocking and named; their order is not")
    func otherInputColumnsAreBlocking() {
        var configured = PipelineSpec.default
        configured.columns = ["RECENCY", "FREQUENCY", "MONETARY"]
        let fit = PipelineCompatibility(model: .default, configured: configured)
        #expect(!fit.isCompatible)
        #expect(fit.blocking.joined().contains("'RECENCY'"))
        #expect(fit.blocking.joined().contains("'BALANCE'"))

        var reordered = PipelineSpec.default
        reordered.columns.reverse()
        #expect(PipelineCompatibility(model: .default, configured: reordered).isCompatible)
    }

    @Test("edited features, transforms and clustering settings only ask for a retrain")
    func editsAskForARetrain() {
        var configured = PipelineSpec.default
        configured.pca = .components(3)
        configured.derived.removeLast()
        let fit = PipelineCompatibility(model: .default, configured: configured)
        #expect(fit.isCompatible)
        #expect(fit.retrainToApply == ["derived features", "PCA settings"])
    }
}
