extension FeaturePipeline {
    /// Turns one row of raw values into model features, without allocating.
    ///
    /// - Parameters:
    ///   - raw: one value per `inputColumns` entry, NaN where blank. Blanks are replaced by the medians in place.
    ///   - medians: one fill value per input column (see `medians(of:rowCount:)`).
    ///   - profileOut: if given, receives `profileColumns.count` values: the imputed inputs, then the derived features.
    ///   - featuresOut: receives `featureCount` values: transformed numeric features, then the one-hot block.
    package func transform(
        raw: UnsafeMutableBufferPointer<Double>,
        medians: UnsafeBufferPointer<Double>,
        profileOut: UnsafeMutableBufferPointer<Double>?,
        featuresOut: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(
            raw.count >= kernel.inputCount && medians.count >= kernel.inputCount,
            "one raw value and median per input column")
        precondition(featuresOut.count >= kernel.featureCount, "featuresOut must hold featureCount values")
        precondition(
            (profileOut?.count ?? kernel.profileCount) >= kernel.profileCount, "profileOut must hold the profile")
        guard let rawValues = raw.baseAddress, let fills = medians.baseAddress, let features = featuresOut.baseAddress
        else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: kernel.registerCount) { registers in
            guard let registers = registers.baseAddress else { return }
            kernel.run(
                raw: rawValues, medians: fills, registers: registers, profile: profileOut?.baseAddress,
                features: features)
        }
    }

    /// `transform` with the medians in an array.
    package func transform(
        raw: UnsafeMutableBufferPointer<Double>,
        medians: [Double],
        profileOut: UnsafeMutableBufferPointer<Double>?,
        featuresOut: UnsafeMutableBufferPointer<Double>
    ) {
        medians.withUnsafeBufferPointer { fills in
            transform(raw: raw, medians: fills, profileOut: profileOut, featuresOut: featuresOut)
        }
    }
}
