package import SegmentPlugin
import CampaignPlugin
import ExecPlugin
import MigrationPlugin
import PricingPlugin

/// The one explicit list of the action plugins built into segmentd.
package enum BuiltInPlugins {
    /// Every built-in plugin type; `descriptor.name` is its folder under `plugins/` and its `etc/plugins.d/` file.
    package static let all: [any ActionPlugin.Type] = [
        CampaignPlugin.self, PricingPlugin.self, MigrationPlugin.self, ExecPlugin.self,
    ]
}
