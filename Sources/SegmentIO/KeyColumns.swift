/// The CSV column of each key of a JSONL file being converted: a key not met before gets the next column.
///
/// Keys are remembered by their position on the line (``KeyMemo``), so the usual line, whose keys stand where they
/// stood on the line before, costs a byte compare per key instead of a `String` built and hashed.
final class KeyColumns {
    /// Every key met, in the order it first appeared; a key's column is its index here.
    private(set) var names: [String] = []
    private var columns: [String: Int] = [:]
    private let memo = KeyMemo()

    /// The column of `key` (its unescaped bytes), met at `position` on its line. Keys that are equal as strings
    /// share a column whatever their bytes.
    func column(of key: UnsafeRawBufferPointer, at position: Int) -> Int {
        memo.value(of: key, at: position) { bytes in
            let name = String(decoding: bytes, as: UTF8.self)
            if let known = columns[name] { return known }
            columns[name] = names.count
            names.append(name)
            return names.count - 1
        } ?? 0
    }
}
