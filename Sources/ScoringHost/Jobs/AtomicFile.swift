import Foundation

/// Writes a whole file so readers see either the old content or the new, never a part: temp file, fsync, rename.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws(JobError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw JobError.unwritable(
                    path: path, reason: "the temporary file \(temporary.path) could not be created")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw JobError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as JobError {
            throw error
        } catch {
            throw JobError.unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
