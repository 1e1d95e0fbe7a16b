extension KMeansWorkspace {
    /// One k-means run from `initial` centroids, following scikit-learn's Lloyd loop: assign, update, and
    /// stop when no label changed (strict convergence), when the summed squared centroid shift is at most
    /// `tolerance` (absolute), or after `maxIterations`.
    ///
    /// - Returns: the final centroids (the means of the last assignment), the iterations run and the last
    ///   centroid update. The labels left in `labels` may predate that update; reassign before using them.
    func run(
        from initial: [Double],
        algorithm: KMeansAlgorithm,
        maxIterations: Int,
        tolerance: Double,
        slack: Double
    ) -> (centers: [Double], iterations: Int, lastMotion: CenterMotion) {
        reset()
        var centers = initial
        var motion: CenterMotion?
        var iteration = 0
        while true {
            switch algorithm {
            case .lloyd: assignLloyd(centers: centers)
            case .hamerly: assignHamerly(centers: centers, motion: motion, slack: slack)
            }
            let changes = applyBlockDeltas()
            let updated = updatedCenters(from: centers)
            let step = CenterMotion(from: centers, to: updated, clusters: k, dimensions: d)
            motion = step
            centers = updated
            iteration += 1
            if changes == 0 || step.squaredShiftTotal <= tolerance || iteration >= maxIterations {
                return (centers, iteration, step)
            }
        }
    }
}
