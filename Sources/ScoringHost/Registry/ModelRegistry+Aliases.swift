import Foundation
import SegmentSupport

/// The alias file: a JSON object of alias to version, e.g. `{"champion": "m-…", "previous": "m-…"}`, replaced whole
/// (temporary, fsync, rename, fsync of the directory). `kill -9` at any moment of a promotion leaves the old file or
/// the new one under the name, never neither: there is always a champion once there was one.
extension ModelRegistry {
    /// The aliases now; empty when the registry has no alias file yet.
    package func readAliases() throws(RegistryError) -> [Alias: String] {
        guard let data = FileManager.default.contents(atPath: aliasPath) else {
            if FileManager.default.fileExists(atPath: aliasPath) {
                throw RegistryError.badAliasFile(aliasPath, detail: "it cannot be read")
            }
            return [:]
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw RegistryError.badAliasFile(aliasPath, detail: "it is not a JSON object")
        }
        var aliases: [Alias: String] = [:]
        for (key, value) in object {
            guard let alias = Alias(rawValue: key) else {
                throw RegistryError.badAliasFile(aliasPath, detail: "unknown alias \"\(key)\"")
            }
            guard let version = value as? String else {
                throw RegistryError.badAliasFile(aliasPath, detail: "the value of \"\(key)\" is not a version string")
            }
            aliases[alias] = version
        }
        return aliases
    }

    /// Replaces the alias file with `aliases`. A test may stop the write between its steps
    /// (``AliasWritePause``), to prove what `kill -9` there leaves.
    func writeAliases(_ aliases: [Alias: String]) throws(RegistryError) {
        var text = "{\n"
        let present = Alias.allCases.filter { aliases[$0] != nil }
        for (index, alias) in present.enumerated() {
            let separator = index == present.count - 1 ? "" : ","
            let version = String(decoding: JSONString.quoted(aliases[alias] ?? ""), as: UTF8.self)
            text += "  \"\(alias.rawValue)\": \(version)\(separator)\n"
        }
        text += "}\n"
        do {
            try AtomicFile.write(Data(text.utf8), to: aliasPath, pause: AliasWritePause.fromEnvironment)
        } catch {
            throw RegistryError.unwritable(aliasPath, detail: "\(error)")
        }
    }

    /// What a change of aliases did: the champion before and after.
    package struct AliasChange: Sendable {
        package var previousChampion: String?
        package var champion: String?
        package var aliases: [Alias: String]
    }

    /// Makes `version` the `alias` (by default the champion). A new champion moves the old one to `previous`;
    /// promoting the challenger to champion ends the experiment (the challenger alias is cleared).
    package func promote(_ version: String, to alias: Alias = .champion) throws -> AliasChange {
        try withWriteLock {
            guard FileManager.default.fileExists(atPath: path(of: version)) else {
                throw RegistryError.unknownReference(version, directory: directory, suggestion: nil)
            }
            var aliases = try readAliases()
            let old = aliases[.champion]
            switch alias {
            case .champion:
                if old != version {
                    aliases[.previous] = old
                    aliases[.champion] = version
                }
                if aliases[.challenger] == version { aliases[.challenger] = nil }
            case .challenger, .previous:
                aliases[alias] = version
            }
            try writeAliases(aliases)
            return AliasChange(previousChampion: old, champion: aliases[.champion], aliases: aliases)
        }
    }

    /// Puts `previous` back as champion; the champion it replaces becomes `previous` (a second rollback undoes the
    /// first).
    package func rollback() throws -> AliasChange {
        try withWriteLock {
            var aliases = try readAliases()
            guard let previous = aliases[.previous] else {
                throw RegistryError.aliasNotSet(Alias.previous.rawValue, directory: directory)
            }
            let old = aliases[.champion]
            aliases[.champion] = previous
            aliases[.previous] = old
            try writeAliases(aliases)
            return AliasChange(previousChampion: old, champion: previous, aliases: aliases)
        }
    }
}

/// A test seam: `SEGMENTD_TEST_PAUSE_AT=before-rename` or `after-rename` makes a process that writes the alias file
/// say `paused at STEP` on standard error and wait there, so a test can `kill -9` it at exactly that step.
enum AliasWritePause {
    static let variable = "SEGMENTD_TEST_PAUSE_AT"

    static var fromEnvironment: ((AtomicFile.Step) -> Void)? {
        guard let wanted = ProcessInfo.processInfo.environment[variable] else { return nil }
        return { step in
            guard step.rawValue == wanted else { return }
            FileHandle.standardError.write(Data("paused at \(step.rawValue)\n".utf8))
            while true { sleep(60) }
        }
    }
}
