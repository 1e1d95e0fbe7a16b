import Foundation
import SegmentDaemon

/// Finds the daemon configuration: an explicit path must exist; the default may be absent (built-in defaults).
enum DaemonConfigurationFile {
    static func load(_ explicit: String?) throws -> (DaemonConfiguration, String?) {
        let path = explicit ?? DaemonOptions.defaultPath
        if explicit == nil, !FileManager.default.fileExists(atPath: path) {
            return (DaemonConfiguration(), nil)
        }
        return (try DaemonConfiguration.load(path: path), path)
    }
}
