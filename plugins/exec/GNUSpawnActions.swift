import Glibc
import SegmentSupport

/// The GNU file actions of `posix_spawn` that Swift's Glibc module does not import (they need `_GNU_SOURCE`),
/// looked up in the C library at run time.
enum GNUSpawnActions {
    private typealias ChangeDirectory =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>?,
            UnsafePointer<CChar>?
        ) -> Int32
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// Adds a `chdir(directory)` before the program starts (glibc 2.29 or later).
    static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to directory: String) throws(Errno) {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            throw Errno(ENOSYS, operation: "posix_spawn_file_actions_addchdir_np (needs glibc 2.29 or later)")
        }
        let function = unsafeBitCast(symbol, to: ChangeDirectory.self)
        let result = function(&actions, directory)
        if result != 0 { throw Errno(result, operation: "posix_spawn_file_actions_addchdir_np") }
    }

    /// Adds closing every descriptor from `lowest` up, so the child inherits none of the daemon's files
    /// (glibc 2.34 or later; skipped on an older C library, where close-on-exec still protects the daemon's own).
    static func closeDescriptors(_ actions: inout posix_spawn_file_actions_t, from lowest: Int32) throws(Errno) {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        let function = unsafeBitCast(symbol, to: CloseFrom.self)
        let result = function(&actions, lowest)
        if result != 0 { throw Errno(result, operation: "posix_spawn_file_actions_addclosefrom_np") }
    }
}
