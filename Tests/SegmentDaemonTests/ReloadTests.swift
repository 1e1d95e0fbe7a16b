import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Reload")
struct ReloadTests {
    private func reloader(
        _ coordinator: JobCoordinator, load: @escaping @Sendable () throws -> DaemonConfiguration,
        factory: @escaping FileProcessorFactory = { _ in FakeProcessor(modelVersion: "fake-model-2") }
    ) -> ConfigurationReloader {
        ConfigurationReloader(
            loadConfiguration: load, processorFactory: factory, coordinator: coordinator,
            notifier: SystemdNotifier(environment: [:]), logger: .quiet
        )
    }

    private func coordinator(_ tree: TestTree) throws -> JobCoordinator {
        JobCoordinator(context: try JobHarness(tree: tree).context(), logger: .quiet)
    }

    @Test("a valid new configuration and model replace the old ones for later jobs")
    func validReloadIsApplied() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = try coordinator(tree)
        var changed = tree.configuration
        changed.workers = 5
        changed.duplicates = .rescore
        let newConfiguration = changed

        await reloader(coordinator, load: { newConfiguration }).reload()

        #expect(await coordinator.configuration == newConfiguration)
        #expect(await coordinator.context.processor.modelVersion == "fake-model-2")
        #expect(await coordinator.context.configurationHash == newConfiguration.outputHash)
    }

    @Test("an invalid configuration file is rejected and the old configuration stays")
    func invalidConfigurationIsRejected() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = try coordinator(tree)

        await reloader(coordinator, load: { try DaemonConfiguration(tomlText: "wrokers = 3", source: "x.toml") })
            .reload()

        #expect(await coordinator.configuration == tree.configuration)
        #expect(await coordinator.context.processor.modelVersion == "fake-model-1")
    }

    @Test("a model that cannot be loaded is rejected and the old model stays")
    func brokenModelIsRejected() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = try coordinator(tree)
        var changed = tree.configuration
        changed.workers = 7
        let newConfiguration = changed

        await reloader(
            coordinator, load: { newConfiguration }, factory: { _ in throw TestTreeError(message: "bad model") }
        ).reload()

        #expect(await coordinator.configuration == tree.configuration)
        #expect(await coordinator.context.processor.modelVersion == "fake-model-1")
    }

    @Test("a change that needs a restart (inbox) is rejected as a whole")
    func restartOnlyChangeIsRejected() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = try coordinator(tree)
        var changed = tree.configuration
        changed.inbox = tree.root + "/other"
        changed.workers = 9
        let newConfiguration = changed

        await reloader(coordinator, load: { newConfiguration }).reload()

        #expect(await coordinator.configuration == tree.configuration)
    }
}
