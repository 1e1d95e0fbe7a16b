#ifndef CSYSTEMSHIM_BUILD_TARGET_H
#define CSYSTEMSHIM_BUILD_TARGET_H

/// What the compiler targeted, as 0/1 macros: Swift cannot test instruction-set features with `#if`, but the Clang
/// importer evaluates these with the Swift compiler's own target CPU (`-Xswiftc -target-cpu haswell` defines
/// `__AVX2__` here), so the Swift code that reads them learns what it was compiled for.

#if defined(__SSE4_2__)
#define CSYSTEM_TARGET_SSE4_2 1
#else
#define CSYSTEM_TARGET_SSE4_2 0
#endif

#if defined(__AVX__)
#define CSYSTEM_TARGET_AVX 1
#else
#define CSYSTEM_TARGET_AVX 0
#endif

#if defined(__AVX2__)
#define CSYSTEM_TARGET_AVX2 1
#else
#define CSYSTEM_TARGET_AVX2 0
#endif

#if defined(__FMA__)
#define CSYSTEM_TARGET_FMA 1
#else
#define CSYSTEM_TARGET_FMA 0
#endif

#if defined(__BMI2__)
#define CSYSTEM_TARGET_BMI2 1
#else
#define CSYSTEM_TARGET_BMI2 0
#endif

#if defined(__AVX512F__)
#define CSYSTEM_TARGET_AVX512F 1
#else
#define CSYSTEM_TARGET_AVX512F 0
#endif

#endif
