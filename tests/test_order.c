/* test_order.c - numbers do not depend on the order of the rows.
 *
 * Each real file is read as it is and with its data lines shuffled
 * (seeded); every series' flows and year-over-year figures must be the
 * same: bit for bit for the series as read, and within 1e-12 relative for
 * --by sums, where adding the members in another order may change the
 * last bit.  (Ingest is single-threaded today; the same test will hold a
 * threaded ingest to the same rule.)
 */
#include "check.h"

#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "fdi/fdi.h"

typedef struct {
    const char *file;
    const char *value;
    int ytd;
    int32_t as_of;
    size_t header_lines; /* kept in place (a quoted header may span two) */
} case_t;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc(*n + 1);
    if (b && fread(b, 1, *n, f) != *n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    return b;
}

/* Shuffle the lines after the first `keep` ones (no quoted newlines in
 * these files). */
static char *shuffled(const char *text, size_t n, size_t keep, unsigned long seed)
{
    size_t nl = 0;
    for (size_t i = 0; i < n; i++)
        nl += text[i] == '\n';
    const char **line = malloc((nl + 1) * sizeof *line);
    size_t *len = malloc((nl + 1) * sizeof *len), k = 0;
    const char *s = text;
    while (s < text + n) {
        const char *e = memchr(s, '\n', (size_t)(text + n - s));
        size_t l = e ? (size_t)(e - s) + 1 : (size_t)(text + n - s);
        line[k] = s;
        len[k++] = l;
        s += l;
    }
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (size_t i = k - 1; i > keep; i--) { /* Fisher-Yates over lines keep.. */
        size_t j = keep + gsl_rng_uniform_int(r, i - keep + 1);
        const char *t = line[i];
        size_t tl = len[i];
        line[i] = line[j];
        len[i] = len[j];
        line[j] = t;
        len[j] = tl;
    }
    char *out = malloc(n + 2), *o = out;
    for (size_t i = 0; i < k; i++) {
        memcpy(o, line[i], len[i]);
        o += len[i];
        if (o[-1] != '\n')
            *o++ = '\n';
    }
    *o = '\0';
    gsl_rng_free(r);
    free(line);
    free(len);
    return out;
}

/* "label|label|measure" of series s */
static void series_name(const fdi_panel *p, size_t s, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t d = 0; d < fdi_panel_ndims(p) && len < size; d++)
        len += (size_t)snprintf(buf + len, size - len, "%s|", fdi_panel_label(p, s, d));
    snprintf(buf + len, size - len > 0 ? size - len : 0, "%s", fdi_panel_measure(p, s));
}

static void compare(const case_t *c, const char *by, double tol)
{
    size_t n;
    char path[512];
    snprintf(path, sizeof path, "%s/datasets/%s", FDI_SOURCE_DIR, c->file);
    char *text = slurp(path, &n);
    CHECK(text != NULL);
    if (!text)
        return;
    char *mixed = shuffled(text, n, c->header_lines, 7);
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    o.value_cols = c->value;
    o.ytd = c->ytd;
    po.by = by;
    po.as_of = c->as_of;
    po.dedupe = FDI_DEDUPE_SUM; /* the partners file repeats some pairs */
    fdi_frame *f1, *f2;
    fdi_panel *p1, *p2;
    fdi_error err;
    int ok1 = fdi_ingest_buffer(text, n, c->file, &o, &f1, &err) == FDI_OK;
    int ok2 = fdi_ingest_buffer(mixed, strlen(mixed), c->file, &o, &f2, &err) == FDI_OK;
    CHECK(ok1 && ok2);
    if (!ok1 || !ok2) {
        fprintf(stderr, "  %s: %s\n", c->file, err.message);
        exit(1);
    }
    CHECK(fdi_panel_build(f1, &po, &p1, &err) == FDI_OK);
    CHECK(fdi_panel_build(f2, &po, &p2, &err) == FDI_OK);
    size_t S = fdi_panel_nseries(p1), T = fdi_panel_nperiods(p1);
    CHECK_INT(fdi_panel_nseries(p2), S);
    CHECK_INT(fdi_panel_nperiods(p2), T);
    fdi_yoy *y1 = calloc(S, sizeof *y1), *y2 = calloc(S, sizeof *y2);
    CHECK(fdi_measures_yoy(p1, c->as_of, y1, &err) == FDI_OK);
    CHECK(fdi_measures_yoy(p2, c->as_of, y2, &err) == FDI_OK);
    int same = 1, found = 1;
    for (size_t s = 0; s < S; s++) {
        char a[512], b[512];
        size_t k = 0;
        series_name(p1, s, a, sizeof a);
        for (; k < S; k++) {
            series_name(p2, k, b, sizeof b);
            if (strcmp(a, b) == 0)
                break;
        }
        if (k == S) {
            found = 0;
            continue;
        }
        for (size_t t = 0; t < T; t++) {
            double u = fdi_panel_flow(p1, t)[s], v = fdi_panel_flow(p2, t)[k];
            if (isnan(u) != isnan(v) ||
                (!isnan(u) && fabs(u - v) > tol * fmax(1.0, fabs(u))))
                same = 0;
        }
        double u = y1[s].ytd, v = y2[k].ytd;
        if (isnan(u) != isnan(v) || (!isnan(u) && fabs(u - v) > tol * fmax(1.0, fabs(u))))
            same = 0;
        if (tol == 0 && memcmp(&y1[s].multiple, &y2[k].multiple, sizeof(double)) != 0)
            same = 0;
    }
    if (!same || !found)
        fprintf(stderr, "  %s --by %s: results depend on the row order\n", c->file,
                by ? by : "(none given)");
    CHECK(found);
    CHECK(same);
    free(y1);
    free(y2);
    fdi_panel_destroy(p1);
    fdi_panel_destroy(p2);
    fdi_frame_destroy(f1);
    fdi_frame_destroy(f2);
    free(text);
    free(mixed);
}

int main(void)
{
    static const case_t cases[] = {
        {"haiphong/haiphong_fdi.csv", "value_usd_m", 0, 2016 * 12 + 8, 1},
        {"vietnam/fdi_provinces_en.csv", NULL, 0, 2016 * 12 + 11, 2},
        {"vietnam/fdi_country_partners_en.csv", NULL, 0, 2022 * 12 + 11, 2},
        {"vietnam/fdi_disbursed.csv", "value", 0, 2025 * 12 + 11, 1},
        {"vietnam/public_investment_ytd.csv", "value", 1, 2020 * 12 + 5, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        compare(&cases[i], NULL, 0.0);      /* series as read: bit for bit */
        /* one total (per measure: different measures are never added):
         * summation order */
        compare(&cases[i], cases[i].value ? "none" : "measure", 1e-12);
    }
    return check_report("test_order");
}
