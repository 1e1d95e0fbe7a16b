/// A round-robin tournament over `count` blocks: rounds of disjoint block pairs in which every unordered
/// pair of distinct blocks meets exactly once.
///
/// Work on the pairs of one round touches disjoint blocks, so a round can run in parallel without locks,
/// and running the rounds in order fixes the order in which every block receives its contributions.
struct RoundRobinSchedule {
    /// The pairs `(first, second)` with `first < second` of every round.
    let rounds: [[(first: Int, second: Int)]]

    init(count: Int) {
        // Circle method: fix the last seat and rotate the others; an odd count gets a resting seat.
        let seats = count % 2 == 0 ? count : count + 1
        var rounds = [[(first: Int, second: Int)]]()
        if seats >= 2 {
            for round in 0..<seats - 1 {
                var pairs = [(first: Int, second: Int)]()
                for offset in 0..<seats / 2 {
                    let a = offset == 0 ? seats - 1 : (round + offset) % (seats - 1)
                    let b = (round - offset + seats - 1) % (seats - 1)
                    if a < count && b < count {
                        pairs.append((min(a, b), max(a, b)))
                    }
                }
                rounds.append(pairs)
            }
        }
        self.rounds = rounds
    }
}
