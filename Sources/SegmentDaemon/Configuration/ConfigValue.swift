/// One TOML value as the configuration decoder sees it, copied out of TOMLKit's types.
enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// A table, array, date or time; `typeName` says which.
    case unsupported(typeName: String)

    /// How the value reads in an error message.
    var rendered: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .integer(let number): String(number)
        case .float(let number): String(number)
        case .boolean(let flag): String(flag)
        case .unsupported(let typeName): "a \(typeName)"
        }
    }

    /// What kind of value it is, for an error message.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .unsupported(let typeName): "a \(typeName)"
        }
    }
}
