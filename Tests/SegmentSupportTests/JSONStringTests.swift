import Foundation
import SegmentSupport
import SegmentdTestSupport
import Testing

@Suite("JSON string escaping")
struct JSONStringTests {
    static func written(_ bytes: [UInt8]) -> [UInt8] {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONString.maxQuotedLength(bytes.count))
        defer { out.deallocate() }
        let count = bytes.withUnsafeBytes { JSONString.write($0, to: out) }
        return Array(UnsafeBufferPointer(start: out, count: count))
    }

    /// The escaping every former copy did (scored JSONL, plugin columns, migrations, exec rows, JSON logs), byte
    /// by byte: the reference the shared escaper is compared with.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case UInt8(ascii: "\n"): out += Array(#"\n"#.utf8)
            case UInt8(ascii: "\r"): out += Array(#"\r"#.utf8)
            case UInt8(ascii: "\t"): out += Array(#"\t"#.utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: out.append(byte)
            }
        }
        return out + [UInt8(ascii: "\"")]
    }

    @Test("each escaped byte is written as before: quote, backslash, \\n \\r \\t, other controls as \\u00xx")
    func escapeTable() {
        #expect(String(decoding: JSONString.quoted("plain"), as: UTF8.self) == #""plain""#)
        #expect(String(decoding: JSONString.quoted(""), as: UTF8.self) == #""""#)
        #expect(
            String(decoding: JSONString.quoted("a\"b\\c\nd\re\tf\u{1}\u{1F}\u{7F}é"), as: UTF8.self)
                == #""a\"b\\c\nd\re\tf\u0001\u001f"# + "\u{7F}é\"")
        for byte in UInt8.min...UInt8.max {
            #expect(Self.written([byte]) == Self.reference([byte]), "byte \(byte)")
        }
    }

    @Test("random text: the same bytes as the former escapers, through every entry point, and JSON parses it back")
    func randomTextDifferential() throws {
        var generator = SeededGenerator(seed: 21)
        let alphabet: [UInt8] = Array("ab \"\\\n\r\t/é".utf8) + [0, 1, 0x1F, 0x7F]
        for round in 0..<20_000 {
            let length = Int(generator.next() % 40)
            var bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if round % 2 == 0 { bytes = bytes.filter { !JSONString.needsEscape($0) } }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = Self.reference(Array(text.utf8))
            #expect(Self.written(Array(text.utf8)) == expected)
            #expect(JSONString.quoted(text) == expected)
            var appended: [UInt8] = [9]
            JSONString.append(text, to: &appended)
            #expect(appended == [9] + expected)
            let parsed = try JSONSerialization.jsonObject(with: Data(expected), options: .fragmentsAllowed)
            #expect(parsed as? String == text)
        }
    }

    @Test("a string that is not stored contiguously is escaped the same")
    func bridgedString() {
        let text = NSString(string: "line\nbreak \"q\"") as String
        #expect(JSONString.quoted(text) == Self.reference(Array("line\nbreak \"q\"".utf8)))
    }
}
