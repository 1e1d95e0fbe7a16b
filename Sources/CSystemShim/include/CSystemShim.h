#ifndef CSYSTEMSHIM_H
#define CSYSTEMSHIM_H

/// Constants of the C library that Swift's Glibc module leaves out because they need `_GNU_SOURCE`.
/// The values come from the system headers when shim.c is compiled, so they are right on every architecture.

/// `O_DIRECT`: transfers go between user memory and the device, not through the page cache.
extern const int csystem_o_direct;

/// `F_SETLEASE`: `fcntl` command that takes or drops a lease on an open file.
extern const int csystem_f_setlease;

/// Bytes the C allocator has handed out and not taken back (`mallinfo2`: in-use heap plus mmapped blocks), over every
/// arena: unlike the resident size it falls again when memory is freed, so a test can tell memory still held from
/// memory used for a while.
unsigned long csystem_malloc_in_use(void);

#include "build_target.h"

#endif
