/* fuzz_parse.c - the number and period parsers on arbitrary bytes.  A
 * number that parses must be finite; an invalid one must say why; a period
 * that parses must format back into a period that parses to itself. */
#include "fdi/parse.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fdi_number_format fmts[2] = {{'.', ',', 1, 0}, {',', '.', 0, 0}};
    const char *s = (const char *)data, *why;
    double v;
    int32_t m, m2;
    int freq, freq2;
    char buf[32];
    for (int k = 0; k < 2; k++) {
        fdi_parse_result r = fdi_parse_number(s, size, &fmts[k], &v, &why);
        if (r == FDI_PARSE_OK && !isfinite(v))
            abort();
        if (r == FDI_PARSE_INVALID && !why)
            abort();
    }
    if (fdi_parse_period(s, size, &m, &freq, &why) == FDI_PARSE_OK) {
        fdi_period_format(m, freq, buf, sizeof buf);
        if (fdi_parse_period(buf, strlen(buf), &m2, &freq2, &why) != FDI_PARSE_OK ||
            m2 != m || freq2 != freq)
            abort();
    }
    return 0;
}
