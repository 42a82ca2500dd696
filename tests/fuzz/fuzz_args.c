/* fuzz_args.c - the fdi command's option parsing (engine/cli/args.c and
 * the tables of options.c) on arbitrary argument vectors, and the frame and
 * panel built from what it accepted.  An input is an argv, NUL-separated:
 * the command name, then its arguments.  The file argument is never opened
 * as given: it picks one of the bundled files below (so the fuzzer reads no
 * arbitrary path), and --plan, --scenarios and --chart are parsed but not
 * used.  Usage errors go to /dev/null, not the terminal. */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 64, MAX_INPUT = 4096 };

static const char *const files[] = {
    FDI_SOURCE_DIR "/datasets/haiphong/haiphong_fdi.csv",
    FDI_SOURCE_DIR "/datasets/vietnam/fdi_disbursed.csv",
    FDI_SOURCE_DIR "/datasets/vietnam/fdi_registered_ytd.csv",
    FDI_SOURCE_DIR "/datasets/cases/long_layout.csv",
    FDI_SOURCE_DIR "/datasets/cases/quarterly.csv",
    FDI_SOURCE_DIR "/datasets/cases/bad_rows.csv",
    FDI_SOURCE_DIR "/datasets/cases/fiscal_april.csv",
    FDI_SOURCE_DIR "/datasets/cases/decimal_comma.csv",
};

/* The bundled file standing for the file argument: "@N" is file N, any
 * other text a file chosen by its bytes. */
static const char *bundled(const char *arg)
{
    size_t n = sizeof files / sizeof files[0], h = 0;
    if (arg[0] == '@' && arg[1] >= '0' && arg[1] <= '9' && !arg[2])
        return files[(size_t)(arg[1] - '0') % n];
    for (const char *c = arg; *c; c++)
        h = h * 31 + (unsigned char)*c;
    return files[h % n];
}

/* What cli_load_frame and cli_build_panel do, without the progress bar
 * and the messages (main.c is not linked in). */
static void load_and_build(cli_options *o)
{
    fdi_ingest_options in = o->in;
    fdi_panel_options po = o->panel;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_error err;
    in.path = o->file = bundled(o->file);
    in.progress = NULL;
    if (o->has_as_of) {
        int figures = strcmp(o->command, "ytd") == 0 || strcmp(o->command, "yoy") == 0 ||
                      strcmp(o->command, "plan") == 0;
        in.window = 1;
        in.window_to = o->as_of;
        in.window_from = figures ? fdi_measures_first_period(o->as_of, po.fy_start)
                                 : INT32_MIN;
        po.as_of = o->as_of;
    }
    if (strcmp(o->command, "info") == 0) {
        po.by = NULL;
        po.source_only = 1;
    }
    if (fdi_ingest_csv(&in, &f, &err) == FDI_OK && fdi_frame_nobs(f))
        (void)fdi_panel_build(f, &po, &p, &err);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    char *buf, *argv[MAX_ARGS];
    int argc = 0;
    cli_options o;
    if (size > MAX_INPUT)
        return 0;
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        return 0;
    if (!(buf = malloc(size + 1)))
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    /* a trailing NUL ends the last argument; it does not start another */
    for (size_t i = 0; i < size + (size == 0) && argc < MAX_ARGS; i += strlen(buf + i) + 1)
        argv[argc++] = buf + i;
    memset(&o, 0, sizeof o);
    o.command = argv[0];
    o.errors = devnull;
    if (cli_parse(argc - 1, argv + 1, &o) == 0 && !o.help)
        load_and_build(&o);
    cli_free(&o);
    free(buf);
    return 0;
}
