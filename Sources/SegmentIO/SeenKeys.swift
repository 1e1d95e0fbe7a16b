/// Which of the wanted keys of a JSONL input some line held (by `ColumnMatcher` position), so that a column no record
/// has at all fails the file as a CSV header lacking it does, instead of being imputed in every row unseen.
final class SeenKeys: @unchecked Sendable {
    /// One flag per wanted key; set by the one parser that owns this instance.
    let flags: UnsafeMutableBufferPointer<Bool>

    init(count: Int) {
        flags = .allocate(capacity: max(count, 1))
        flags.initialize(repeating: false)
    }

    deinit { flags.deallocate() }
}

extension JSONFieldMap {
    /// The input columns (of `inputColumns`, the list this map was made from) that no parser in `seen` met, in
    /// order and each once.
    func columnsNeverSeen(_ inputColumns: [String], in seen: [SeenKeys]) -> [String] {
        var missing: [String] = []
        for name in inputColumns where !missing.contains(name) {
            guard let index = matcher.match(name) else { continue }
            if !seen.contains(where: { $0.flags[index] }) { missing.append(name) }
        }
        return missing
    }
}
