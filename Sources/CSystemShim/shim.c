// Compiled with _GNU_SOURCE so <fcntl.h> declares the Linux-specific names; Swift reads the values from here.
#define _GNU_SOURCE
#include <fcntl.h>
#include <malloc.h>

#include "CSystemShim.h"

const int csystem_o_direct = O_DIRECT;
const int csystem_f_setlease = F_SETLEASE;

unsigned long csystem_malloc_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return (unsigned long)(info.uordblks + info.hblkhd);
}
