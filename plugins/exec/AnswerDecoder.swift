import SegmentPlugin

/// Turns one answer line of the child into the added values of one row.
///
/// An answer is a JSON object: a member named like a column gives that column's value (string → text,
/// integer → integer, other number → number, boolean → flag, null → missing); an absent column stays missing;
/// other members are ignored, except `_error`, whose string fails the row on the child's behalf.
struct AnswerDecoder: Sendable {
    /// Longest excerpt of an offending line quoted in a failure reason, in bytes.
    static let excerptBytes = 200

    private let columnIndex: [String: Int]

    init(columns: [String]) {
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() { index[column] = position }
        columnIndex = index
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
        switch value {
        case .string(let text): output[row, column] = .text(text)
        case .integer(let number): output[row, column] = .integer(number)
        case .number(let number): output[row, column] = .number(number)
        case .boolean(let flag): output[row, column] = .flag(flag)
        case .null: output[row, column] = .missing
        case .composite(let kind):
            return
                "the child's answer gives column \"\(name)\" \(kind); columns take strings, numbers, booleans or null"
        }
        return nil
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
