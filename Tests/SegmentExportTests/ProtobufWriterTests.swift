import Testing

@testable import SegmentExport

/// The wire format against the examples of the protobuf encoding guide (protobuf.dev/programming-guides/encoding).
struct ProtobufWriterTests {
    @Test("varints take seven bits per byte, least significant group first")
    func varints() {
        var writer = ProtobufWriter()
        writer.varint(1)
        writer.varint(150)
        writer.varint(300)
        #expect(writer.bytes == [0x01, 0x96, 0x01, 0xAC, 0x02])
    }

    @Test("an int field is tag then varint; a negative int64 takes ten bytes")
    func intFields() {
        var writer = ProtobufWriter()
        writer.int(1, 150)
        #expect(writer.bytes == [0x08, 0x96, 0x01])
        var negative = ProtobufWriter()
        negative.int(1, -1)
        #expect(negative.bytes == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test("strings and nested messages are length-delimited")
    func lengthDelimited() {
        var writer = ProtobufWriter()
        writer.string(2, "testing")
        #expect(writer.bytes == [0x12, 0x07] + Array("testing".utf8))
        var outer = ProtobufWriter()
        outer.message(3) { $0.int(1, 150) }
        #expect(outer.bytes == [0x1A, 0x03, 0x08, 0x96, 0x01])
    }

    @Test("packed repeated fields: varints, and doubles as eight little-endian bytes")
    func packed() {
        var writer = ProtobufWriter()
        writer.packedInts(4, [3, 270, 86942])
        #expect(writer.bytes == [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])
        var doubles = ProtobufWriter()
        doubles.packedDoubles(10, [1.0, -2.5])
        #expect(doubles.bytes == [0x52, 0x10, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0x04, 0xC0])
    }
}
