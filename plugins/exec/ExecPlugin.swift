package import SegmentPlugin

/// Runs an external plugin written in any language: one long-running child process per plugin instance that reads
/// one JSON object per scored row on its stdin and answers one JSON object of added columns per row on its stdout,
/// echoing the row's `line` (protocol 2; see `plugins/exec/README.md`). A row the child cannot answer — it crashed,
/// hung, answered garbage or could not be started — is rejected alone; a batch whose answers are out of step with
/// its rows is rejected whole. The child is restarted with a backoff.
package struct ExecPlugin: ActionPlugin {
    /// Name `exec`; the sample configuration is `plugins/exec/sample.toml`.
    package static let descriptor = PluginDescriptor(
        name: "exec", version: "2.1.0",
        summary: "adds the columns an external program computes, speaking JSON lines over stdin/stdout",
        sampleConfiguration: String(decoding: PackageResources.sample_toml, as: UTF8.self))

    /// The columns named by `columns`, with the types and nullability declared there.
    package var outputSchema: [PluginOutputColumn] { settings.columns }
    /// The `send_inputs` setting.
    package var needsInputValues: Bool { settings.sendInputs }

    private let settings: ExecSettings
    private let supervisor: ChildSupervisor

    /// Decodes the settings; the child is started by the first batch, not here.
    /// - Throws: `PluginError` naming the file and key of a missing, mistyped, invalid or unknown setting.
    package init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        let decoded = try ExecSettings(settings, baseDirectory: context.baseDirectory)
        self.settings = decoded
        supervisor = ChildSupervisor(settings: decoded, log: context.log)
    }

    /// A session that sends the file's batches to the shared child.
    package func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        ExecSession(supervisor: supervisor)
    }
}
