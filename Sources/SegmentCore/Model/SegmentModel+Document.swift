package import Foundation
import Crypto

extension SegmentModel {
    /// Returns the model with its content version and checksum filled in, ready to write.
    ///
    /// The version hashes everything but `created_at`, `model_version`, `checksum`, `label` and `parent`, so the
    /// same training result always gets the same version; the checksum hashes everything but itself.
    package func sealed() throws(ModelError) -> SegmentModel {
        var content = self
        content.createdAt = ""
        content.modelVersion = ""
        content.checksum = nil
        content.removeLineage()
        var sealed = self
        sealed.modelVersion = "m-" + String(try content.canonicalHash().prefix(16))
        sealed.checksum = nil
        sealed.checksum = "sha256:" + (try sealed.canonicalHash())
        return sealed
    }

    /// The document as pretty-printed JSON with sorted keys: the same model always gives the same bytes.
    package func jsonData() throws(ModelError) -> Data {
        do {
            var data = try Self.encoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw ModelError.encodingFailed(detail: String(describing: error))
        }
    }

    /// Decodes and verifies a model document: format name, format version and checksum.
    /// - Parameter source: where the bytes came from, for error messages (usually the file path).
    package static func load(from data: Data, source: String) throws(ModelError) -> SegmentModel {
        let probe: FormatProbe
        do {
            probe = try JSONDecoder().decode(FormatProbe.self, from: data)
        } catch {
            throw ModelError.notJSON(source: source, detail: Self.describe(error))
        }
        guard probe.format == formatName else {
            throw ModelError.wrongFormat(source: source, found: probe.format ?? "(missing)")
        }
        guard let version = probe.formatVersion, readableFormatVersions.contains(version) else {
            throw ModelError.unsupportedVersion(source: source, found: probe.formatVersion ?? 0)
        }
        let model: SegmentModel
        do {
            model = try JSONDecoder().decode(SegmentModel.self, from: data)
        } catch {
            throw ModelError.notJSON(source: source, detail: Self.describe(error))
        }
        guard let stored = model.checksum else {
            throw ModelError.checksumMismatch(source: source, stored: "(missing)", computed: "sha256:…")
        }
        var unsealed = model
        unsealed.checksum = nil
        let computed = "sha256:" + (try unsealed.canonicalHash())
        guard computed == stored else {
            throw ModelError.checksumMismatch(source: source, stored: stored, computed: computed)
        }
        try model.checkConsistency(source: source)
        return model
    }

    private func canonicalHash() throws(ModelError) -> String {
        let data: Data
        do {
            data = try Self.encoder.encode(self)
        } catch {
            throw ModelError.encodingFailed(detail: String(describing: error))
        }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private func checkConsistency(source: String) throws(ModelError) {
        let dimensions = pca.components.count
        guard kmeans.centroids.count == kmeans.k, kmeans.k == segments.count, kmeans.k >= 2 else {
            throw ModelError.inconsistent(
                source: source,
                detail: "k = \(kmeans.k) but \(kmeans.centroids.count) centroids and \(segments.count) segments")
        }
        guard kmeans.centroids.allSatisfy({ $0.count == dimensions }) else {
            throw ModelError.inconsistent(source: source, detail: "centroids do not have \(dimensions) coordinates")
        }
        guard pca.components.allSatisfy({ $0.count == pca.features.count }), pca.mean.count == pca.features.count,
            scaler.mean.count == scaler.scale.count
        else {
            throw ModelError.inconsistent(
                source: source, detail: "PCA or scaler sizes do not match their feature lists")
        }
        try checkDriftReference(source: source)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key \(Self.path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at \(Self.path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(Self.path(context.codingPath))"
        default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Just enough of a model file to tell a wrong file from a wrong version before decoding the rest.
    private struct FormatProbe: Decodable {
        var format: String?
        var formatVersion: Int?

        enum CodingKeys: String, CodingKey {
            case format
            case formatVersion = "format_version"
        }
    }
}
