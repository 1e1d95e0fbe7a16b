#ifndef CSYSTEMSHIM_H
#define CSYSTEMSHIM_H

/// Constants of the C library that Swift's Glibc module leaves out because they need `_GNU_SOURCE`.
/// The values come from the system headers when shim.c is compiled, so they are right on every architecture.

/// `O_DIRECT`: transfers go between user memory and the device, not through the page cache.
extern const int csystem_o_direct;

/// `F_SETLEASE`: `fcntl` command that takes or drops a lease on an open file.
extern const int csystem_f_setlease;

#include "build_target.h"

#endif
