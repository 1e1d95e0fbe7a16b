/// A testcase directory that does not follow `Tests/PluginTests/README.md`: says which file and what is wrong.
struct CaseFormatError: Error, CustomStringConvertible {
    let file: String
    let problem: String

    var description: String { "\(file): \(problem) (see Tests/PluginTests/README.md)" }
}
