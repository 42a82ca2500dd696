/* plans.c - what the computing commands share: the plan and target of each
 * result series (--plan FILE, --plan-value, --target), the default as-of
 * period, opening the input as a panel, writing the result. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Plans per panel series from --plan-value or a plan file. */
int cli_load_plans(const cli_options *o, const fdi_panel *p, int32_t as_of,
                      double *plan, double *target)
{
    size_t S = fdi_panel_nseries(p);
    fdi_ingest_options in = fdi_ingest_options_default();
    fdi_frame *pf = NULL;
    fdi_error err;
    fdi_status st;
    int fy = (int)fdi_period_year(as_of - (fdi_panel_fy_start(p) - 1));
    long *dim_of = NULL;
    size_t pnd;

    for (size_t s = 0; s < S; s++) {
        plan[s] = o->plan_value;
        target[s] = o->target;
    }
    if (!o->plan_file)
        return 0;
    in.path = o->plan_file;
    in.period_col = "year";
    in.latest = INT32_MAX; /* plans are about years to come */
    if ((st = fdi_ingest_csv(&in, &pf, &err)) != FDI_OK)
        return cli_fail(st, &err);
    if (fdi_frame_stats(pf)->rows_rejected) {
        const fdi_rejection *r = fdi_frame_rejection(pf, 0);
        fprintf(stderr, "fdi: %s:%zu:%zu: %s\n", o->plan_file, r->line, r->column,
                r->message);
        fdi_frame_destroy(pf);
        return EXIT_DATA;
    }
    pnd = fdi_frame_ndims(pf);
    dim_of = malloc(pnd * sizeof *dim_of);
    if (!dim_of) {
        fdi_frame_destroy(pf);
        return EXIT_COMPUTE;
    }
    for (size_t d = 0; d + 1 < pnd; d++) {
        dim_of[d] = -1;
        for (size_t k = 0; k < fdi_panel_ndims(p); k++)
            if (strcasecmp(fdi_panel_dim_name(p, k), fdi_frame_dim_name(pf, d)) == 0)
                dim_of[d] = (long)k;
        if (dim_of[d] < 0) {
            fprintf(stderr,
                    "fdi: %s: the plan has a key \"%s\" that the result does not "
                    "have; add it to --by (or remove the column from the plan)\n",
                    o->plan_file, fdi_frame_dim_name(pf, d));
            free(dim_of);
            fdi_frame_destroy(pf);
            return EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < fdi_frame_nobs(pf); i++) {
        const uint32_t *k = fdi_frame_series_keys(pf, fdi_frame_obs_series(pf)[i]);
        const char *m = fdi_frame_label(pf, pnd - 1, k[pnd - 1]);
        int is_plan = strcasecmp(m, "plan") == 0, is_target = strcasecmp(m, "target") == 0;
        if (fdi_period_year(fdi_frame_obs_period(pf)[i]) != fy || (!is_plan && !is_target))
            continue;
        for (size_t s = 0; s < S; s++) {
            int match = 1;
            for (size_t d = 0; d + 1 < pnd && match; d++)
                match = strcasecmp(fdi_frame_label(pf, d, k[d]),
                                   fdi_panel_label(p, s, (size_t)dim_of[d])) == 0;
            if (!match)
                continue;
            if (is_plan)
                plan[s] = fdi_frame_obs_value(pf)[i];
            else
                target[s] = fdi_frame_obs_value(pf)[i];
        }
    }
    free(dim_of);
    fdi_frame_destroy(pf);
    return 0;
}

static int32_t last_period(const fdi_frame *f)
{
    int32_t hi = INT32_MIN;
    for (size_t i = 0; i < fdi_frame_nobs(f); i++)
        if (fdi_frame_obs_period(f)[i] > hi)
            hi = fdi_frame_obs_period(f)[i];
    return hi;
}

int cli_resolve_as_of(cli_options *o, const fdi_frame *f)
{
    char per[16];
    if (o->has_as_of)
        return 0;
    if (!fdi_frame_nobs(f)) {
        fprintf(stderr, "fdi: %s: no values to compute with\n", o->file);
        return EXIT_COMPUTE;
    }
    o->as_of = last_period(f);
    o->has_as_of = 1;
    fdi_period_format(o->as_of, fdi_frame_freq(f), per, sizeof per);
    fprintf(stderr, "fdi: no --as-of given; using %s, the last period in %s\n", per,
            o->file);
    return 0;
}

int cli_open(cli_options *o, fdi_frame **f, fdi_panel **p)
{
    int rc = cli_load_frame(o, f);
    if (rc == 0)
        rc = cli_resolve_as_of(o, *f);
    if (rc == 0)
        rc = cli_build_panel(o, *f, p);
    return rc;
}

int cli_emit(const fdi_table *t, fdi_format fmt)
{
    if (fdi_table_write(t, stdout, fmt) != 0) {
        perror("fdi: writing the output");
        return EXIT_COMPUTE;
    }
    return 0;
}

const char *cli_measure_column(const fdi_panel *p)
{
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        if (strcasecmp(fdi_panel_dim_name(p, d), "measure") == 0)
            return "value_column"; /* the data has its own "measure" key */
    return "measure";
}

void cli_series_title(const fdi_panel *p, size_t s, char *buf, size_t size)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p), len = 0;
    int several = 0;
    for (size_t k = 1; k < S && !several; k++)
        several = strcmp(fdi_panel_measure(p, k), fdi_panel_measure(p, 0)) != 0;
    buf[0] = '\0';
    for (size_t d = 0; d < nd && len < size; d++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", d ? ", " : "",
                                fdi_panel_label(p, s, d));
    if ((several || !nd) && len < size)
        snprintf(buf + len, size - len, nd ? " (%s)" : "%s", fdi_panel_measure(p, s));
}
