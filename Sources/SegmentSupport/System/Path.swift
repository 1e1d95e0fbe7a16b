/// Plain string path helpers; the daemon works with POSIX paths and never needs URL.
package enum Path {
    /// Joins a directory and a name with one slash.
    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Splits a path into its directory ("." when there is none) and last component.
    package static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Splits a file name into stem and extension (without the dot); a leading dot does not start an extension.
    package static func stemAndExtension(_ name: String) -> (stem: String, extension: String?) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, nil) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}

extension Path {
    /// `path` made absolute against `base` (itself absolute), with `.` and `..` components removed lexically.
    /// Symbolic links are not followed: the path stays the one the operator wrote, only made unambiguous, so a
    /// message shows the file whatever directory segmentd was started in.
    package static func absolute(_ path: String, base: String) -> String {
        normalized(path.hasPrefix("/") ? path : join(base, path))
    }

    /// `path` (absolute) without empty, `.` and `..` components; `/..` stays `/`.
    package static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// `path` (absolute, normalized) relative to `base` when it lies under it, else `path` unchanged. Manifests name
    /// the tree's files this way, so a consumer that mounts the tree elsewhere can still find them.
    package static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard !base.isEmpty, path.hasPrefix(prefix), path.count > prefix.count else { return path }
        return String(path.dropFirst(prefix.count))
    }

    /// The directory holding `path` (absolute, normalized): `/` for `/` itself.
    package static func parent(_ path: String) -> String {
        split(normalized(path)).directory
    }
}
