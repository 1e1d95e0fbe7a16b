// Compiled with _GNU_SOURCE so <fcntl.h> declares the Linux-specific names; Swift reads the values from here.
#define _GNU_SOURCE
#include <fcntl.h>

#include "CSystemShim.h"

const int csystem_o_direct = O_DIRECT;
const int csystem_f_setlease = F_SETLEASE;
