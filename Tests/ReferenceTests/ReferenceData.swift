import Foundation
import Testing

/// The shared credit-card data and scikit-learn's numbers for it, found at `../shared` beside the package.
struct ReferenceData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let csvPath = sharedRoot.appendingPathComponent("data/CC_GENERAL.csv").path
    static let referencePath = sharedRoot.appendingPathComponent("reference/cc_general_sklearn.json").path

    /// True when the shared files are there. CI sets SEGMENTD_REQUIRE_REFERENCE=1 so that their absence fails
    /// the run instead of skipping these tests.
    static var isAvailable: Bool {
        let present =
            FileManager.default.fileExists(atPath: csvPath) && FileManager.default.fileExists(atPath: referencePath)
        return present || ProcessInfo.processInfo.environment["SEGMENTD_REQUIRE_REFERENCE"] == "1"
    }

    let medians: [String: Double]
    let explainedVarianceRatio: [Double]
    let componentsKept: Int
    let inertia: [Int: Double]
    let silhouette: [Int: Double]
    let k5Labels: [Int32]

    static func load() throws -> ReferenceData {
        let data = try Data(contentsOf: URL(fileURLWithPath: referencePath))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let medians = try #require(json["imputed_medians"] as? [String: Double])
        let ratios = try #require(json["pca_explained_variance_ratio_all"] as? [Double])
        let kept = try #require(json["pca_components_kept"] as? Int)
        let kmeans = try #require(json["kmeans"] as? [String: [String: Any]])
        var inertia: [Int: Double] = [:]
        var silhouette: [Int: Double] = [:]
        for (key, entry) in kmeans {
            let k = try #require(Int(key))
            inertia[k] = try #require(entry["inertia"] as? Double)
            silhouette[k] = try #require(entry["silhouette"] as? Double)
        }
        let labels = try #require(json["k5_labels"] as? [Int]).map(Int32.init)
        return ReferenceData(
            medians: medians, explainedVarianceRatio: ratios, componentsKept: kept, inertia: inertia,
            silhouette: silhouette, k5Labels: labels
        )
    }
}
