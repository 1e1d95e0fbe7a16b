/// Medians by selection in expected linear time, reordering the buffer in place.
enum MedianSelection {
    /// Partition rounds after which the remaining range is sorted instead, bounding the worst case to O(n log n).
    private static let maximumRounds = 64

    /// Median of `buffer`: the middle value, or the mean of the two middle values for an even count; 0 when empty.
    /// Reorders `buffer`.
    static func median(of buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        let count = buffer.count
        guard count > 0 else { return 0 }
        let upperIndex = count / 2
        let upper = select(upperIndex, in: buffer)
        guard count % 2 == 0 else { return upper }
        // After selecting `upperIndex`, everything before it is no larger, so the lower middle is their maximum.
        var lower = buffer[0]
        for index in 1..<upperIndex where buffer[index] > lower {
            lower = buffer[index]
        }
        return (lower + upper) / 2
    }

    /// Moves the value of rank `rank` (0-based, ascending) to `buffer[rank]`, with no larger value before it
    /// and no smaller value after it, and returns it.
    static func select(_ rank: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0
        var high = buffer.count - 1
        var rounds = 0
        while low < high {
            rounds += 1
            if rounds > maximumRounds {
                var remaining = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                remaining.sort()
                break
            }
            let pivot = medianOfThree(buffer[low], buffer[low + (high - low) / 2], buffer[high])
            var left = low
            var right = high
            // Hoare partition: stops on values equal to the pivot, so runs of duplicates split evenly.
            while left <= right {
                while buffer[left] < pivot { left += 1 }
                while pivot < buffer[right] { right -= 1 }
                if left <= right {
                    buffer.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            // Now buffer[low...right] <= pivot <= buffer[left...high], and anything between equals the pivot.
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                break
            }
        }
        return buffer[rank]
    }

    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
