/// Splits a JSON document fed in pieces into its top-level values, written out one per line, so the JSONL line
/// parser reads each with the same rules as a line of a `.jsonl` file: a JSON array body (`[{…},{…}]`) becomes one
/// line per element, a single-value body (`POST /v1/segment`) one line.
///
/// Only the structure is tracked (strings, escapes, nesting); each value's own validity is left to the line parser,
/// so a bad element is one reject, not a failed body. Line breaks between tokens become spaces; a raw line feed
/// inside a string (invalid JSON) becomes a control byte the line parser rejects, so no element is ever cut in two.
/// Memory stays bounded: one element is held at most, up to `maxValueBytes`.
struct JSONValueSplitter {
    private enum Phase {
        /// Before the `[` of an array body, or before the value of a single-value body.
        case start
        /// After `[`: an element or `]`.
        case firstElement
        /// After a `,`: an element.
        case nextElement
        /// Inside a value.
        case value
        /// After the closing `]` (or after the value of a single-value body): only white space.
        case done
    }

    /// True for a body holding one value (not an array).
    let single: Bool
    let maxValueBytes: Int
    private var phase = Phase.start
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var valueBytes = 0
    /// Values begun so far.
    private(set) var values = 0

    init(single: Bool, maxValueBytes: Int) {
        self.single = single
        self.maxValueBytes = maxValueBytes
    }

    /// Appends the lines of the complete values in `bytes` (and the start of an unfinished one) to `out`.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, into out: Chunk) throws(ScoringInputError) {
        if out.count + bytes.count + 1 > out.capacity {
            out.grow(to: max(out.capacity * 2, out.count + bytes.count + 1))
        }
        let base = out.base
        var count = out.count
        defer { out.count = count }
        for byte in bytes {
            switch phase {
            case .start:
                if Self.isSpace(byte) { continue }
                if single {
                    try begin(byte)
                } else {
                    guard byte == UInt8(ascii: "[") else {
                        throw ScoringInputError(
                            .invalidBody,
                            "The body is not a JSON array: it must start with '[' (found '\(Self.shown(byte))'). "
                                + "Send an array of objects, or NDJSON as application/x-ndjson.")
                    }
                    phase = .firstElement
                    continue
                }
            case .firstElement, .nextElement:
                if Self.isSpace(byte) { continue }
                if byte == UInt8(ascii: "]") && phase == .firstElement {
                    phase = .done
                    continue
                }
                try begin(byte)
            case .done:
                guard Self.isSpace(byte) else {
                    throw ScoringInputError(
                        .invalidBody,
                        single
                            ? "The body holds more than one JSON value; send one object."
                            : "The body has text after the JSON array's closing ']'; send one array.")
                }
                continue
            case .value:
                break
            }
            // Inside a value.
            if inString {
                base[count] = byte == UInt8(ascii: "\n") ? 0x01 : byte
                count += 1
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if depth == 0 && !single && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")) {
                base[count] = UInt8(ascii: "\n")
                count += 1
                phase = byte == UInt8(ascii: ",") ? .nextElement : .done
                continue
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth = max(0, depth - 1)
                default: break
                }
                base[count] = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") ? UInt8(ascii: " ") : byte
                count += 1
                if single && depth == 0 && (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")) {
                    // The single value is complete: anything but white space after it is a second value.
                    base[count] = UInt8(ascii: "\n")
                    count += 1
                    phase = .done
                    continue
                }
            }
            valueBytes += 1
            if valueBytes > maxValueBytes {
                throw ScoringInputError(
                    .recordTooLong,
                    "Element \(values - 1) of the body is longer than \(maxValueBytes) bytes, the limit for one "
                        + "record.",
                    index: values - 1)
            }
        }
    }

    /// Ends the body: closes a single value's line, or checks that the array was closed.
    mutating func finish(into out: Chunk) throws(ScoringInputError) {
        switch phase {
        case .done:
            return
        case .value where single:
            out.grow(to: out.count + 1)
            out.base[out.count] = UInt8(ascii: "\n")
            out.count += 1
            phase = .done
        case .start:
            throw ScoringInputError(
                .emptyBody,
                single ? "The body is empty; send one JSON object." : "The body is empty; send a JSON array.")
        default:
            throw ScoringInputError(
                .invalidBody,
                single
                    ? "The body ends inside its JSON value; send a complete object."
                    : "The body ends before the JSON array's closing ']'; send the complete array.")
        }
    }

    private mutating func begin(_ byte: UInt8) throws(ScoringInputError) {
        if !single && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")) {
            throw ScoringInputError(
                .invalidBody,
                "The JSON array has an empty element (a ',' or ']' where element \(values) should start).",
                index: values)
        }
        phase = .value
        depth = 0
        inString = false
        escaped = false
        valueBytes = 0
        values += 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func shown(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
    }
}
