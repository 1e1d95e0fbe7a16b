import Foundation
import SegmentCore
import ScoringHost
import SegmentIO
import Testing

/// The default pipeline on the real credit-card file agrees with scikit-learn's numbers.
@Suite(.enabled(if: ReferenceData.isAvailable, "needs ../shared/data/CC_GENERAL.csv"), .serialized)
struct ScikitLearnAgreementTests {
    static let fixedK = Result { try TemporaryDirectory.train(data: ReferenceData.csvPath, segmentCount: .fixed(5)) }
    static let autoK = Result { try TemporaryDirectory.train(data: ReferenceData.csvPath, segmentCount: .auto) }

    @Test func imputationMediansEqualPandasMedians() throws {
        let reference = try ReferenceData.load()
        let model = try Self.fixedK.get().model
        for (column, median) in reference.medians {
            #expect(model.imputation.medians[column] == median, "median of \(column)")
        }
    }

    @Test func explainedVarianceRatiosMatchWithin1e6AndFiveComponentsAreKept() throws {
        let reference = try ReferenceData.load()
        let pca = try Self.fixedK.get().model.pca
        #expect(pca.explainedVarianceRatio.count == reference.componentsKept)
        #expect(pca.explainedVarianceRatioAll.count == reference.explainedVarianceRatio.count)
        for (ours, theirs) in zip(pca.explainedVarianceRatioAll, reference.explainedVarianceRatio) {
            #expect(abs(ours - theirs) <= 1e-6)
        }
    }

    @Test func fiveSegmentInertiaIsNoWorseThanScikitLearn() throws {
        let reference = try ReferenceData.load()
        let inertia = try Self.fixedK.get().model.kmeans.inertia
        let limit = try #require(reference.inertia[5]) * 1.001
        #expect(inertia <= limit, "inertia \(inertia) vs limit \(limit)")
    }

    @Test func fiveSegmentLabelsAgreeWithScikitLearnByAdjustedRandIndex() throws {
        let reference = try ReferenceData.load()
        let labels = try Self.fixedK.get().labels
        let ari = ClusteringMetrics.adjustedRandIndex(labels, reference.k5Labels)
        #expect(ari >= 0.99, "ARI \(ari)")
    }

    @Test func silhouetteForEveryKFromTwoToTenIsWithinHalfAPercentPoint() throws {
        let reference = try ReferenceData.load()
        let table = try Self.autoK.get().model.selection
        #expect(table.map(\.k) == Array(2...10))
        for row in table {
            let expected = try #require(reference.silhouette[row.k])
            #expect(abs(row.silhouette - expected) <= 0.005, "k = \(row.k): \(row.silhouette) vs \(expected)")
        }
    }
}
