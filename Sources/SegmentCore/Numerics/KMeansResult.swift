/// The outcome of ``KMeans/fit(_:options:)``: the best of its runs.
package struct KMeansResult: Sendable, Equatable {
    /// Cluster centres, one per row (k × features).
    package var centroids: Matrix
    /// Cluster of every input row; the index of its nearest centroid (lowest index on ties).
    package var labels: [Int32]
    /// Sum over rows of the squared Euclidean distance to the assigned centroid.
    package var inertia: Double
    /// Lloyd iterations on all rows the winning run took (after its warm start on a sample, if it had one).
    package var iterations: Int
    /// Number of rows in every cluster; a cluster can be empty when the data has fewer distinct rows than k.
    package var sizes: [Int]

    /// Creates a result.
    package init(centroids: Matrix, labels: [Int32], inertia: Double, iterations: Int, sizes: [Int]) {
        self.centroids = centroids
        self.labels = labels
        self.inertia = inertia
        self.iterations = iterations
        self.sizes = sizes
    }
}
