/* progress.c - a progress bar on stderr for long work (big files, many
 * series), only when stderr is a terminal and --quiet is not given, and
 * only once the work has run for half a second (FDI_PROGRESS_DELAY=S
 * changes that; the tests set 0). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static struct {
    int on, shown, last_pct;
    const char *label;
    double start, delay;
} bar;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_begin(const cli_options *o, const char *label)
{
    bar.on = !o->quiet && isatty(STDERR_FILENO);
    bar.shown = 0;
    bar.last_pct = -1;
    bar.label = label;
    bar.start = now();
    const char *d = getenv("FDI_PROGRESS_DELAY");
    bar.delay = d ? atof(d) : 0.5;
}

void cli_progress(size_t done, size_t total)
{
    if (!bar.on || total == 0)
        return;
    int pct = (int)(100.0 * (double)done / (double)total);
    if (pct == bar.last_pct || (!bar.shown && now() - bar.start < bar.delay))
        return;
    bar.last_pct = pct;
    bar.shown = 1;
    char cells[31];
    int fill = pct * 30 / 100;
    for (int i = 0; i < 30; i++)
        cells[i] = i < fill ? '#' : '.';
    cells[30] = '\0';
    fprintf(stderr, "\r%s [%s] %3d%%", bar.label, cells, pct);
    fflush(stderr);
}

void cli_progress_bytes(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    cli_progress(done, total);
}

void cli_progress_end(void)
{
    if (bar.on && bar.shown)
        fprintf(stderr, "\r\033[K"); /* clear the line */
    bar.on = 0;
}
