// segmentd is a Linux daemon: it links LAPACKE and libinotifytools, calls Glibc directly and relies on Linux
// behaviour (inotify, O_DIRECT, /proc). Say so at once instead of failing on the first Glibc import.
#if !os(Linux)
    #error("segmentd builds on Linux only (it needs Glibc, inotify and LAPACKE); build it on a Linux machine.")
#endif
