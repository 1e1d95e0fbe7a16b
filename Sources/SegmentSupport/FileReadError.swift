import Glibc

/// Why a file could not be read to the end: the call that failed, the path and its `errno`.
package struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Operation: String, Sendable {
        case open
        case read
    }

    /// The call that failed.
    package let operation: Operation
    /// The file it worked on.
    package let path: String
    /// The `errno` value.
    package let code: Int32

    init(_ operation: Operation, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// What failed, where, and what to check.
    package var description: String {
        "\(operation.rawValue) of '\(path)' failed: \(String(cString: strerror(code))) (errno \(code)); "
            + "check that the file exists and is readable"
    }
}
