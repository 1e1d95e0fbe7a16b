import CLapacke

/// Eigen-decomposition of a real symmetric matrix through LAPACK's divide-and-conquer driver.
enum SymmetricEigen {
    /// Eigenvalues in descending order with their unit eigenvectors.
    struct Decomposition {
        /// Eigenvalues, largest first.
        var values: [Double]
        /// Row r is the eigenvector of `values[r]` (n × n, row-major).
        var vectors: [Double]
    }

    /// Decomposes the n × n symmetric row-major `matrix` with `LAPACKE_dsyevd` (jobz 'V', upper triangle).
    static func decompose(_ matrix: [Double], order n: Int) throws(NumericError) -> Decomposition {
        precondition(matrix.count == n * n && n > 0)
        var work = matrix
        var ascending = [Double](repeating: 0, count: n)
        let info = work.withUnsafeMutableBufferPointer { a in
            ascending.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(
                    LAPACK_ROW_MAJOR,
                    CChar(UInt8(ascii: "V")),
                    CChar(UInt8(ascii: "U")),
                    Int32(n),
                    a.baseAddress,
                    Int32(n),
                    w.baseAddress
                )
            }
        }
        guard info == 0 else { throw .lapackFailure("LAPACKE_dsyevd", info: info) }
        // dsyevd returns ascending eigenvalues with eigenvector j in column j.
        var values = [Double](repeating: 0, count: n)
        var vectors = [Double](repeating: 0, count: n * n)
        for rank in 0..<n {
            let source = n - 1 - rank
            values[rank] = ascending[source]
            for component in 0..<n {
                vectors[rank * n + component] = work[component * n + source]
            }
        }
        return Decomposition(values: values, vectors: vectors)
    }
}
