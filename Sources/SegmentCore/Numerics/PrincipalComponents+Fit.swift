extension PrincipalComponents {
    /// Fits a PCA to the rows of `x`.
    ///
    /// Centres the columns, forms the sample covariance (divided by n − 1, as scikit-learn does) by a
    /// blocked parallel accumulation, and eigen-decomposes it with LAPACK's `LAPACKE_dsyevd`.
    /// Components are sorted by descending variance, tiny negative eigenvalues are clamped to 0, and
    /// each component's sign is fixed so its loading of largest magnitude (the first such loading on
    /// ties) is positive. The result is the same for the same input on any number of threads.
    ///
    /// - Throws: ``NumericError`` when `x` has fewer than 2 rows or no columns, holds NaN or infinity,
    ///   has only constant columns, when `selection` is out of range, or when LAPACK fails.
    package static func fit(_ x: Matrix, selection: ComponentSelection) throws(NumericError) -> PrincipalComponents {
        let operation = "PCA"
        guard x.columns > 0 else { throw .noColumns(operation) }
        guard x.rows >= 2 else { throw .tooFewRows(operation, found: x.rows, needed: 2) }
        let p = x.columns
        let mean = try ColumnStatistics.means(of: x, operation: operation)
        let covariance = Covariance.matrix(of: x, means: mean)
        guard covariance.allSatisfy(\.isFinite) else { throw .valueTooLarge(operation) }
        var eigen = try SymmetricEigen.decompose(covariance, order: p)

        let variance = eigen.values.map { max($0, 0) }
        let total = variance.reduce(0, +)
        guard total > 0 else {
            throw NumericError(
                code: .constantData,
                message: "PCA found every one of the \(p) columns constant over \(x.rows) rows, so there is "
                    + "no variance to analyse; check that the features were read correctly"
            )
        }
        let ratio = variance.map { $0 / total }
        let kept = try selection.keptCount(ratios: ratio)
        for component in 0..<p {
            orientLargestLoadingPositive(&eigen.vectors[component * p..<(component + 1) * p])
        }
        return PrincipalComponents(
            mean: mean,
            components: Matrix(rows: kept, columns: p, values: Array(eigen.vectors[0..<kept * p])),
            explainedVariance: variance,
            explainedVarianceRatio: ratio,
            keptCount: kept
        )
    }

    /// Negates `loadings` if its entry of largest magnitude (the first one on ties) is negative.
    private static func orientLargestLoadingPositive(_ loadings: inout ArraySlice<Double>) {
        var largest = loadings.startIndex
        for index in loadings.indices where abs(loadings[index]) > abs(loadings[largest]) {
            largest = index
        }
        if loadings[largest] < 0 {
            for index in loadings.indices {
                loadings[index] = -loadings[index]
            }
        }
    }
}
