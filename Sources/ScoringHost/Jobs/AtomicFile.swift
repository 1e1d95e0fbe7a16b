package import Foundation
import SegmentSupport

/// Writes a whole file so readers see either the old content or the new, never a part, and a crash keeps one of
/// them: temp file, fsync, rename, fsync of the directory (so the rename itself survives a power cut).
package enum AtomicFile {
    /// The steps a test may stop the writer between (`SEGMENTD_TEST_PAUSE_AT`, see ``TestPause``).
    package enum Step: String {
        /// The temporary is written and flushed; the final name still shows the old content.
        case beforeRename = "before-rename"
        /// The final name shows the new content; the directory is not flushed yet.
        case afterRename = "after-rename"
    }

    package static func write(_ data: Data, to path: String, pause: ((Step) -> Void)? = nil) throws(JobError) {
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
            pause?(.beforeRename)
            guard rename(temporary.path, url.path) == 0 else {
                throw JobError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            pause?(.afterRename)
            try Syscall.fsync(path: directory.path)
        } catch let error as JobError {
            throw error
        } catch let error as Errno {
            throw JobError.unwritable(path: path, reason: error.description)
        } catch {
            throw JobError.unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
