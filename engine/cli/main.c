/* main.c - the fdi command: dispatch, help, loading, errors. */
#include "cli.h"
#ifdef FDI_MPI
#include "mpi/fdi_mpi.h"
#endif

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* OpenBLAS starts a pool of threads when it loads, and each spins for
 * about 0.1 s before it sleeps: on two cores that is the core the second
 * reader needs.  fdi parallelises over series itself and calls BLAS from
 * those threads, so BLAS runs single-threaded and its pool is stopped
 * (it would be restarted if a call wanted it).  Weak references: another
 * BLAS has neither symbol and needs neither call. */
extern void openblas_set_num_threads(int) __attribute__((weak));
extern int blas_thread_shutdown_(void) __attribute__((weak));

static void blas_single_threaded(void)
{
    if (openblas_set_num_threads)
        openblas_set_num_threads(1);
    if (blas_thread_shutdown_)
        blas_thread_shutdown_();
}

/* A big file's parts are read into frames that are freed once merged,
 * just before the panel's matrices are allocated: glibc would hand the
 * freed blocks back to the system and fault in fresh zeroed pages for the
 * panel (a sixth of `fdi info`'s time on a 131 MB file).  Keeping freed
 * memory in the process lets the panel reuse it.  One arena for every
 * thread: a block freed in a reading thread's own arena is reusable only
 * by the threads of that arena, so the key tables the second reading
 * thread let go stayed resident beside the panel the first thread then
 * allocated (issue 15: 100 provinces x 4,000 measures, 27 MB of the
 * second arena still resident at exit; no change in user CPU on T1). */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_ARENA_MAX, 1);
#endif
}

int cli_fail(fdi_status st, const fdi_error *err)
{
    char buf[sizeof err->message + 1024];
    fdi_error_format(err, buf, sizeof buf);
    fprintf(stderr, "fdi: %s\n", buf);
    switch (st) {
    case FDI_EUSAGE:
    case FDI_ESCHEMA:
        return EXIT_USAGE;
    case FDI_EIO:
    case FDI_EPARSE:
    case FDI_EDUP:
        return EXIT_DATA;
    default:
        return EXIT_COMPUTE;
    }
}

int cli_load_frame(const cli_options *o, fdi_frame **frame, fdi_panel **panel)
{
    fdi_error err;
    fdi_status st;
    const fdi_ingest_stats *s;

    *frame = NULL;
    fdi_ingest_options in = o->in;
    int info = strcmp(o->command, "info") == 0;
    in.progress = cli_progress_bytes;
    if (info) /* it reports: every rejection listed, nothing computed */
        in.lenient = FDI_REPORT_ALL;
    /* Rows after --as-of are ignored by every command; ytd, yoy and plan
     * (figures_window) also never look further back than
     * fdi_measures_first_period, so the reader skips those rows after
     * reading their period. */
    if (o->has_as_of) {
        in.window = 1;
        in.window_to = o->as_of;
        in.window_from = o->figures_window
                             ? fdi_measures_first_period(o->as_of, o->panel.fy_start)
                             : INT32_MIN;
    }
    cli_progress_begin(o, "reading");
    if (panel) { /* the --by sums taken as read, when they can be (load.h) */
        fdi_panel_options po = o->panel;
        po.as_of = o->as_of;
        st = fdi_ingest_summed(&in, o->files, o->nfiles, &po, frame, panel, &err);
    } else {
        st = fdi_ingest_files(&in, o->files, o->nfiles, frame, &err);
    }
    cli_progress_end();
    if (st != FDI_OK)
        return cli_fail(st, &err);
    char unmapped[2048];
    fdi_frame_unmapped_note(*frame, unmapped, sizeof unmapped);
    if (unmapped[0] && !info)
        fprintf(stderr, "fdi: --map: %s\n", unmapped);
    s = fdi_frame_stats(*frame);
    if (s->rows_rejected) {
        const fdi_rejection *r = fdi_frame_rejection(*frame, 0);
        char where[512];
        size_t line = 0;
        const char *file = r ? fdi_frame_where(*frame, r->line, &line) : o->file;
        fdi_location_format(file, fdi_frame_sheet(*frame), line, r ? r->column : 0, where,
                            sizeof where);
        fprintf(stderr,
                "fdi: %zu of %zu rows rejected in %s; the first: %s: %s\n"
                "     (fdi info %s lists them all%s)\n",
                s->rows_rejected, s->rows_read, o->file, where,
                r ? r->message : "", o->file,
                s->rows_outside ? "; rows outside the periods used here were not read"
                                : "");
        if (info && o->strict)
            return EXIT_DATA;
    }
    return 0;
}

int cli_build_panel(const cli_options *o, const fdi_frame *frame, fdi_panel **panel)
{
    fdi_error err;
    fdi_status st;
    fdi_panel_options po = o->panel;
    if (o->has_as_of)
        po.as_of = o->as_of;
    st = fdi_panel_build(frame, &po, panel, &err);
    if (st == FDI_EOUTSIDE) /* read through a window: name the data's range */
        st = fdi_explain_as_of(&o->in, &err);
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}

/* rc, unless standard output could not be written (a full disk, a
 * closed pipe): then exit 2 naming it, as -o FILE's write error. */
static int stdout_written(int rc)
{
    fdi_error err = {0};
    fdi_status st = fdi_output_flush(stdout, "standard output", &err);
    return st != FDI_OK && rc == 0 ? cli_fail(st, &err) : rc;
}

static int run(int argc, char **argv)
{
    cli_options o;
    int rc;
    static const struct {
        const char *name;
        int (*run)(const cli_options *);
    } commands[] = {{"info", cmd_info}, {"ytd", cmd_ytd}, {"yoy", cmd_yoy},
                    {"plan", cmd_plan}, {"forecast", cmd_forecast},
                    {"backtest", cmd_backtest}, {"whatif", cmd_whatif},
                    {"report", cmd_report}};

    gsl_set_error_handler_off();
    blas_single_threaded();
    keep_freed_memory();
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        cli_usage(argc < 2 ? stderr : stdout, argc > 2 ? argv[2] : NULL);
        return stdout_written(argc < 2 ? EXIT_USAGE : 0);
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("fdi " FDI_VERSION);
        return stdout_written(0);
    }
    if (strcmp(argv[1], "--man") == 0) { /* hidden: scripts/gen_man.sh */
        if (argc == 3 && cli_man_page(stdout, argv[2]) == 0)
            return stdout_written(0);
        fputs("usage: fdi --man COMMAND (writes its man page to standard output)\n", stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        memset(&o, 0, sizeof o);
        o.command = commands[i].name;
        rc = cli_parse(argc - 2, argv + 2, &o);
#ifdef FDI_MPI
        if (!fdi_mpi_root()) /* rank 0 writes the answer */
            o.output = "/dev/null";
#endif
        if (rc == 0 && o.help)
            cli_usage(stdout, o.command);
        else if (rc == 0)
            rc = commands[i].run(&o);
        rc = stdout_written(rc);
        cli_free(&o);
        return rc;
    }
    fprintf(stderr, "fdi: unknown command \"%s\"\n", argv[1]);
    cli_usage(stderr, NULL);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
#ifdef FDI_MPI
    if (fdi_mpi_begin(&argc, &argv) != 0) {
        fputs("fdi: MPI cannot start\n", stderr);
        return EXIT_COMPUTE;
    }
    return fdi_mpi_end(run(argc, argv));
#else
    return run(argc, argv);
#endif
}
