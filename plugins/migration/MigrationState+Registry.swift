import SegmentPlugin
import Synchronization

extension MigrationState {
    private final class WeakState: Sendable {
        weak let state: MigrationState?
        init(_ state: MigrationState) { self.state = state }
    }

    private static let open = Mutex<[String: WeakState]>([:])

    /// The state for the database `path`: the one already open in this process (another plugin instance, e.g.
    /// before a configuration reload, may hold it), or a newly opened one. One state per file keeps every
    /// session's view consistent, and a reload does not read the history again. `memoryBudget` applies when the
    /// file is opened here.
    static func shared(path: String, memoryBudget: Int) throws(PluginError) -> MigrationState {
        let result: Result<MigrationState, PluginError> = open.withLock { states in
            if let state = states[path]?.state { return .success(state) }
            do throws(PluginError) {
                let state = try MigrationState(path: path, memoryBudget: memoryBudget)
                states[path] = WeakState(state)
                return .success(state)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
