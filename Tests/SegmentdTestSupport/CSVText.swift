public import Foundation

/// A small RFC 4180 reader for checking what segmentd wrote (quoted fields with doubled quotes and line breaks),
/// independent of segmentd's own parser.
public enum CSVText {
    public static func records(_ data: Data) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = data.startIndex
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field = [] }
        while index < data.endIndex {
            let byte = data[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < data.endIndex && data[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endField()
                records.append(record)
                record = []
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
