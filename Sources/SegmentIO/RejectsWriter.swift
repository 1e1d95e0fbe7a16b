/// Writes rejected records as CSV with the header `line,column,reason,record`.
struct RejectsWriter {
    private let file: OutputFile
    private let buffer = ByteBuffer(capacity: 1 << 16)

    /// Creates (or truncates) the rejects file and writes its header; `exclusive` as for ``OutputFile``.
    init(path: String, exclusive: Bool = false) throws(RecordError) {
        file = try OutputFile(path: path, exclusive: exclusive)
        buffer.append("line,column,reason,record\n")
    }

    /// Number of rejections written so far.
    private(set) var count = 0

    /// Adds one rejection; `record` is the raw record bytes.
    mutating func append(line: Int, column: String, reason: String, record: UnsafeRawBufferPointer) throws(RecordError)
    {
        buffer.append(String(line))
        buffer.append(UInt8(ascii: ","))
        var column = column
        column.withUTF8 { CSVEscaping.appendField(UnsafeRawBufferPointer($0), to: buffer) }
        buffer.append(UInt8(ascii: ","))
        var reason = reason
        reason.withUTF8 { CSVEscaping.appendField(UnsafeRawBufferPointer($0), to: buffer) }
        buffer.append(UInt8(ascii: ","))
        CSVEscaping.appendField(record, to: buffer)
        buffer.append(UInt8(ascii: "\n"))
        count += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes buffered rejections to the file.
    func flush() throws(RecordError) {
        try file.write(buffer)
        buffer.count = 0
    }
}
