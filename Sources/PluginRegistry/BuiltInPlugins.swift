public import SegmentPlugin

/// The one explicit list of the action plugins built into segmentd. Each lives in its own target under
/// `plugins/<name>/`; adding a plugin means adding its target and one line here.
public enum BuiltInPlugins {
    /// Every built-in plugin type, in no particular order (`order` in `etc/plugins.d/` decides the run order).
    public static let all: [any ActionPlugin.Type] = []
}
