import SegmentPlugin
import SegmentSupport

/// Writes the rows of a batch as the JSON lines the child reads:
/// `{"line":…,"customer_id":…,"segment_id":…,"segment_name":…,"confidence":…,"distance":…}` and,
/// when inputs are sent, `"inputs":{"COLUMN":value,…}` before the closing brace. Strings are escaped by the shared
/// `JSONString`; numbers are Swift's shortest round-trip text (`0.75`, `1e-05`, `12.0`), the protocol's format since
/// its first version, and non-finite numbers are written as null.
struct RowEncoder: Sendable {
    /// Whether rows carry the model's input values.
    let sendInputs: Bool

    /// The whole batch, one line per row.
    func encode(_ batch: ScoredBatch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(batch.count * (sendInputs ? 160 + 24 * batch.inputColumns.count : 160))
        let inputKeys =
            sendInputs
            ? batch.inputColumns.map { name -> [UInt8] in
                var key: [UInt8] = []
                JSONString.append(name, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            } : []
        for row in 0..<batch.count {
            Self.append("{\"line\":\(batch.lines[row]),\"customer_id\":", to: &out)
            JSONString.append(batch.customerIDs[row], to: &out)
            Self.append(",\"segment_id\":\(batch.segmentIDs[row]),\"segment_name\":", to: &out)
            JSONString.append(batch.segmentName(at: row), to: &out)
            Self.append(",\"confidence\":", to: &out)
            Self.appendNumber(batch.confidences[row], to: &out)
            Self.append(",\"distance\":", to: &out)
            Self.appendNumber(batch.distances[row], to: &out)
            if sendInputs {
                Self.append(",\"inputs\":{", to: &out)
                let values = batch.inputValues(at: row)
                for (position, key) in inputKeys.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: key)
                    Self.appendNumber(position < values.count ? values[values.startIndex + position] : .nan, to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            Self.append("}\n", to: &out)
        }
        return out
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// A JSON number, or null when `value` is NaN or infinite.
    private static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        append(value.isFinite ? value.description : "null", to: &out)
    }
}
