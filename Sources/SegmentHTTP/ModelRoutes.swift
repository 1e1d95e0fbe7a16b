import Foundation
import ScoringHost
import SegmentCore

/// `GET /v1/model`: what the model new requests score with is: version, training, k, silhouette and its segments.
enum ModelRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        let environment = routes.environment
        routes.get("/v1/model") { _, _ in
            let host = try environment.host()
            return JSONResponse.make(try encoder.encode(ModelDocument(host)))
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()
}

/// The `/v1/model` document (snake_case keys; docs/http.md and etc/openapi.json describe it).
struct ModelDocument: Encodable {
    struct Segment: Encodable {
        var id: Int
        var name: String
        var description: String
        var marketingStrategy: String
        var retentionPriority: String
        var size: Int
        var share: Double
    }

    var modelVersion: String
    var createdAt: String?
    var trainingRows: Int?
    var trainingSource: String?
    var k: Int?
    var silhouette: Double?
    var idColumn: String?
    var segments: [Segment]

    init(_ host: ScoringHost) {
        modelVersion = host.modelVersion
        createdAt = host.modelCreatedAt
        let model = host.model
        trainingRows = model?.trainingData.rows
        trainingSource = model?.trainingData.source
        k = model?.kmeans.k
        silhouette = model?.kmeans.silhouette
        idColumn = model?.pipeline.idColumn
        segments = (model?.segments ?? []).sorted { $0.id < $1.id }.map {
            Segment(
                id: $0.id, name: $0.name, description: $0.description, marketingStrategy: $0.marketingStrategy,
                retentionPriority: $0.retentionPriority, size: $0.size, share: $0.share)
        }
    }
}
