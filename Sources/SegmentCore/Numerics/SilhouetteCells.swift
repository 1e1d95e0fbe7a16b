/// Labelings merged into joint cells so that one addition per point pair serves several labelings.
///
/// Points that share their label in every labeling of a group form one cell. Summing distances per cell
/// and then per cluster gives each labeling's per-cluster sums with one scatter per pair and group instead
/// of one per pair and labeling. Labelings join a group while it stays at or below `cellLimit` cells.
struct SilhouetteCells {
    /// Most cells per group; keeps each point's row of cell sums small enough for the L1/L2 caches.
    static let cellLimit = 512

    struct Group {
        /// Indices (into the caller's labelings) of the labelings in this group.
        var labelings: [Int]
        /// Number of cells.
        var cellCount: Int
        /// Label of every cell in every labeling of the group: `cellLabels[cell * labelings.count + l]`.
        var cellLabels: [Int32]
    }

    /// The groups, in labeling order.
    let groups: [Group]
    /// First column of every group in a row of cell sums.
    let columnOffsets: [Int]
    /// Total cells over all groups: the width of a row of cell sums.
    let width: Int
    /// Column of every point in every group: `columns[point * groups.count + group]`.
    let columns: [Int32]

    init(labelings: [[Int32]], pointCount n: Int) {
        var groups = [Group]()
        var cellOfPoint = [[Int]]()
        var current: (group: Group, cellOf: [Int])?
        for (index, labels) in labelings.enumerated() {
            if let open = current, let merged = Self.merge(open, labeling: index, labels: labels) {
                current = merged
                continue
            }
            if let open = current {
                groups.append(open.group)
                cellOfPoint.append(open.cellOf)
            }
            current = Self.merge(nil, labeling: index, labels: labels)
        }
        if let open = current {
            groups.append(open.group)
            cellOfPoint.append(open.cellOf)
        }
        var offsets = [Int]()
        var width = 0
        for group in groups {
            offsets.append(width)
            width += group.cellCount
        }
        var columns = [Int32](repeating: 0, count: n * groups.count)
        for point in 0..<n {
            for group in groups.indices {
                columns[point * groups.count + group] = Int32(offsets[group] + cellOfPoint[group][point])
            }
        }
        self.groups = groups
        self.columnOffsets = offsets
        self.width = width
        self.columns = columns
    }

    /// `open` extended by one labeling, or nil if that would exceed `cellLimit` (an empty group always
    /// accepts its first labeling).
    private static func merge(
        _ open: (group: Group, cellOf: [Int])?,
        labeling: Int,
        labels: [Int32]
    ) -> (group: Group, cellOf: [Int])? {
        var cellIndex = [Int: Int]()
        var cellOf = [Int](repeating: 0, count: labels.count)
        var firstPoint = [Int]()
        for point in labels.indices {
            let previousCell = open?.cellOf[point] ?? 0
            let key = previousCell &* (Int(Int32.max) + 1) &+ Int(labels[point])
            if let cell = cellIndex[key] {
                cellOf[point] = cell
            } else {
                if open != nil && cellIndex.count == cellLimit { return nil }
                cellIndex[key] = cellIndex.count
                cellOf[point] = cellIndex.count - 1
                firstPoint.append(point)
            }
        }
        let previous = open?.group
        let groupLabelings = (previous?.labelings ?? []) + [labeling]
        var cellLabels = [Int32]()
        cellLabels.reserveCapacity(firstPoint.count * groupLabelings.count)
        for point in firstPoint {
            if let previous, let openCells = open?.cellOf {
                let previousCell = openCells[point]
                let width = previous.labelings.count
                cellLabels.append(contentsOf: previous.cellLabels[previousCell * width..<(previousCell + 1) * width])
            }
            cellLabels.append(labels[point])
        }
        return (Group(labelings: groupLabelings, cellCount: firstPoint.count, cellLabels: cellLabels), cellOf)
    }
}
