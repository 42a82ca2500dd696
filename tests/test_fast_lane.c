#define _POSIX_C_SOURCE 200809L
/* test_fast_lane.c - the ingest's fast lane (a row with the period text of
 * the last row used and the key cells of the entry that came next last
 * time skips the checks that row passed) changes nothing: every text here
 * is read with the lane and without it (the no_fast_lane test switch),
 * by the in-place splitter and by libcsv, on one thread and on two, and
 * the frames must be the same to the last observation, line, count and
 * rejection message (frame_same.h).
 *
 * The texts are sorted cubes, where nearly every row takes the lane, with
 * rows made to look like their neighbours but differ where the lane must
 * not go: a value that does not parse, a missing value, a column whose
 * first value comes late, an extra field, keys with padding, the same
 * period written another way, a period in the future, a quarter in
 * monthly data, blank lines, short rows, new labels late, duplicates.
 * They are read as wide, long and periods-as-columns files, with a scale,
 * two period columns and a reading window. */
#include "check.h"
#include "frame_same.h"

#include <stdarg.h>
#include <stdlib.h>

#include "fdi/fdi.h"

typedef struct {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        if (k < 0)
            abort();
        if ((size_t)k < t->cap - t->n) {
            t->n += (size_t)k;
            return;
        }
        t->cap = t->cap * 2 + (size_t)k;
        t->s = realloc(t->s, t->cap);
        if (!t->s)
            abort();
    }
}

/* One odd row in about every `every` (0: none), by kind; r is random. */
static const char *period_text(int y, int m, unsigned r, unsigned every)
{
    static char buf[32];
    if (every && r % every == 1)
        snprintf(buf, sizeof buf, "%d-%d", y, m); /* the same month, another text */
    else if (every && r % every == 2)
        snprintf(buf, sizeof buf, "2099-%02d", m); /* in the future */
    else if (every && r % every == 3)
        snprintf(buf, sizeof buf, "%dQ%d", y, (m + 2) / 3); /* a quarter */
    else if (every && r % every == 4)
        snprintf(buf, sizeof buf, " %d-%02d ", y, m); /* padded */
    else
        snprintf(buf, sizeof buf, "%d-%02d", y, m);
    return buf;
}

/* A wide cube: period,province,partner,new,adjusted[,extra].  `adjusted`
 * has no value before 2005 (its series come late); provinces P8 and up
 * start in 2005. */
static text wide(int years, int provinces, unsigned every, int extra_col)
{
    text t = {NULL, 0, 0};
    unsigned long x = 99;
    put(&t, "period,province,partner,new,adjusted%s\n", extra_col ? ",note" : "");
    for (int y = 2003; y < 2003 + years; y++)
        for (int m = 1; m <= 12; m++)
            for (int p = 0; p < provinces; p++)
                for (int q = 0; q < 7; q++) {
                    x = x * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(x >> 33), k = every ? r / 7 % every : 1;
                    if (p >= 8 && y < 2005)
                        continue;
                    if (every && k == 5) {
                        put(&t, "\n"); /* blank */
                        continue;
                    }
                    const char *per = period_text(y, m, r / 11, every);
                    char pbuf[16];
                    snprintf(pbuf, sizeof pbuf, "%sP%d", every && k == 6 ? " " : "", p);
                    char adj[32] = "";
                    if (y >= 2005)
                        snprintf(adj, sizeof adj, "%u.%u", r % 50, r % 10);
                    const char *nv = every && k == 7 ? "oops" : every && k == 8 ? "NA" : NULL;
                    char vbuf[32];
                    snprintf(vbuf, sizeof vbuf, "%u.%02u", r % 900, r % 100);
                    put(&t, "%s,%s,Q%d,%s,%s", per, pbuf, q, nv ? nv : vbuf,
                        every && k == 9 ? "1e3" : adj);
                    if (extra_col)
                        put(&t, ",%s", every && k == 10 ? "x" : "");
                    else if (every && k == 10)
                        put(&t, ",x"); /* a field too many */
                    else if (every && k == 11)
                        put(&t, ",,"); /* empty fields too many: read */
                    if (every && k == 12) {
                        put(&t, "\n%s,P%d,Q%d\n", per, p, q); /* short, then the row */
                        put(&t, "%s,%s,Q%d,%s,%s", per, pbuf, q, vbuf, adj);
                    }
                    if (every && k == 13) /* the same row again */
                        put(&t, "\n%s,%s,Q%d,%s,%s", per, pbuf, q, vbuf, adj);
                    put(&t, every && k == 14 ? "\r\n" : "\n");
                }
    return t;
}

/* A long cube: period,province,measure,value. */
static text long_cube(int years, unsigned every)
{
    text t = {NULL, 0, 0};
    unsigned long x = 5;
    static const char *const measures[] = {"new", "adjusted", "disbursed"};
    put(&t, "period,province,measure,value\n");
    for (int y = 2003; y < 2003 + years; y++)
        for (int m = 1; m <= 12; m++)
            for (int p = 0; p < 12; p++)
                for (int k = 0; k < 3; k++) {
                    x = x * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(x >> 33), odd = every ? r / 7 % every : 1;
                    const char *meas = odd == 5 ? "" : odd == 6 ? "New" : measures[k];
                    put(&t, "%s,P%d,%s,%s\n", period_text(y, m, r / 11, every), p, meas,
                        odd == 7 ? "-" : odd == 8 ? "(12.5)" : "3.25");
                }
    return t;
}

/* Periods as columns: province,partner,2003-01,... */
static text across(unsigned every)
{
    text t = {NULL, 0, 0};
    unsigned long x = 17;
    put(&t, "province,partner");
    for (int m = 1; m <= 24; m++)
        put(&t, ",%d-%02d", 2003 + (m - 1) / 12, (m - 1) % 12 + 1);
    put(&t, "\n");
    for (int rep = 0; rep < 3; rep++)
        for (int p = 0; p < 20; p++)
            for (int q = 0; q < 5; q++) {
                put(&t, "P%d,Q%d", p, q);
                for (int m = 1; m <= 24; m++) {
                    x = x * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(x >> 33);
                    put(&t, every && r % every == 0 ? ",bad" : ",%u", r % 1000);
                }
                put(&t, "\n");
            }
    return t;
}

/* The text read with the lane and without, by both readers (same_both_ways
 * compares libcsv with the splitter): the same frame every way. */
static void lane_changes_nothing(const text *t, const char *what, fdi_ingest_options o)
{
    fdi_frame *with = NULL, *without = NULL;
    fdi_error e1, e2;
    int before = check_failed;
    fdi__ingest_test_switches.no_fast_lane = 0;
    same_both_ways(t->s, t->n, what, &o);
    fdi__ingest_test_switches.no_fast_lane = 1;
    same_both_ways(t->s, t->n, what, &o);
    for (int libcsv = 0; libcsv <= 1; libcsv++) {
        fdi__ingest_test_switches.libcsv_only = libcsv;
        fdi__ingest_test_switches.no_fast_lane = 0;
        fdi_status s1 = fdi_ingest_buffer(t->s, t->n, what, &o, &with, &e1);
        fdi__ingest_test_switches.no_fast_lane = 1;
        fdi_status s2 = fdi_ingest_buffer(t->s, t->n, what, &o, &without, &e2);
        CHECK_INT(s1, s2);
        if (s1 == FDI_OK && s2 == FDI_OK)
            same_frames(with, without);
        fdi_frame_destroy(with);
        fdi_frame_destroy(without);
        with = without = NULL;
    }
    fdi__ingest_test_switches.libcsv_only = 0;
    fdi__ingest_test_switches.no_fast_lane = 0;
    if (check_failed != before)
        fprintf(stderr, "  in %s (fast lane against none)\n", what);
}

int main(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    o.latest = 2024 * 12;

    /* clean cubes first: the lane's own results, row after row */
    text clean = wide(4, 10, 0, 0);
    lane_changes_nothing(&clean, "clean wide", o);
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK(fdi_ingest_buffer(clean.s, clean.n, "clean", &o, &f, &err) == FDI_OK);
    if (f) { /* 4 years x 12 x (8 x 7 + 2 years of 2 x 7 provinces), 2 values after 2004 */
        CHECK_INT(fdi_frame_stats(f)->rows_used, 48 * 56 + 24 * 14);
        CHECK_INT(fdi_frame_stats(f)->cells_missing, 24 * 56);
        CHECK_INT(fdi_frame_nobs(f), 2 * (48 * 56 + 24 * 14) - 24 * 56);
    }
    fdi_frame_destroy(f);
    free(clean.s);

    /* odd rows among them, more and less often */
    static const unsigned every[] = {97, 31, 16};
    for (size_t i = 0; i < sizeof every / sizeof *every; i++) {
        char what[64];
        text w = wide(4, 10, every[i], 0);
        snprintf(what, sizeof what, "wide, 1 odd row in %u", every[i]);
        lane_changes_nothing(&w, what, o);
        fdi_ingest_options scaled = o;
        scaled.scale = 0.001;
        lane_changes_nothing(&w, "wide, scaled", scaled);
        fdi_ingest_options win = o;
        win.window = 1;
        win.window_from = 2004 * 12 + 2;
        win.window_to = 2005 * 12 + 8;
        lane_changes_nothing(&w, "wide, a window", win);
        text e = wide(3, 10, every[i], 1);
        lane_changes_nothing(&e, "wide, a column more", o);
        free(e.s);
        free(w.s);
        text l = long_cube(5, every[i]);
        fdi_ingest_options lo = o;
        lo.measure_col = "measure";
        lo.value_col = "value";
        lane_changes_nothing(&l, "long", lo);
        free(l.s);
        text a = across(every[i]);
        lane_changes_nothing(&a, "periods as columns", o);
        free(a.s);
    }

    /* two period columns: each is checked on every row (no lane) */
    text two = {NULL, 0, 0};
    put(&two, "period,date,zone,value\n");
    for (int m = 1; m <= 36; m++)
        for (int z = 0; z < 30; z++)
            put(&two, "2010-%02d,%s,Z%d,%d\n", (m - 1) % 12 + 1,
                m == 20 && z == 4 ? "2099-01" : "2011-01", z, m * z);
    fdi_ingest_options po = o;
    po.period_col = "period,date";
    po.lenient = FDI_LENIENT; /* a row in the future, rejected on purpose */
    lane_changes_nothing(&two, "two period columns", po);
    f = NULL;
    CHECK(fdi_ingest_buffer(two.s, two.n, "two", &po, &f, &err) == FDI_OK);
    if (f) /* the row with a date in the future is rejected, lane or not */
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 1);
    fdi_frame_destroy(f);
    free(two.s);

    /* big enough for two parts on two threads (frame_same.h's same_both_ways
     * reads with the default of two) */
    text big = wide(12, 200, 53, 0);
    CHECK(big.n > (4u << 20));
    lane_changes_nothing(&big, "wide, two parts", o);
    free(big.s);
    return check_report("test_fast_lane");
}
