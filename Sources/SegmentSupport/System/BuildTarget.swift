import CSystemShim

/// The machine code this binary was compiled for: the architecture, and on x86-64 the instruction-set extensions
/// the compiler was allowed to use (`scripts/build-release.sh` targets Haswell-class CPUs when the building machine
/// has AVX2, FMA and BMI2). `segmentd version` prints it, so an operator can tell a generic build from a tuned one.
package enum BuildTarget {
    /// `x86_64`, `aarch64`, … as `uname -m` spells it.
    package static var architecture: String {
        #if arch(x86_64)
            "x86_64"
        #elseif arch(arm64)
            "aarch64"
        #elseif arch(i386)
            "i386"
        #elseif arch(arm)
            "arm"
        #else
            "unknown"
        #endif
    }

    /// The x86 extensions beyond the x86-64 baseline (SSE2) the compiler targeted, lowercase; empty elsewhere or for
    /// a generic build.
    package static var cpuFeatures: [String] {
        #if arch(x86_64)
            let features: [(String, Int32)] = [
                ("sse4.2", CSYSTEM_TARGET_SSE4_2), ("avx", CSYSTEM_TARGET_AVX), ("avx2", CSYSTEM_TARGET_AVX2),
                ("fma", CSYSTEM_TARGET_FMA), ("bmi2", CSYSTEM_TARGET_BMI2), ("avx512f", CSYSTEM_TARGET_AVX512F),
            ]
            return features.filter { $0.1 != 0 }.map(\.0)
        #else
            return []
        #endif
    }

    /// One line for people, e.g. `x86_64, haswell-class CPUs or newer (sse4.2 avx avx2 fma bmi2)` or
    /// `x86_64, any x86-64 CPU (generic)`.
    package static var summary: String {
        #if arch(x86_64)
            let features = cpuFeatures
            if features.isEmpty { return "\(architecture), any x86-64 CPU (generic)" }
            let haswell = ["avx2", "fma", "bmi2"].allSatisfy(features.contains)
            let kind = haswell ? "haswell-class CPUs or newer" : "CPUs with these extensions"
            return "\(architecture), \(kind) (\(features.joined(separator: " ")))"
        #else
            return architecture
        #endif
    }
}
