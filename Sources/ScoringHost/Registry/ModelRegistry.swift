import Foundation
package import SegmentCore
import SegmentSupport

/// The model registry: `var/models/` under the base directory keeps every model version as an immutable file named
/// by its `model_version` (`m-0123456789abcdef.json`), and the aliases (`champion`, `challenger`, `previous`) in
/// one small file, `aliases.json`, replaced atomically.
///
/// Readers (the daemon, `serve`, `score`) take no lock: a version file never changes once written, and the alias
/// file is only ever replaced whole by a rename, so a reader sees the old aliases or the new ones. Writers (the
/// `models` commands, `train`) serialise among themselves with `flock` on `.lock` in the directory; the daemon
/// never takes it, so the commands work beside a running daemon.
package struct ModelRegistry: Sendable {
    /// The registry's directory, absolute.
    package let directory: String

    /// The registry's place under a base directory.
    package static let defaultDirectory = "var/models"
    /// The alias file's name in the directory.
    package static let aliasFileName = "aliases.json"

    /// The aliases the registry knows, in the order they are shown.
    package enum Alias: String, Sendable, CaseIterable {
        /// What the daemon and the HTTP server score with (`model = "registry:champion"`).
        case champion
        /// A candidate under evaluation.
        case challenger
        /// The champion before the last promotion: what `models rollback` returns to.
        case previous
    }

    package init(directory: String) {
        self.directory = directory
    }

    /// The registry of a base directory (`<base>/var/models`).
    package init(baseDirectory: String) {
        directory = Path.join(baseDirectory, Self.defaultDirectory)
    }

    /// The alias file.
    package var aliasPath: String { Path.join(directory, Self.aliasFileName) }

    /// Where version `version` is kept.
    package func path(of version: String) -> String {
        Path.join(directory, "\(version).json")
    }

    /// Every registered version, sorted; hidden files (temporaries) and the alias file are not versions.
    package func versions() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("m-") && $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads and verifies version `version`; its file must hold that version.
    package func model(_ version: String) throws -> SegmentModel {
        let path = path(of: version)
        let model = try ModelFile.load(path: path)
        guard model.modelVersion == version else {
            throw RegistryError.badModelFile(
                path, detail: "it holds model_version \(model.modelVersion), not \(version) as its name says")
        }
        return model
    }

    /// What `register` did.
    package struct Registration: Sendable {
        package var version: String
        package var path: String
        /// False when the version was already registered (its file is kept as it is: versions are immutable).
        package var added: Bool
        /// True when it became champion because the registry had none (the first model).
        package var becameChampion: Bool
    }

    /// Adds `model` as `<version>.json` unless that version is there already, and makes it champion when the
    /// registry has none (so a fresh tree's first `train` gives the daemon a model).
    package func register(_ model: SegmentModel) throws -> Registration {
        try withWriteLock {
            let path = path(of: model.modelVersion)
            let added = !FileManager.default.fileExists(atPath: path)
            if added {
                do {
                    try AtomicFile.write(try model.jsonData(), to: path)
                } catch {
                    throw RegistryError.unwritable(path, detail: "\(error)")
                }
            }
            var aliases = try readAliases()
            let first = aliases[.champion] == nil
            if first {
                aliases[.champion] = model.modelVersion
                try writeAliases(aliases)
            }
            return Registration(version: model.modelVersion, path: path, added: added, becameChampion: first)
        }
    }

    /// Runs `body` holding the registry's write lock (`flock` on `.lock`), creating the directory if needed.
    func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try Syscall.makeDirectories(directory)
        } catch {
            throw RegistryError.unwritable(directory, detail: "\(error)")
        }
        let lockPath = Path.join(directory, ".lock")
        let descriptor: Int32
        do {
            descriptor = try Syscall.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, mode: 0o644)
        } catch {
            throw RegistryError.unwritable(lockPath, detail: "\(error)")
        }
        defer { Syscall.close(descriptor) }
        do {
            try Syscall.lockFile(descriptor, LOCK_EX, path: lockPath)
        } catch {
            throw RegistryError.unwritable(lockPath, detail: "\(error)")
        }
        return try body()
    }
}
