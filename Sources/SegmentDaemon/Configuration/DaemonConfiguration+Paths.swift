import SegmentSupport

extension DaemonConfiguration {
    /// This configuration with the base directory decided and every path key made absolute against it.
    ///
    /// The base directory is `base_dir` when set (relative to the directory holding the configuration file), else
    /// the parent of the directory holding the configuration file: the shipped layout keeps it in `etc/`, so the
    /// base is the tree above. Without a configuration file it is the working directory. Resolving twice changes
    /// nothing. Every message then shows absolute paths, and `segmentd validate --config /srv/x/etc/segmentd.toml`
    /// run from `/` checks the tree the daemon with that configuration uses.
    /// - Parameters:
    ///   - configurationFile: the file this configuration was read from (relative to `workingDirectory`), if any.
    ///   - workingDirectory: the process's working directory, absolute.
    package func resolvingPaths(configurationFile: String?, workingDirectory: String) -> DaemonConfiguration {
        var resolved = self
        let base: String
        if let file = configurationFile {
            let directory = Path.parent(Path.absolute(file, base: workingDirectory))
            base = baseDirectory.isEmpty ? Path.parent(directory) : Path.absolute(baseDirectory, base: directory)
        } else {
            base = Path.absolute(baseDirectory.isEmpty ? "." : baseDirectory, base: workingDirectory)
        }
        resolved.baseDirectory = base
        for setting in Self.settings where setting.key != "base_dir" {
            guard let field = setting.pathField else { continue }
            // `model = "registry:champion"` names a registry entry, not a path.
            if ModelLocation.isRegistryReference(resolved[keyPath: field]) { continue }
            resolved[keyPath: field] = Path.absolute(resolved[keyPath: field], base: base)
        }
        resolved.http.authTokenFile = resolved.http.authTokenFile.map { Path.absolute($0, base: base) }
        return resolved
    }

    /// The file a path key names, or nil when the key is not set and nothing is at its default location: then
    /// the built-in default is meant (`pipeline`, `segments`). A path the operator names is returned whether or
    /// not it exists, so reading it reports the missing file.
    package func configuredFile(_ key: String, _ path: String) -> String? {
        if keysSet.contains(key) { return path }
        return (try? Syscall.statusFollowingLinks(path)) == nil ? nil : path
    }
}
