import SegmentPlugin

/// Decides which row of a batch each answer line of the child answers, and notices when the answers are out of
/// step with the rows, so that no row ever keeps an answer the child computed for another row.
///
/// Protocol 2: every answer names its row by echoing the row's `line`. Answers may come in any order; an answer
/// without a readable `line`, for a line not in the batch or already answered, or more lines than rows put the
/// batch out of step, and so does a row left unanswered while a row sent after it was answered (a dropped
/// answer). Protocol 1: the n-th line answers the n-th row; more or fewer lines than rows, or an answer that
/// echoes a `line` other than its row's, put the batch out of step. What the daemon cannot see under protocol 1 —
/// a stray line and a dropped answer in the same batch, answers swapped without echo — it cannot reject, which is
/// why protocol 1 is documented as unsafe.
struct AnswerMatcher {
    /// The line of every row of the batch, in the order sent.
    let lines: [Int]
    private let protocolVersion: Int
    private let decoder: AnswerDecoder
    /// Whether protocol 1 compares an echoed `line` with the row's (not when `line` is one of the columns).
    private let checksEcho: Bool
    private var answered: [Bool]
    /// Number of rows answered.
    private(set) var answeredCount = 0
    /// The row after the last one answered, where an answer in order is looked for first.
    private var cursor = 0
    /// Row of each line, built on the first answer that comes out of order.
    private var rowOfLine: [Int: Int]?

    init(lines: [Int], settings: ExecSettings, decoder: AnswerDecoder) {
        self.lines = lines
        self.decoder = decoder
        protocolVersion = settings.protocolVersion
        checksEcho = !settings.columns.contains { $0.name == ExecSettings.lineMember }
        answered = Array(repeating: false, count: lines.count)
    }

    /// Whether every row has its answer.
    var isComplete: Bool { answeredCount == lines.count }

    /// The rows still without an answer.
    var unansweredRows: [Int] { answered.indices.filter { !answered[$0] } }

    /// Takes one answer line: decodes it into its row of `output` (failing that row alone when the answer is not
    /// usable); returns why the batch is out of step instead, if it is.
    mutating func take(_ line: LineSplitter.Line, into output: inout PluginColumns) -> String? {
        if isComplete { return "the child wrote more lines than it was sent rows (\(lines.count))" }
        let row: Int
        switch (protocolVersion, decoder.identity(of: line)) {
        case (1, .line(let echoed)) where checksEcho && echoed != lines[answeredCount]:
            return "answer \(answeredCount + 1) echoes line \(echoed) but answers, by position, line "
                + "\(lines[answeredCount])"
        case (1, _):
            row = answeredCount
        case (_, .none(let problem)):
            return "an answer names no row: \(problem): \(AnswerDecoder.quote(line)); under protocol 2 every answer "
                + "echoes the \"line\" of its row (a child that does not must be run with protocol = 1)"
        case (_, .line(let echoed)):
            guard let found = self.row(of: echoed) else {
                return "an answer is for line \(echoed), which is not in this batch (lines \(lines[0])–"
                    + "\(lines[lines.count - 1]))"
            }
            if answered[found] { return "line \(echoed) was answered twice" }
            row = found
        }
        answered[row] = true
        answeredCount += 1
        while cursor < lines.count && answered[cursor] { cursor += 1 }
        if let reason = decoder.decode(line, row: row, into: &output) { output.fail(row: row, reason: reason) }
        return nil
    }

    /// After the exchange ended before every row was answered (the child ended or hung): why the answers received
    /// cannot be trusted, or nil when only the unanswered rows fail.
    var incompleteVerdict: String? {
        guard answeredCount > 0 else { return nil }
        if protocolVersion == 1 {
            return "the child wrote \(answeredCount) answer lines for \(lines.count) rows, and under protocol 1 the "
                + "daemon cannot tell which rows they answer"
        }
        guard let missing = answered.firstIndex(of: false),
            let later = answered[missing...].lastIndex(of: true)
        else { return nil }
        return "line \(lines[missing]) got no answer although line \(lines[later]), sent after it, did"
    }

    /// The row that `line` is on: the next one in order when it is that, else found through `rowOfLine`.
    private mutating func row(of line: Int) -> Int? {
        if cursor < lines.count && lines[cursor] == line { return cursor }
        if rowOfLine == nil {
            var index: [Int: Int] = [:]
            index.reserveCapacity(lines.count)
            for (row, line) in lines.enumerated() where index[line] == nil { index[line] = row }
            rowOfLine = index
        }
        return rowOfLine?[line]
    }
}
