/* totals.c - a file that holds both members and their published total
 * (provinces and the nation, countries and "World"): how far the sum of
 * the members is from the total, per period (fdi_info_totals).
 *
 * A total row is a series with a total label ("World", "Total", "Cả
 * nước", ...; fdi__is_total_label) in some key, or one whose figures are
 * the sum of the others of its key (figures.h); a partial total (the World
 * Bank's regions and income groups, in a key that holds the World) is
 * neither total nor member.  Its members are the
 * series with the same labels in the keys kept and the same measure (never
 * two measures added), and no total label: the keys --by keeps, or without
 * --by every key but those holding a total label and their aliases (a key
 * naming the same rows, as "Country Code" names the rows of "Country
 * Name").  A group with one total row is compared period by period; one
 * with several (a table with margins in two keys) is not, since its
 * members add up to each total only along one key. */
#include "fdi/load.h"
#include "base/caseeq.h"
#include "base/two_threads.h"
#include "fdi/period.h"
#include "frame/dict.h"
#include "panel/figures.h"
#include "panel/meaning.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_TOTAL, T_PERIOD, T_MEMBERS, T_MISSING, T_SUM, T_PUBLISHED, T_DIFF, T_PCT, T_FOUND, T_N };
/* a kind's bit beside FDI__TOTAL_ALL: found by its figures, not its label */
enum { BY_FIGURES = 4 };

typedef struct {
    const char *a, *b;
} label_pair;

static int cmp_pair(const void *x, const void *y)
{
    const label_pair *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

/* Whether, sorted by a, every run of one a has one b. */
static int runs_agree(label_pair *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_pair);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i].a, v[i - 1].a) == 0 && strcmp(v[i].b, v[i - 1].b) != 0)
            return 0;
    return 1;
}

/* Whether keys d and e name the same rows: each label of one goes with one
 * label of the other, both ways.  -1 when out of memory. */
static int aliases(const fdi_panel *p, size_t d, size_t e)
{
    size_t S = fdi_panel_nseries(p);
    label_pair *v = malloc((S ? S : 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t s = 0; s < S; s++)
        v[s] = (label_pair){fdi_panel_label(p, s, d), fdi_panel_label(p, s, e)};
    int same = runs_agree(v, S);
    for (size_t s = 0; same && s < S; s++)
        v[s] = (label_pair){v[s].b, v[s].a};
    same = same && runs_agree(v, S);
    free(v);
    return same;
}

/* Whether key `name` is listed in --by ("a, b"), case ignored beyond ASCII
 * as the panel's --by finds its keys. */
static int listed(const char *by, const char *name)
{
    size_t len = strlen(name);
    for (const char *c = by; *c;) {
        while (*c == ' ' || *c == ',')
            c++;
        size_t n = strcspn(c, ",");
        size_t m = n;
        while (m && c[m - 1] == ' ')
            m--;
        if (fdi__caseeq_n(c, m, name, len))
            return 1;
        c += n;
    }
    return 0;
}

typedef struct {
    uint32_t *codes; /* S x (ndims + 1): each key's label, then the measure, as codes */
    size_t width;
    size_t *nlabels; /* per key */
} coded;

static const uint32_t *coded_keys(const void *ctx, size_t s)
{
    const coded *c = ctx;
    return c->codes + s * c->width;
}

/* The panel's labels and measures as codes (figures.h takes codes).
 * Nonzero when out of memory. */
static int code_series(const fdi_panel *p, coded *c)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p);
    c->width = nd + 1;
    c->codes = malloc((S ? S : 1) * c->width * sizeof *c->codes);
    c->nlabels = calloc(c->width, sizeof *c->nlabels);
    int fail = !c->codes || !c->nlabels;
    for (size_t d = 0; d < c->width && !fail; d++) {
        fdi__dict dict;
        fdi__dict_init(&dict);
        for (size_t s = 0; s < S && !fail; s++) {
            const char *l = d < nd ? fdi_panel_label(p, s, d) : fdi_panel_measure(p, s);
            int64_t k = fdi__dict_intern(&dict, l, strlen(l));
            fail = k < 0;
            c->codes[s * c->width + d] = (uint32_t)k;
        }
        c->nlabels[d] = dict.count;
        fdi__dict_free(&dict);
    }
    return fail;
}

/* kind[s * nd + d]: fdi__total_kind of series s's label in key d (a
 * World Bank aggregate a total only in a key that holds the World), each
 * label tested once (by its code in c).  Nonzero when out of memory. */
static int label_kinds(const fdi_panel *p, const coded *c, unsigned char *kind)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p), most = 1;
    for (size_t d = 0; d < nd; d++)
        most = c->nlabels[d] > most ? c->nlabels[d] : most;
    size_t *first = malloc(most * sizeof *first); /* a series with each label */
    unsigned char *of = malloc(most);             /* each label's kind */
    for (size_t d = 0; first && of && d < nd; d++) {
        int world = 0; /* key d holds the World */
        for (size_t l = 0; l < c->nlabels[d]; l++)
            first[l] = SIZE_MAX;
        for (size_t s = S; s-- > 0;)
            first[c->codes[s * c->width + d]] = s;
        for (size_t l = 0; l < c->nlabels[d]; l++)
            world |= fdi__is_world_label(fdi_panel_label(p, first[l], d));
        for (size_t l = 0; l < c->nlabels[d]; l++)
            of[l] = (unsigned char)fdi__total_kind(fdi_panel_label(p, first[l], d), world);
        for (size_t s = 0; s < S; s++)
            kind[s * nd + d] = of[c->codes[s * c->width + d]];
    }
    int fail = !first || !of;
    free(first);
    free(of);
    return fail;
}

/* One key's search for totals by their figures (figures.h): the keys
 * are independent (each reads the series none is a total of by a label,
 * and writes only its own byte of kind), so they share two threads. */
typedef struct {
    const fdi_panel *p;
    const coded *c;
    const uint32_t *which; /* the series no total by a label */
    size_t n;
    const size_t *keys; /* the keys searched */
    unsigned char *kind;
    fdi__fig_col *cols[2]; /* each lane's, n long */
} figure_job;

static fdi_status figure_key(void *ctx, int lane, size_t k, fdi_error *err)
{
    const figure_job *j = ctx;
    const fdi_panel *p = j->p;
    size_t d = j->keys[k], nd = fdi_panel_ndims(p), S = fdi_panel_nseries(p);
    fdi__fig_col *cols = j->cols[lane];
    fdi__fig_count *cnt = calloc(j->c->nlabels[d] ? j->c->nlabels[d] : 1, sizeof *cnt);
    if (!cnt || fdi__figures_slices(coded_keys, j->c, j->which, j->n, j->c->width, d, cols) ||
        fdi__figures_find(fdi_panel_source(p, 0), fdi_panel_nperiods(p), S, cols, j->n, cnt)) {
        free(cnt);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < j->n; i++)
        if (fdi__figures_is_total(cnt[cols[i].label]))
            j->kind[cols[i].col * nd + d] = FDI__TOTAL_ALL | BY_FIGURES;
    free(cnt);
    return FDI_OK;
}

/* Into kind[s * nd + d], FDI__TOTAL_ALL | BY_FIGURES for the series whose
 * label in a key --by sums away (without --by any key) is a total by its
 * figures (figures.h), among the series that are no total by a label.
 * Nonzero when out of memory. */
static int figure_kinds(const fdi_panel *p, const coded *c, const char *by, unsigned char *kind)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p), n = 0, nkeys = 0;
    uint32_t *which = malloc((S ? S : 1) * sizeof *which);
    size_t *keys = malloc((nd ? nd : 1) * sizeof *keys);
    figure_job job = {p, c, which, 0, keys, kind, {NULL, NULL}};
    int two = nd >= 2 && S * fdi_panel_nperiods(p) >= ((size_t)1 << 20);
    for (int l = 0; l < 1 + two; l++)
        job.cols[l] = malloc((S ? S : 1) * sizeof *job.cols[l]);
    int fail = !which || !keys || !job.cols[0] || (two && !job.cols[1]);
    for (size_t s = 0; s < S && !fail; s++) {
        int label = 0;
        for (size_t d = 0; d < nd; d++)
            label |= kind[s * nd + d];
        if (!label)
            which[n++] = (uint32_t)s;
    }
    for (size_t d = 0; d < nd && !fail; d++)
        if (!by || strcasecmp(by, "none") == 0 || !listed(by, fdi_panel_dim_name(p, d)))
            keys[nkeys++] = d;
    job.n = n;
    size_t failed;
    fdi_error err = {0};
    if (!fail)
        fail = fdi__strided_run(nkeys, two && nkeys >= 2, figure_key, &job, &failed, &err) !=
               FDI_OK;
    free(which);
    free(keys);
    free(job.cols[0]);
    free(job.cols[1]);
    return fail;
}

/* kept[d]: key d stays apart (a group per label); istotal[s]: series s has
 * a total label in a key summed away, or is a total there by its figures.
 * The count of total series, or -1 when out of memory. */
static long choose_keys(const fdi_panel *p, const char *by, unsigned char *kept,
                        unsigned char *istotal)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p);
    long ntotal = 0;
    unsigned char *kind = malloc(S && nd ? S * nd : 1);
    coded c = {NULL, 0, NULL};
    int fail = !kind || code_series(p, &c) || label_kinds(p, &c, kind) ||
               figure_kinds(p, &c, by, kind);
    free(c.codes);
    free(c.nlabels);
    if (fail) {
        free(kind);
        return -1;
    }
    for (size_t d = 0; d < nd; d++)
        kept[d] = 1;
    for (size_t s = 0; s < S; s++)
        for (size_t d = 0; d < nd; d++)
            if (kind[s * nd + d])
                kept[d] = 0;
    for (size_t d = 0; d < nd; d++) {
        if (by) {
            kept[d] = strcasecmp(by, "none") != 0 && listed(by, fdi_panel_dim_name(p, d));
            continue;
        }
        for (size_t e = 0; e < nd && kept[d] == 1; e++) {
            int a = e != d && kept[e] == 0 ? aliases(p, e, d) : 0;
            if (a < 0) {
                free(kind);
                return -1;
            }
            if (a)
                kept[d] = 2; /* summed with its total key; 2: not a total key itself */
        }
    }
    for (size_t d = 0; d < nd; d++)
        kept[d] = kept[d] == 1;
    for (size_t s = 0; s < S; s++) { /* 1: a total of all, 2: of some; | BY_FIGURES */
        istotal[s] = 0;
        for (size_t d = 0; d < nd && (istotal[s] & 3) != FDI__TOTAL_ALL; d++) {
            int k = kept[d] ? 0 : kind[s * nd + d];
            if ((k & 3) > (istotal[s] & 3) || (k & 3) == FDI__TOTAL_ALL)
                istotal[s] = (unsigned char)k;
        }
        ntotal += (istotal[s] & 3) == FDI__TOTAL_ALL;
    }
    free(kind);
    return ntotal;
}

typedef struct {
    const fdi_panel *p;
    const unsigned char *kept;
    size_t s;
} keyed;

/* Measure, then the kept keys' labels; 0 for one group. */
static int group_order(const keyed *a, const keyed *b)
{
    int c = strcmp(fdi_panel_measure(a->p, a->s), fdi_panel_measure(b->p, b->s));
    for (size_t d = 0; !c && d < fdi_panel_ndims(a->p); d++)
        if (a->kept[d])
            c = strcmp(fdi_panel_label(a->p, a->s, d), fdi_panel_label(b->p, b->s, d));
    return c;
}

static int cmp_group(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = group_order(a, b);
    return c ? c : (a->s > b->s) - (a->s < b->s);
}

/* One row per period in which the total and some member have a value;
 * found: how the total was (its "label" or "figures").  0, or -1 when out
 * of memory. */
static int compare_rows(fdi_table *t, const fdi_panel *p, size_t total, const char *found,
                        const keyed *m, size_t n)
{
    char title[512], per[16];
    fdi_panel_series_title(p, total, title, sizeof title);
    for (size_t r = 0; r < fdi_panel_nperiods(p); r++) {
        const double *x = fdi_panel_source(p, r);
        double sum = 0, pub = x[total];
        size_t have = 0;
        for (size_t i = 0; i < n; i++)
            if (x[m[i].s] == x[m[i].s])
                sum += x[m[i].s], have++;
        if (pub != pub || !have)
            continue;
        long row = fdi_table_add_row(t);
        fdi_period_format(fdi_panel_period(p, r), fdi_panel_freq(p), per, sizeof per);
        if (row < 0 || fdi_table_set_text(t, row, T_TOTAL, title) ||
            fdi_table_set_text(t, row, T_PERIOD, per) || fdi_table_set_text(t, row, T_FOUND, found))
            return -1;
        double v[] = {(double)have, (double)(n - have), sum, pub, sum - pub,
                      pub != 0 ? (sum - pub) / fabs(pub) * 100.0 : (double)NAN};
        for (int c = T_MEMBERS; c <= T_PCT; c++)
            fdi_table_set_num(t, row, c, v[c - T_MEMBERS]);
    }
    return 0;
}

/* The series in groups (sorted), each group with exactly one total
 * compared with its members; 0, or -1 when out of memory. */
static int compare_groups(fdi_table *t, const fdi_panel *p, const unsigned char *kept,
                          const unsigned char *istotal)
{
    size_t S = fdi_panel_nseries(p);
    keyed *k = malloc((S ? S : 1) * sizeof *k), *members = malloc((S ? S : 1) * sizeof *k);
    int rc = k && members ? 0 : -1;
    for (size_t s = 0; rc == 0 && s < S; s++)
        k[s] = (keyed){p, kept, s};
    if (rc == 0)
        qsort(k, S, sizeof *k, cmp_group);
    for (size_t i = 0, j = 0; rc == 0 && i < S; i = j) {
        size_t ntotal = 0, nmembers = 0, total = 0;
        for (j = i; j < S && group_order(&k[i], &k[j]) == 0; j++) {
            if ((istotal[k[j].s] & 3) == FDI__TOTAL_ALL)
                total = k[j].s, ntotal++;
            else if (!istotal[k[j].s]) /* a partial total is not a member */
                members[nmembers++] = k[j];
        }
        if (ntotal == 1 && nmembers)
            rc = compare_rows(t, p, total, istotal[total] & BY_FIGURES ? "figures" : "label",
                              members, nmembers);
    }
    free(k);
    free(members);
    return rc;
}

static fdi_table *totals_table(void)
{
    static const struct {
        const char *name;
        fdi_col_kind kind;
    } col[T_N] = {{"total", FDI_COL_TEXT},          {"period", FDI_COL_TEXT},
                  {"members", FDI_COL_INT},         {"members_missing", FDI_COL_INT},
                  {"members_sum", FDI_COL_AMOUNT},  {"published_total", FDI_COL_AMOUNT},
                  {"difference", FDI_COL_AMOUNT},   {"difference_pct", FDI_COL_SIGNED_PERCENT},
                  {"found", FDI_COL_TEXT}};
    fdi_table *t = fdi_table_create();
    for (int c = 0; t && c < T_N; c++)
        if (fdi_table_add_column(t, col[c].name, col[c].kind) < 0) {
            fdi_table_destroy(t);
            return NULL;
        }
    return t;
}

fdi_status fdi_info_totals_of_panel(const fdi_panel *p, const char *by, fdi_table **out,
                                    fdi_error *err)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p);
    unsigned char *kept = malloc(nd ? nd : 1), *istotal = malloc(S ? S : 1);
    fdi_table *t = totals_table();
    long ntotal = kept && istotal && t ? choose_keys(p, by, kept, istotal) : -1;
    int rc = ntotal < 0 ? -1 : ntotal > 0 ? compare_groups(t, p, kept, istotal) : 0;
    free(kept);
    free(istotal);
    *out = NULL;
    if (rc) {
        fdi_table_destroy(t);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = t;
    return FDI_OK;
}
