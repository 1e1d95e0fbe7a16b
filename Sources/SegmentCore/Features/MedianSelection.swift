/// Medians by selection (quickselect with median-of-three pivots) in expected O(n), without sorting.
enum MedianSelection {
    /// The median of `values` as pandas computes it: the middle value, or the mean of the two middle values for
    /// an even count; 0 for no values. Reorders `values`.
    static func median(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
        let count = values.count
        guard count > 0 else { return 0 }
        let upper = count / 2
        select(values, rank: upper)
        guard count % 2 == 0 else { return values[upper] }
        var lower = values[0]
        for index in 1..<upper where values[index] > lower {
            lower = values[index]
        }
        return (lower + values[upper]) / 2
    }

    /// Reorders `values` so that `values[rank]` is the value of that rank, smaller-or-equal values before it and
    /// greater-or-equal values after it. Falls back to sorting a range that resists partitioning.
    static func select(_ values: UnsafeMutableBufferPointer<Double>, rank: Int) {
        var low = 0
        var high = values.count - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while high > low {
            if budget == 0 {
                var stubborn = UnsafeMutableBufferPointer(rebasing: values[low...high])
                stubborn.sort()
                return
            }
            budget -= 1
            let pivot = medianOfThree(values[low], values[low + (high - low) / 2], values[high])
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                return
            }
        }
    }

    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
