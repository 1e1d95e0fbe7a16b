package import Foundation
package import SegmentIO
import Synchronization

/// How the daemon feeds its reservoir, file by file: before scoring, what to capture (``prepare()``); after a file
/// that will be published as scored, its rows (``record(_:)``). The store is opened on the first file, so building a
/// processor (a reload, a test) creates no file.
///
/// A reservoir that cannot be used never fails a file: the sample is a by-product of scoring, so the caller logs the
/// error and publishes the file; that file is then missing from the sample.
package final class ReservoirFeed: Sendable {
    /// The SQLite file (`<state_dir>/reservoir.sqlite`).
    package let path: String
    package let settings: ReservoirSettings
    /// The clock that dates scored rows (injectable so tests never wait for midnight).
    private let now: @Sendable () -> Date
    private let store = Mutex<ReservoirStore?>(nil)

    package init(path: String, settings: ReservoirSettings, now: @escaping @Sendable () -> Date = Date.init) {
        self.path = path
        self.settings = settings
        self.now = now
    }

    /// One file's part in the reservoir: what its scoring captures, and the day its rows are dated.
    package struct Pending: Sendable {
        package var capture: SampleCapture
        package var day: ReservoirDay
    }

    /// What to capture for a file about to be scored now.
    package func prepare() throws(ReservoirError) -> Pending {
        let day = ReservoirDay(now())
        return Pending(capture: try opened().capture(day: day, settings: settings), day: day)
    }

    /// Records a scored file's captured rows, once per content (`sha256`).
    @discardableResult
    package func record(
        _ pending: Pending, sample: CapturedSample, sha256: String, rowsScored: Int, columns: [String]
    ) throws(ReservoirError) -> ReservoirStore.RecordOutcome {
        try opened().record(
            sample, sha256: sha256, rowsScored: rowsScored, columns: columns, capture: pending.capture,
            day: pending.day, settings: settings)
    }

    private func opened() throws(ReservoirError) -> ReservoirStore {
        let result = store.withLock { store -> Result<ReservoirStore, ReservoirError> in
            if let store { return .success(store) }
            do throws(ReservoirError) {
                let opened = try ReservoirStore(path: path, create: true)
                store = opened
                return .success(opened)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
