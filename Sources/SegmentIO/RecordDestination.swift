/// Where `segmentd score` writes converted or copied records: a file it creates, or standard output or error.
///
/// Standard output is written through its descriptor, never reopened by name (`/dev/stdout`): reopening would
/// truncate a file the shell opened for appending (`>>`).
package final class RecordDestination: @unchecked Sendable {
    private let file: OutputFile?
    private let descriptor: Int32
    /// The file's path, or `standard output` / `standard error`, for messages.
    package let name: String

    /// Creates (or truncates) the file at `path`.
    package init(path: String) throws(RecordError) {
        file = try OutputFile(path: path)
        descriptor = -1
        name = path
    }

    private init(descriptor: Int32, name: String) {
        file = nil
        self.descriptor = descriptor
        self.name = name
    }

    /// The process's standard output.
    package static var standardOutput: RecordDestination { RecordDestination(descriptor: 1, name: "standard output") }

    /// The process's standard error.
    package static var standardError: RecordDestination { RecordDestination(descriptor: 2, name: "standard error") }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        if let file {
            try file.write(bytes)
        } else {
            try OutputFile.write(bytes, to: descriptor, path: name)
        }
    }

    /// Writes the bytes in use in `buffer` and empties it.
    func flush(_ buffer: ByteBuffer) throws(RecordError) {
        try write(buffer.bytes)
        buffer.count = 0
    }
}
