/* golden.h - reading the golden CSV files of tests/golden/ (written by R,
 * see tests/golden/forecast/README.md): a whole small file in memory as
 * rows of fields, with RFC 4180 quotes.  The helpers are static inline: a
 * test that needs only some of them does not warn of the others. */
#ifndef FDI_TEST_GOLDEN_H
#define FDI_TEST_GOLDEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GOLDEN_MAX_FIELDS = 24 };

typedef struct {
    char *text;
    size_t nrows;
    char *(*rows)[GOLDEN_MAX_FIELDS]; /* rows[r][c]; row 0 is the header */
    int ncols;
} golden_csv;

static inline int golden_load(const char *path, golden_csv *g)
{
    FILE *f = fopen(path, "rb");
    long len;
    memset(g, 0, sizeof *g);
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    g->text = malloc((size_t)len + 1);
    if (!g->text || fread(g->text, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        return -1;
    }
    fclose(f);
    g->text[len] = '\0';
    size_t cap = 1;
    for (long i = 0; i < len; i++)
        cap += g->text[i] == '\n';
    g->rows = calloc(cap, sizeof *g->rows);
    if (!g->rows)
        return -1;
    char *p = g->text;
    while (*p) {
        int c = 0;
        while (*p && *p != '\n') {
            char *out = p, *start = p;
            if (*p == '"') { /* quoted: unescape in place */
                p++;
                while (*p && !(*p == '"' && p[1] != '"')) {
                    if (*p == '"')
                        p++;
                    *out++ = *p++;
                }
                if (*p == '"')
                    p++;
            } else {
                while (*p && *p != ',' && *p != '\n' && *p != '\r')
                    out++, p++;
            }
            if (*p == '\r')
                p++;
            char d = *p;
            if (d == ',' || d == '\n')
                p++;
            *out = '\0'; /* after the delimiter was consumed */
            if (c < GOLDEN_MAX_FIELDS)
                g->rows[g->nrows][c++] = start;
            if (d != ',')
                break;
        }
        if (!c && *p == '\n')
            p++;
        if (c) {
            if (!g->nrows)
                g->ncols = c;
            g->nrows++;
        }
    }
    return 0;
}

static inline int golden_col(const golden_csv *g, const char *name)
{
    for (int c = 0; c < g->ncols; c++)
        if (strcmp(g->rows[0][c], name) == 0)
            return c;
    fprintf(stderr, "golden: no column %s\n", name);
    exit(1);
}

static inline double golden_num(const char *s)
{
    return strcmp(s, "NA") == 0 ? (double)NAN : strtod(s, NULL);
}

static inline void golden_free(golden_csv *g)
{
    free(g->text);
    free(g->rows);
}

/* The train values of `series` from series.csv; n values, malloc'd. */
static inline double *golden_series(const golden_csv *s, const char *series, size_t *n)
{
    int cs = golden_col(s, "series"), cv = golden_col(s, "value");
    double *y = malloc(s->nrows * sizeof *y);
    *n = 0;
    for (size_t r = 1; y && r < s->nrows; r++)
        if (strcmp(s->rows[r][cs], series) == 0)
            y[(*n)++] = strtod(s->rows[r][cv], NULL);
    return y;
}

/* fn(ctx, y, n, 12, name) for each of the ten M3 series R's goldens
 * hold (series.csv in dir), in order.  How many were found, or -1 (said on
 * stderr) when the file cannot be read. */
static inline int golden_each_m3(const char *dir,
                                 void (*fn)(void *ctx, const double *y, size_t n, int m,
                                            const char *name),
                                 void *ctx)
{
    static const char *const names[] = {"N1874", "N1909", "N2015", "N2128", "N2340",
                                        "N2470", "N2479", "N2504", "N2577", "N2699"};
    char path[1024];
    golden_csv ser;
    snprintf(path, sizeof path, "%sseries.csv", dir);
    if (golden_load(path, &ser) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    int found = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n;
        double *y = golden_series(&ser, names[i], &n);
        if (y && n > 0) {
            found++;
            fn(ctx, y, n, 12, names[i]);
        }
        free(y);
    }
    golden_free(&ser);
    return found;
}

#endif
