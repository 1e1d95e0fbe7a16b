package import SegmentCore
import Foundation

/// Reads and writes model files.
package enum ModelFile {
    /// Loads and verifies a model file.
    package static func load(path: String) throws -> SegmentModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobError.missingModel(path: path)
        }
        return try SegmentModel.load(from: data, source: path)
    }

    /// Writes a sealed model atomically (temporary file, fsync, rename).
    package static func write(_ model: SegmentModel, to path: String) throws {
        try AtomicFile.write(try model.jsonData(), to: path)
    }
}
