import TOMLKit

/// One settings value copied out of TOMLKit's types, remembering which file it came from.
indirect enum SettingValue: Sendable, Equatable {
    case string(String, source: String)
    case integer(Int, source: String)
    case float(Double, source: String)
    case boolean(Bool, source: String)
    case array([SettingValue], source: String)
    case table([String: SettingValue], source: String)
    /// A date or time, which no plugin setting uses.
    case unsupported(typeName: String, source: String)

    var source: String {
        switch self {
        case .string(_, let source), .integer(_, let source), .float(_, let source), .boolean(_, let source),
            .array(_, let source), .table(_, let source), .unsupported(_, let source):
            source
        }
    }

    /// How the value's type reads in an error message.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .unsupported(let typeName, _): "a \(typeName)"
        }
    }

    /// `other` laid over `self`: tables merge key by key (recursively); anything else is replaced.
    func overlaid(by other: SettingValue) -> SettingValue {
        guard case .table(let base, let source) = self, case .table(let top, _) = other else { return other }
        var merged = base
        for (key, value) in top {
            merged[key] = merged[key].map { $0.overlaid(by: value) } ?? value
        }
        return .table(merged, source: source)
    }

    init(_ value: any TOMLValueConvertible, source: String) {
        if let text = value.string {
            self = .string(text, source: source)
        } else if let number = value.int {
            self = .integer(number, source: source)
        } else if let number = value.double {
            self = .float(number, source: source)
        } else if let flag = value.bool {
            self = .boolean(flag, source: source)
        } else if let array = value.array {
            self = .array(array.map { SettingValue($0, source: source) }, source: source)
        } else if let table = value.table {
            var members: [String: SettingValue] = [:]
            for (key, member) in table { members[key] = SettingValue(member, source: source) }
            self = .table(members, source: source)
        } else {
            self = .unsupported(typeName: "\(value.type)", source: source)
        }
    }
}
