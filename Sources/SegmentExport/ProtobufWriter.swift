/// The protocol-buffers wire format (proto2/proto3 encoding), only as much as ONNX needs: varints, 64-bit fixed
/// values, length-delimited fields (strings, bytes, nested messages) and packed repeated numbers.
///
/// Why not swift-protobuf: the generated code needs the protoc plugin, whose build costs minutes in CI, for the
/// seven messages the exporter writes. The encoding is small and specified
/// (https://protobuf.dev/programming-guides/encoding/); the exporter's tests read every file back with the onnx
/// Python package, so a wrong field number or wire type fails a test.
struct ProtobufWriter {
    /// Wire types of a field's tag.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
    }

    private(set) var bytes: [UInt8] = []

    /// An unsigned varint: seven bits per byte, least significant group first, high bit set on all but the last.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    /// An `int64`/`int32`/enum field: negative values take ten bytes (two's complement), as protobuf specifies.
    mutating func int(_ field: Int, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func string(_ field: Int, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    mutating func bytesField(_ field: Int, _ value: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A nested message, written by `body` and then length-prefixed.
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        bytesField(field, nested.bytes)
    }

    /// A packed repeated `int64` field.
    mutating func packedInts(_ field: Int, _ values: [Int64]) {
        var packed = ProtobufWriter()
        for value in values { packed.varint(UInt64(bitPattern: value)) }
        bytesField(field, packed.bytes)
    }

    /// A packed repeated `double` field: each value as 8 little-endian bytes.
    mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        var packed: [UInt8] = []
        packed.reserveCapacity(values.count * 8)
        for value in values {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { packed.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        bytesField(field, packed)
    }
}
