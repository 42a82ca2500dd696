/* whatif_internal.h - the scenario set and its binding to a panel. */
#ifndef FDI_WHATIF_INTERNAL_H
#define FDI_WHATIF_INTERNAL_H

#include "fdi/whatif.h"

struct fdi_scenarios {
    fdi_scenario_row *rows;
    size_t nrows;
    const char **names;   /* distinct scenario names, in order */
    size_t nnames;
    size_t *row_name;     /* rows[i]'s scenario: its index in names */
    char *text;           /* the strings the rows point at */
    char *extra;          /* names made by fdi_scenarios_with_value */
};

struct fdi_whatif {
    const fdi_scenarios *sc;
    size_t nseries, h, J;  /* J = scenarios + 1 (the baseline) */
    int32_t first;         /* month index of the first forecast month */
    size_t *row_scen;      /* scenario index (1..J-1) of each row */
    unsigned char *match;  /* nrows x nseries: row applies to series */
};

#endif
