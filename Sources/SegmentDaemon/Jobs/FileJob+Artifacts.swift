import SegmentSupport

/// The processor request of a job, and the plugins' artifacts published with the other outputs.
extension FileJob {
    /// What the processor needs: the paths, the input's name and hash (when already known), and where artifacts go
    /// before publication (hidden temporaries in the outbox, like the scored file's).
    func request(names: OutputNames, digest: ContentDigest?, output: String, rejects: String) -> ProcessingRequest {
        let outbox = configuration.outbox
        let temporaries = temporaries
        return ProcessingRequest(
            input: workPath, output: output, format: names.format, rejects: rejects,
            inputName: RawPath.display(source.name), digest: digest,
            artifactPath: { suffix in
                let path = DurableFile.temporaryPath(for: Path.join(outbox, names.artifact(suffix)))
                temporaries.note(path)
                return path
            },
            rejectLimit: RejectLimit(maxShare: configuration.maxRejectShare)
        )
    }

    /// The temporaries of the artifacts written and the names they are published under, `<stem>.<suffix>`.
    func artifactFiles(_ suffixes: [String], names: OutputNames) -> [DurableFile.Publication] {
        suffixes.map { suffix in
            let finalPath = Path.join(configuration.outbox, names.artifact(suffix))
            return DurableFile.Publication(temporary: DurableFile.temporaryPath(for: finalPath), final: finalPath)
        }
    }
}
