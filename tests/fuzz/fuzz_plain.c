/* fuzz_plain.c - the in-place splitter against libcsv on arbitrary bytes:
 * fdi_ingest_buffer with libcsv alone and as fdi reads by default (split
 * in place up to the first quote, libcsv after it) must give the same
 * status, the same error, and the same frame (tests/frame_same.h), line
 * numbers included.  The first byte picks the delimiter and --ytd, and
 * whether the text is repeated (so that the splitter, which starts after
 * the rows held back to decide the layout, reads a good part of it).  A
 * difference aborts. */
#include "../check.h"
#include "../frame_same.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {0, ',', ';', '\t'};
    fdi_ingest_options o = fdi_ingest_options_default();
    uint8_t flags = size ? data[0] : 0;
    if (size) {
        data++;
        size--;
    }
    o.delimiter = delims[flags & 3];
    o.ytd = (flags >> 2) & 1;
    size_t times = flags & 8 ? 40 : 1, n = size * times;
    char *text = malloc(n ? n : 1);
    if (!text)
        return 0;
    for (size_t k = 0; k < times; k++)
        memcpy(text + k * size, data, size);
    check_passed = check_failed = 0; /* counts from one input only (no overflow) */
    same_both_ways(text, n, "fuzz", &o);
    if (check_failed)
        abort();
    free(text);
    return 0;
}
