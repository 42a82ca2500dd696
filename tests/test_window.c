#define _POSIX_C_SOURCE 200809L
/* test_window.c - the reading window changes no figure.  ytd, yoy and plan
 * at an as-of month read only the rows from fdi_measures_first_period to
 * as-of (fdi_ingest_options.window); here every file is read both ways at
 * many as-of months and fdi_measures_yoy must agree bit for bit on every
 * series the window keeps, and every series with a figure in the full read
 * must be kept.  The files: the real monthly, year-to-date, annual,
 * quarterly and April-fiscal-year data in datasets/, and a made-up panel
 * where series stop, start late and have small bases (the rule that looks
 * furthest back). */
#include "check.h"

#include <stdlib.h>

#include "fdi/fdi.h"

typedef struct {
    const char *path; /* NULL: the made-up text */
    int ytd, fy_start;
} source;

static char *made_up(size_t *n)
{
    size_t cap = 1 << 20, len = 0;
    char *s = malloc(cap);
    unsigned long x = 7;
    if (!s)
        return NULL;
    len += (size_t)snprintf(s, cap, "period,zone,value\n");
    for (int y = 2005; y <= 2020; y++)
        for (int m = 1; m <= 12; m++)
            for (int z = 0; z < 12; z++) {
                x = x * 6364136223846793005ul + 1442695040888963407ul;
                if ((z == 3 && y > 2011) || (z == 4 && y < 2016) || (x >> 60) == 0)
                    continue; /* stops in 2011, starts in 2016, gaps */
                double v = (double)((x >> 33) % 1000) / 10;
                if (z == 5 && y == 2014)
                    v /= 50; /* a small base for 2015 */
                len += (size_t)snprintf(s + len, cap - len, "%d-%02d,Z%d,%.1f\n", y, m, z, v);
            }
    *n = len;
    return s;
}

static int same_double(double a, double b)
{
    return a == b || (a != a && b != b);
}

static void key_of(const fdi_panel *p, size_t s, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s", fdi_panel_measure(p, s));
    for (size_t d = 0; d < fdi_panel_ndims(p) && len < size; d++)
        len += (size_t)snprintf(buf + len, size - len, "|%s", fdi_panel_label(p, s, d));
}

/* The source read whole, or with the window of as_of. */
static fdi_status read_frame(const source *src, const char *text, size_t n, int32_t as_of,
                             int window, fdi_frame **f)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_error err;
    o.path = src->path;
    o.ytd = src->ytd;
    if (window) {
        o.window = 1;
        o.window_from = fdi_measures_first_period(as_of, src->fy_start);
        o.window_to = as_of;
    }
    *f = NULL;
    return text ? fdi_ingest_buffer(text, n, "made-up", &o, f, &err) : fdi_ingest_csv(&o, f, &err);
}

/* The panel of f at as_of (INT32_MAX: all of it, and no yoy) and its yoy;
 * the panel borrows f. */
static fdi_status figures_at(const source *src, const fdi_frame *f, int32_t as_of,
                             fdi_panel **p, fdi_yoy **y)
{
    fdi_panel_options po = fdi_panel_options_default();
    fdi_error err;
    po.as_of = as_of;
    po.fy_start = src->fy_start;
    *p = NULL;
    *y = NULL;
    fdi_status st = fdi_panel_build(f, &po, p, &err);
    if (st != FDI_OK || as_of == INT32_MAX)
        return st;
    *y = calloc(fdi_panel_nseries(*p) + 1, sizeof **y);
    if (!*y)
        return FDI_ENOMEM;
    return fdi_measures_yoy(*p, as_of, *y, &err);
}

/* yoy at as_of from the whole frame and from a windowed read; counts the
 * series compared and those with a small base. */
static void compare_at(const source *src, const char *text, size_t n, const fdi_frame *whole,
                       int32_t as_of, size_t *compared, size_t *small_base)
{
    fdi_frame *fw = NULL;
    fdi_panel *pf, *pw = NULL;
    fdi_yoy *yf, *yw = NULL;
    fdi_status sf = figures_at(src, whole, as_of, &pf, &yf);
    fdi_status sw = read_frame(src, text, n, as_of, 1, &fw);
    if (sw == FDI_OK)
        sw = figures_at(src, fw, as_of, &pw, &yw);
    CHECK_INT(sw, sf);
    if (sf == FDI_OK && sw == FDI_OK) {
        size_t SF = fdi_panel_nseries(pf), SW = fdi_panel_nseries(pw), kept = 0;
        char kf[512], kw[512];
        for (size_t a = 0; a < SF; a++) {
            key_of(pf, a, kf, sizeof kf);
            size_t b = SW;
            for (size_t j = 0; j < SW && b == SW; j++) {
                key_of(pw, j, kw, sizeof kw);
                if (strcmp(kf, kw) == 0)
                    b = j;
            }
            int has_figure = yf[a].ytd == yf[a].ytd || yf[a].ytd_prev == yf[a].ytd_prev ||
                             yf[a].usual_base == yf[a].usual_base;
            if (b == SW) {
                CHECK(!has_figure);
                continue;
            }
            kept++;
            const fdi_yoy *u = &yf[a], *v = &yw[b];
            *small_base += (v->notes & FDI_NOTE_SMALL_BASE) != 0;
            int same = same_double(u->ytd, v->ytd) && same_double(u->ytd_prev, v->ytd_prev) &&
                       same_double(u->multiple, v->multiple) &&
                       same_double(u->change_pct, v->change_pct) &&
                       same_double(u->value, v->value) &&
                       same_double(u->value_prev, v->value_prev) &&
                       same_double(u->usual_base, v->usual_base) && u->periods == v->periods &&
                       u->months == v->months && u->missing == v->missing &&
                       u->missing_prev == v->missing_prev && u->notes == v->notes;
            CHECK(same);
            if (!same)
                fprintf(stderr, "  %s at %d: series %s: ytd %g/%g prev %g/%g base %g/%g "
                        "periods %d/%d missing %d/%d notes %x/%x\n",
                        src->path ? src->path : "made-up", (int)as_of, kf, u->ytd, v->ytd,
                        u->ytd_prev, v->ytd_prev, u->usual_base, v->usual_base, u->periods,
                        v->periods, u->missing, v->missing, u->notes, v->notes);
        }
        CHECK_INT(kept, SW); /* nothing in the window that the full read lacks */
        *compared += kept;
    }
    fdi_panel_destroy(pf);
    fdi_panel_destroy(pw);
    fdi_frame_destroy(fw);
    free(yf);
    free(yw);
}

int main(void)
{
    static const source sources[] = {
        {FDI_SOURCE_DIR "/datasets/haiphong/haiphong_fdi.csv", 0, 1},
        {FDI_SOURCE_DIR "/datasets/vietnam/fdi_registered_ytd.csv", 1, 1},
        {FDI_SOURCE_DIR "/datasets/vietnam/public_investment_ytd.csv", 1, 1},
        {FDI_SOURCE_DIR "/datasets/vietnam/fdi_disbursed.csv", 0, 1},
        {FDI_SOURCE_DIR "/datasets/vietnam/fdi_provinces_en.csv", 0, 1},
        {FDI_SOURCE_DIR "/datasets/cases/fiscal_april.csv", 0, 4},
        {FDI_SOURCE_DIR "/datasets/cases/quarterly.csv", 0, 1},
        {NULL, 0, 1},
        {NULL, 0, 7},
    };
    size_t n = 0, compared = 0, small_base = 0, unused = 0;
    char *text = made_up(&n);
    CHECK(text != NULL);
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        const source *src = &sources[i];
        const char *t = src->path ? NULL : text;
        fdi_frame *f;
        fdi_panel *p;
        fdi_yoy *y;
        /* the as-of months: periods of the whole panel, the last one among them */
        if (read_frame(src, t, n, 0, 0, &f) != FDI_OK ||
            figures_at(src, f, INT32_MAX, &p, &y) != FDI_OK) {
            CHECK(!"read the whole file");
            fdi_frame_destroy(f);
            continue;
        }
        size_t T = fdi_panel_nperiods(p), step = T / 48 + 1; /* ~48 as-of months each */
        for (size_t k = 0; k < T; k += k + step < T || k + 1 == T ? step : T - 1 - k)
            compare_at(src, t, n, f, fdi_panel_period(p, k), &compared,
                       src->path ? &unused : &small_base);
        fdi_panel_destroy(p);
        fdi_frame_destroy(f);
        free(y);
    }
    CHECK(compared > 2000);
    CHECK(small_base > 0);
    printf("%zu series-months compared, %zu with a small base\n", compared, small_base);
    free(text);
    return check_report("test_window");
}
