/// The processor request of a job, and publishing the plugins' artifacts with the other outputs.
extension FileJob {
    /// What the processor needs: the paths, the input's name and hash, and where artifacts go before publication
    /// (hidden temporaries in the outbox, like the scored file's).
    func request(names: OutputNames, digest: ContentDigest, output: String, rejects: String) -> ProcessingRequest {
        let outbox = configuration.outbox
        return ProcessingRequest(
            input: workPath, output: output, rejects: rejects, inputName: source.name, sha256: digest.sha256,
            artifactPath: { suffix in DurableFile.temporaryPath(for: Path.join(outbox, names.artifact(suffix))) }
        )
    }

    /// Flushes each artifact's temporary and renames it to `<stem>.<suffix>`; the caller flushes the outbox.
    func publishArtifacts(_ suffixes: [String], names: OutputNames) throws {
        for suffix in suffixes {
            let finalPath = Path.join(configuration.outbox, names.artifact(suffix))
            try DurableFile.publish(DurableFile.temporaryPath(for: finalPath), as: finalPath)
        }
    }
}
