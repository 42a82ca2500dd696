/* units.h (internal) - the units fdi knows by name, in English and
 * Vietnamese and their common spellings: the report's sentences name them
 * in the reader's language, and the panel lets --unit name the unit the
 * data states in another language ("bn VND" for "tỷ đồng") without a
 * --scale. */
#ifndef FDI_UNITS_H
#define FDI_UNITS_H

/* Index of a known unit (case ignored in any script), or -1. */
int fdi__unit_known(const char *unit);

/* Known unit k's name in English (vi 0) or Vietnamese (vi 1). */
const char *fdi__unit_name(int k, int vi);

#endif
