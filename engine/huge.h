/* huge.h (internal) - ask for transparent huge pages on a big block.
 *
 * A frame of millions of observations and the panel matrices are touched
 * once, front to back, right after they are allocated: with 4 KB pages
 * that is a page fault (and a zeroed page) every 4 KB, a fifth of the time
 * of reading a large file.  Where the kernel gives transparent huge pages
 * on request ("madvise" mode, the common default), this asks for them on
 * the whole 2 MB pages inside the block.  Only advice: errors are ignored,
 * and the block stays an ordinary malloc block. */
#ifndef FDI_HUGE_H
#define FDI_HUGE_H

#include <stddef.h>
#include <stdint.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

static inline void fdi__advise_huge(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), b = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (p && b > a)
        (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

#endif
