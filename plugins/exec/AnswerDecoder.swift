import SegmentPlugin

/// Turns one answer line of the child into the added values of one row.
///
/// An answer is a JSON object: a member named like a column gives that column's value, by the column's declared
/// type: a `string` column takes a string (a number or boolean is kept as its text, `95`, `2.5`, `true`), an
/// `integer` column an integer (or a number without a fraction, `95.0`), a `float` column any number, a `boolean`
/// column a boolean; null is missing. Any other value fails the row, naming the column. An absent column stays
/// missing; other members are ignored, except `_error`, whose string fails the row on the child's behalf.
struct AnswerDecoder: Sendable {
    /// Longest excerpt of an offending line quoted in a failure reason, in bytes.
    static let excerptBytes = 200

    private let columnIndex: [String: Int]
    private let types: [PluginColumnType]

    init(columns: [PluginOutputColumn]) {
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() { index[column.name] = position }
        columnIndex = index
        types = columns.map(\.type)
    }

    /// The row an answer names by its `line` member, or why it names none.
    enum Identity: Equatable {
        case line(Int)
        case none(problem: String)
    }

    /// Reads the `line` member of the answer `line`, with the members before it, but nothing after it: an answer
    /// that is broken (or cut at `max_line_bytes`) after a readable `line` member still names its row. A value
    /// counts only when the `,` or `}` after it was read, so a number cut short is never taken for another line.
    func identity(of line: LineSplitter.Line) -> Identity {
        var scanner = JSONScanner(line.bytes)
        var found: Int?
        do throws(JSONScanner.SyntaxError) {
            try scanner.expect(UInt8(ascii: "{"))
            if scanner.consume(UInt8(ascii: "}")) { return .none(problem: "the answer has no \"line\" member") }
            repeat {
                let name = try scanner.string()
                try scanner.expect(UInt8(ascii: ":"))
                let value = try scanner.value()
                guard let next = scanner.peek(), next == UInt8(ascii: ",") || next == UInt8(ascii: "}") else {
                    throw scanner.failure("expected ',' or '}'")
                }
                guard name == ExecSettings.lineMember else { continue }
                guard case .integer(let number) = value else {
                    return .none(problem: "its \"line\" member is not an integer")
                }
                if found != nil { return .none(problem: "it has two \"line\" members") }
                found = number
            } while scanner.consume(UInt8(ascii: ","))
        } catch {
            if let found { return .line(found) }
            return .none(
                problem: "it is not a JSON object with a \"line\" member "
                    + "(\(error.problem) at byte \(error.offset + 1))")
        }
        if let found { return .line(found) }
        return .none(problem: "the answer has no \"line\" member")
    }

    /// Writes the values of `line` into row `row` of `output`; returns why the row fails instead, if it does.
    func decode(_ line: LineSplitter.Line, row: Int, into output: inout PluginColumns) -> String? {
        if line.truncated {
            return "the child's answer is longer than max_line_bytes (\(line.bytes.count) bytes): \(Self.quote(line))"
        }
        var scanner = JSONScanner(line.bytes)
        do throws(JSONScanner.SyntaxError) {
            try scanner.expect(UInt8(ascii: "{"))
            if !scanner.consume(UInt8(ascii: "}")) {
                repeat {
                    let name = try scanner.string()
                    try scanner.expect(UInt8(ascii: ":"))
                    let value = try scanner.value()
                    if let reason = assign(value, to: name, row: row, into: &output) { return reason }
                } while scanner.consume(UInt8(ascii: ","))
                try scanner.expect(UInt8(ascii: "}"))
            }
            guard scanner.peek() == nil else { throw scanner.failure("text after the object") }
            return nil
        } catch {
            return
                "the child's answer is not a JSON object (\(error.problem) at byte \(error.offset + 1)): "
                + "\(Self.quote(line))"
        }
    }

    private func assign(
        _ value: JSONScanner.Scalar, to name: String, row: Int,
        into output: inout PluginColumns
    ) -> String? {
        if name == ExecSettings.errorMember {
            switch value {
            case .string(let reason): return "the child rejected the row: \(reason)"
            case .null, .boolean(false): return nil
            default: return "the child's \"\(ExecSettings.errorMember)\" member is not a string"
            }
        }
        guard let column = columnIndex[name] else { return nil }
        if case .composite(let kind) = value {
            return
                "the child's answer gives column \"\(name)\" \(kind); columns take strings, numbers, booleans or null"
        }
        guard let converted = Self.value(value, as: types[column]) else {
            let declared = types[column].rawValue
            return "the child's answer gives column \"\(name)\" (declared \(declared)) \(Self.describe(value))"
        }
        output[row, column] = converted
        return nil
    }

    /// `value` as a value of a column of `type`, or nil when it does not fit.
    private static func value(_ value: JSONScanner.Scalar, as type: PluginColumnType) -> PluginValue? {
        switch (type, value) {
        case (_, .null): .missing
        case (.string, .string(let text)): .text(text)
        case (.string, .integer(let number)): .text(String(number))
        case (.string, .number(let number)): .text(String(number))
        case (.string, .boolean(let flag)): .text(flag ? "true" : "false")
        case (.integer, .integer(let number)): .integer(number)
        case (.integer, .number(let number)) where number.magnitude < 0x1p53 && number == number.rounded():
            .integer(Int(number))
        case (.float, .integer(let number)): .number(Double(number))
        case (.float, .number(let number)): .number(number)
        case (.boolean, .boolean(let flag)): .flag(flag)
        default: nil
        }
    }

    private static func describe(_ value: JSONScanner.Scalar) -> String {
        switch value {
        case .string(let text): "the string \"\(text.prefix(40))\""
        case .integer(let number): "the integer \(number)"
        case .number(let number): "the number \(number)"
        case .boolean(let flag): "the boolean \(flag)"
        case .null: "null"
        case .composite(let kind): kind
        }
    }

    /// The line in double quotes, cut to ``excerptBytes`` (marked by "…"), with control characters escaped.
    static func quote(_ line: LineSplitter.Line) -> String {
        let cut = line.bytes.count > excerptBytes
        var text = String(decoding: line.bytes.prefix(excerptBytes), as: UTF8.self)
        if cut || line.truncated { text += "…" }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\u{\(String(scalar.value, radix: 16))}"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
