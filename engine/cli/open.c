/* open.c - what the computing commands share: the default as-of period,
 * opening the input as a panel, the options handed to the library's
 * questions, writing the result. */
#include "cli.h"
#ifdef FDI_MPI
#include "mpi/fdi_mpi.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    *p = NULL;
    /* with an --as-of, ytd, yoy and plan may have the panel summed as the
     * file is read (fdi_ingest_summed) */
    int rc = cli_load_frame(o, f, o->has_as_of && o->figures_window ? p : NULL);
    if (rc == 0 && !*p)
        rc = cli_resolve_as_of(o, *f);
    if (rc == 0 && !*p)
        rc = cli_build_panel(o, *f, p);
    if (rc == 0) /* every command asks the panel from here on */
        fdi_frame_drop_observations(*f);
    return rc;
}

int cli_emit(const fdi_table *t, fdi_format fmt)
{
    fdi_error err = {0};
    int wrote = fdi_table_write(t, stdout, fmt);
    /* an I/O failure: the flush names it; anything else (out of memory in
     * the writer) must not end as an empty output with exit 0 */
    fdi_status st = fdi_output_flush(stdout, "standard output", &err);
    if (st == FDI_OK && wrote != 0)
        st = fdi_error_set(&err, FDI_ENOMEM, NULL, 0, 0, "out of memory writing the table");
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}

int cli_output_open(const cli_options *o, fdi_output **out)
{
    char title[512];
    fdi_error err = {0};
    const char *base = strrchr(o->file, '/');
    const char *inputs[CLI_MAX_FILES + 3];
    memcpy(inputs, o->files, o->nfiles * sizeof *inputs);
    inputs[o->nfiles] = o->plan_file;
    inputs[o->nfiles + 1] = o->scenarios_file;
    inputs[o->nfiles + 2] = o->in.map; /* --map: read too */
    snprintf(title, sizeof title, "fdi %s %s", o->command, base ? base + 1 : o->file);
    fdi_status st = fdi_output_check_inputs(o->output, inputs, o->nfiles + 3, &err);
    if (st == FDI_OK)
        st = fdi_output_open(o->output, o->format, title, out, &err);
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}

int cli_output_close(fdi_output *out, int rc)
{
    fdi_error err = {0};
    if (rc != 0) {
        fdi_output_discard(out);
        return rc;
    }
    fdi_status st = fdi_output_commit(out, &err);
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}

int cli_write(const cli_options *o, const fdi_table *t, const fdi_table *chart,
              const char *chart_title)
{
    fdi_output *out = NULL;
    fdi_error err = {0};
    fdi_status st = FDI_OK;
    int rc;
    if (!o->output)
        return cli_emit(t, o->format);
    if ((rc = cli_output_open(o, &out)) != 0)
        return rc;
    st = fdi_output_table(out, o->command, t, &err);
    if (st == FDI_OK && chart)
        st = fdi_output_chart(out, "year to date", chart, chart_title, &err);
    if (st != FDI_OK)
        rc = cli_fail(st, &err);
    return cli_output_close(out, rc);
}

fdi_plan_source cli_plan_source(const cli_options *o)
{
    fdi_plan_source src = {o->plan_file, o->plan_value, o->target};
    return src;
}

static void progress_series(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    cli_progress(done, total);
}

fdi_fc_options cli_fc_options(const cli_options *o)
{
    fdi_fc_options fc = fdi_fc_options_default();
    if (o->nmethods)
        fc.method = o->methods[0];
    fc.k_years = o->k_years;
    fc.ets_model = o->ets_model;
    fc.calibrate = !o->no_calibrate;
    fc.nlevels = o->nlevels;
    memcpy(fc.levels, o->levels, sizeof fc.levels);
    fc.paths = o->paths;
    fc.seed = o->seed;
    fc.progress = progress_series;
    if (o->threads)
        fc.threads = o->threads;
#ifdef FDI_MPI
    /* under mpirun forecast, backtest and whatif share the series */
    if (!strcmp(o->command, "forecast") || !strcmp(o->command, "backtest") ||
        !strcmp(o->command, "whatif"))
        fc.shard = fdi_mpi_shard();
#endif
    return fc;
}

int cli_answer(const cli_options *o, fdi_status st, const fdi_error *err, fdi_table *t)
{
    int rc = st == FDI_OK ? cli_write(o, t, NULL, NULL) : cli_fail(st, err);
    fdi_table_destroy(t);
    return rc;
}

int cli_check(const cli_options *o, fdi_status st, const fdi_error *err)
{
    if (st == FDI_OK)
        return 0;
    fprintf(stderr, "fdi %s: %s\n(see fdi %s --help)\n", o->command, err->message, o->command);
    return EXIT_USAGE;
}
