/* panel.c - frame observations into the dense periods x series matrix.
 *
 * Steps (fdi_panel_build, a function or two each): (1) choose the series
 * that pass the filters, each a column of the fine matrix; (2) place every
 * observation up to the as-of period into that matrix, catching the same
 * series and period twice; (3) map each series to its output group (the
 * --by keys); (4) sum the fine columns into the groups (a group's cell is
 * NaN only when none of its members has a value); (5) run the
 * year-to-date kernel down the rows, or for --ytd input difference the
 * cumulative figures into flows.
 */
#include "fdi/panel.h"
#include "fdi/kernels.h"
#include "fdi/period.h"
#include "frame/dict.h"
#include "panel/doubt.h"
#include "panel/figures.h"
#include "panel/meaning.h"
#include "panel/members.h"
#include "panel/stream.h"
#include "base/caseeq.h"
#include "base/units.h"
#include "panel/restarts.h"
#include "frame/frame_internal.h"
#include "base/populate.h"
#include "base/two_threads.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct fdi_panel {
    const fdi_frame *frame;
    size_t T, S;
    int32_t first;  /* month index of row 0 */
    int step;       /* months per period */
    int freq, fy_start, ytd;
    double *flow, *cum, *source; /* T * S each (source aliases flow or cum) */
    uint16_t *miss;
    size_t ndims;
    size_t *dims;            /* frame dimension of each output dimension */
    uint32_t *keys;          /* S * ndims frame codes */
    uint32_t *members;       /* S (a group's fine columns: series codes
                              * are 32-bit, so are their counts) */
    uint32_t *measure;       /* S: an index into measure_names */
    char **measure_names;    /* each panel measure's label once (by code),
                              * not a copy per series (issue 15: 4,000
                              * measures in 100 provinces) */
    size_t nmeasure_names;
    /* What is said of each series, each distinct text kept once in texts
     * (the unit "million USD" of every series, the same "flow=new|adjusted"
     * of many groups): by series, the text's code + 1 in texts, 0 when
     * nothing is said; an array stays NULL while nothing is (issue 15: a
     * pointer and a copy per series, 400,000 series x 4 arrays). */
    fdi__dict texts;
    uint32_t *summed, *summed_note; /* what --by summed away, and its note */
    uint32_t *unit;                 /* the unit of the values */
    char *filters;           /* the --filter options, "flow=disbursed; ..." */
    fdi__members_gaps gaps;  /* where a group's sum lacks members (members.h) */
};

fdi_panel_options fdi_panel_options_default(void)
{
    fdi_panel_options o;
    memset(&o, 0, sizeof o);
    o.as_of = INT32_MAX;
    o.fy_start = 1;
    return o;
}

void fdi_panel_destroy(fdi_panel *p)
{
    if (!p)
        return;
    for (size_t m = 0; m < p->nmeasure_names; m++)
        free(p->measure_names[m]);
    free(p->measure_names);
    free(p->measure);
    fdi__dict_free(&p->texts);
    free(p->summed);
    free(p->summed_note);
    free(p->unit);
    free(p->filters);
    free(p->flow);
    free(p->cum);
    free(p->miss);
    free(p->dims);
    free(p->keys);
    free(p->members);
    fdi__members_gaps_free(&p->gaps);
    free(p);
}

/* Does label match one of the '|'-separated alternatives? */
static int matches(const char *label, const char *values)
{
    size_t ll = strlen(label);
    const char *p = values;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        while (n && *p == ' ')
            p++, n--;
        while (n && p[n - 1] == ' ')
            n--;
        if (fdi__caseeq_n(p, n, label, ll))
            return 1;
        if (!bar)
            return 0;
        p = bar + 1;
    }
}

static fdi_status select_series(const fdi_frame *f, const fdi_panel_options *o,
                                unsigned char *keep, fdi_error *err)
{
    size_t nd = fdi_frame_ndims(f), ns = fdi_frame_nseries(f);
    unsigned char *ok = NULL;
    memset(keep, 1, ns);
    for (size_t i = 0; i < o->nfilters; i++) {
        const fdi_filter *flt = &o->filters[i];
        long d = fdi_frame_dim_find(f, flt->column);
        size_t any = 0, nl;
        if (d < 0)
            return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                                 "--filter %s=...: no key column \"%s\" (the keys "
                                 "are shown by fdi info)",
                                 flt->column, flt->column);
        /* OR with the other filters on the same column, AND across columns
         * (the same column: the same key found, however its name is spelt,
         * as the stream's passes() groups them) */
        int first_on_dim = 1;
        for (size_t j = 0; j < i; j++)
            if (fdi_frame_dim_find(f, o->filters[j].column) == d)
                first_on_dim = 0;
        if (!first_on_dim)
            continue;
        nl = fdi_frame_nlabels(f, (size_t)d);
        ok = calloc(nl ? nl : 1, 1);
        if (!ok)
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t j = i; j < o->nfilters; j++) {
            if (fdi_frame_dim_find(f, o->filters[j].column) != d)
                continue;
            for (uint32_t c = 0; c < nl; c++)
                if (matches(fdi_frame_label(f, (size_t)d, c), o->filters[j].values)) {
                    ok[c] = 1;
                    any++;
                }
        }
        if (!any) {
            char list[300];
            size_t w = 0;
            list[0] = '\0';
            for (uint32_t c = 0; c < nl && w < sizeof list - 60; c++) {
                int k = snprintf(list + w, sizeof list - w, "%s\"%s\"", c ? ", " : "",
                                 fdi_frame_label(f, (size_t)d, c));
                if (k > 0)
                    w += (size_t)k;
            }
            if (w >= sizeof list - 60)
                snprintf(list + w, sizeof list - w, ", ...");
            free(ok);
            return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                                 "--filter %s=%s matches nothing; the values are: %s",
                                 flt->column, flt->values, list);
        }
        for (size_t s = 0; s < ns; s++)
            keep[s] &= ok[fdi_frame_series_keys(f, s)[d]];
        free(ok);
        ok = NULL;
    }
    (void)nd;
    return FDI_OK;
}

/* --by names a key the frame does not have: the error lists those it has. */
static fdi_status no_such_key(const fdi_frame *f, const char *by, const char *name,
                              fdi_error *err)
{
    size_t nd = fdi_frame_ndims(f), w = 0;
    char list[300];
    list[0] = '\0';
    for (size_t k = 0; k < nd && w < sizeof list - 60; k++) {
        int m = snprintf(list + w, sizeof list - w, "%s%s", k ? ", " : "",
                         fdi_frame_dim_name(f, k));
        if (m > 0)
            w += (size_t)m;
    }
    return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                         "--by %s: no key \"%s\"; the keys are: %s", by, name, list);
}

/* Parse --by into frame dimensions; sets *ndims and dims[] (room for cap,
 * the frame's keys but the measure); *measure_kept.  A key named twice is
 * an error: each dimension enters dims[] at most once, so dims[] and the
 * group tuples (ndims + 1 codes) can never overflow, however long the list. */
static fdi_status parse_by(const fdi_frame *f, const char *by, size_t *dims, size_t cap,
                           size_t *ndims, int *measure_kept, fdi_error *err)
{
    size_t nd = fdi_frame_ndims(f);
    int measure_named = 0;
    *ndims = 0;
    *measure_kept = 0;
    if (!by) {
        for (size_t d = 0; d + 1 < nd && d < cap; d++)
            dims[(*ndims)++] = d;
        *measure_kept = 1;
        return FDI_OK;
    }
    if (strcasecmp(by, "none") == 0)
        return FDI_OK; /* one total of everything selected */
    /* Measures are never summed into each other by --by (money and project
     * counts would mix); only "none" asks for that, after --value chose. */
    *measure_kept = 1;
    for (const char *p = by; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[200];
        long d;
        while (n && *p == ' ')
            p++, n--;
        while (n && p[n - 1] == ' ')
            n--;
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, p, n);
        name[n] = '\0';
        if (n) {
            d = fdi_frame_dim_find(f, name);
            if (d < 0)
                return no_such_key(f, by, name, err);
            int twice = (size_t)d == nd - 1 ? measure_named++ > 0 : 0;
            for (size_t k = 0; k < *ndims && !twice; k++)
                twice = dims[k] == (size_t)d;
            /* (with no key repeated cap is never reached: the test of it
             * keeps the writes bounded whatever the list) */
            if (twice || ((size_t)d != nd - 1 && *ndims >= cap))
                return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                                     "--by %s: \"%s\" is named twice", by,
                                     fdi_frame_dim_name(f, (size_t)d));
            if ((size_t)d != nd - 1)
                dims[(*ndims)++] = (size_t)d;
        }
        p += comma ? (size_t)(comma - p) + 1 : strlen(p);
    }
    return FDI_OK;
}

fdi_status fdi__panel_parse_by(const fdi_frame *f, const char *by, size_t *dims, size_t cap,
                               size_t *ndims, int *measure_kept, fdi_error *err)
{
    return parse_by(f, by, dims, cap, ndims, measure_kept, err);
}

int fdi__panel_label_matches(const char *label, const char *values)
{
    return matches(label, values);
}

/* Whether the period ending at month `end` opens its fiscal year. */
static int opens_year(const fdi_panel *p, int32_t end)
{
    return fdi_period_fiscal_position(end, p->freq, p->fy_start) == 1;
}

/* --fill zero: every series' missing flows become 0 from its fiscal year's
 * first period on, and the year to date is recomputed without gaps. */
static void fill_zero(fdi_panel *p)
{
    for (size_t i = 0; i < p->T * p->S; i++)
        if (p->flow[i] != p->flow[i])
            p->flow[i] = 0.0;
    if (!p->cum)
        return; /* only the flows were asked for (source_only) */
    memset(p->miss, 0, p->T * p->S * sizeof *p->miss);
    for (size_t t = 0; t < p->T; t++) {
        int32_t end = p->first + (int32_t)t * p->step;
        double *cum = p->cum + t * p->S;
        uint16_t *miss = p->miss + t * p->S;
        if (opens_year(p, end))
            memset(cum, 0, p->S * sizeof *cum);
        else
            memcpy(cum, cum - p->S, p->S * sizeof *cum);
        fdi_kernel_accumulate(p->flow + t * p->S, p->S, cum, miss);
    }
}

/* Before step (2), for the observations [i_lo, i_hi): the span of the
 * periods of the series kept up to the as-of period (the matrix's rows),
 * and whether every period is at least the one before it. */
typedef struct {
    const unsigned char *keep;
    const uint32_t *os;
    const int32_t *op;
    int32_t as_of;
    size_t i_lo, i_hi;
    int32_t lo, hi; /* out */
    int sorted;     /* out */
    size_t kept;    /* out: the observations kept */
} span_job;

static void *observed_span(void *arg)
{
    span_job *j = arg;
    const int32_t *op = j->op;
    for (size_t i = j->i_lo; i < j->i_hi; i++) {
        if (i > j->i_lo && op[i] < op[i - 1])
            j->sorted = 0;
        if (!j->keep[j->os[i]] || op[i] > j->as_of)
            continue;
        j->kept++;
        if (op[i] < j->lo)
            j->lo = op[i];
        if (op[i] > j->hi)
            j->hi = op[i];
    }
    return NULL;
}

/* Step (2) for the rows [t_lo, t_hi) of the fine matrix: every thread
 * reads the observations in order (all of them, or when the periods are
 * in order the stretch that holds its rows) and keeps those of its rows,
 * so each cell sees its observations in file order, as on one thread. */
typedef struct {
    const fdi_panel *p;
    const fdi_panel_options *o;
    const unsigned char *keep;
    const uint32_t *fine_col, *os;
    const int32_t *op;
    const double *ov;
    size_t nfine, t_lo, t_hi;
    size_t obs_lo, obs_hi; /* the observations to read: all of them, or
                              the stretch of the rows when in order */
    double *fine;
    uint64_t *occupied;
    unsigned char *filled; /* a byte a row: set to NaN yet? (all 0 at first) */
    size_t ndup, first_dup; /* out */
} scatter_job;

static void fill_nan(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = NAN;
}

static void *scatter_rows(void *arg)
{
    scatter_job *j = arg;
    const fdi_panel *p = j->p;
    const fdi_panel_options *o = j->o;
    size_t nfine = j->nfine, rows = j->t_hi - j->t_lo;
    fdi__populate(j->fine + j->t_lo * nfine, rows * nfine * sizeof *j->fine);
    /* a row is set to NaN when its first observation comes, so that the
     * row is still in cache for the ones that follow (with the periods in
     * order, all of them); rows without any are set at the end */
    unsigned char *filled = j->filled + j->t_lo;
    for (size_t i = j->obs_lo; i < j->obs_hi; i++) {
        size_t t, cell;
        if (!j->keep[j->os[i]] || j->op[i] > o->as_of)
            continue;
        int32_t d = j->op[i] - p->first;
        if (p->step != 1) { /* (monthly data divides by nothing) */
            if (d % p->step != 0)
                continue; /* cannot happen: one frequency per frame */
            d /= p->step;
        }
        t = (size_t)d;
        if (t < j->t_lo || t >= j->t_hi)
            continue;
        if (!filled[t - j->t_lo]) {
            fill_nan(j->fine + t * nfine, nfine);
            filled[t - j->t_lo] = 1;
        }
        cell = t * nfine + j->fine_col[j->os[i]];
        if (j->occupied[cell / 64] >> (cell % 64) & 1) {
            if (o->dedupe == FDI_DEDUPE_ERROR) {
                if (!j->ndup++)
                    j->first_dup = i;
                continue;
            }
            if (o->dedupe == FDI_DEDUPE_FIRST)
                continue;
            if (o->dedupe == FDI_DEDUPE_SUM && j->fine[cell] == j->fine[cell]) {
                j->fine[cell] += j->ov[i];
                continue;
            }
        }
        j->fine[cell] = j->ov[i];
        j->occupied[cell / 64] |= UINT64_C(1) << (cell % 64);
    }
    for (size_t r = 0; r < rows; r++)
        if (!filled[r])
            fill_nan(j->fine + (j->t_lo + r) * nfine, nfine);
    return NULL;
}

/* Step (5) for the series [s_lo, s_hi): the year to date from flows, or
 * flows from year-to-date input, row by row. */
typedef struct {
    fdi_panel *p;
    size_t s_lo, s_hi;
} columns_job;

static void *ytd_columns(void *arg)
{
    columns_job *j = arg;
    fdi_panel *p = j->p;
    size_t n = j->s_hi - j->s_lo;
    /* the fresh output's pages made present (populate.h), by halves of
     * the address range: the two jobs' columns cross every page */
    size_t cells = p->T * p->S, c_lo = j->s_lo ? cells / 2 : 0, c_hi = j->s_lo ? cells : cells / 2;
    fdi__populate((p->ytd ? p->flow : p->cum) + c_lo, (c_hi - c_lo) * sizeof *p->cum);
    fdi__populate(p->miss + c_lo, (c_hi - c_lo) * sizeof *p->miss);
    for (size_t t = 0; t < p->T; t++) {
        int32_t end = p->first + (int32_t)t * p->step;
        int pos = fdi_period_fiscal_position(end, p->freq, p->fy_start), begins = pos == 1;
        size_t row = t * p->S + j->s_lo;
        double *flow = p->flow + row, *cum = p->cum + row;
        uint16_t *miss = p->miss + row;
        if (p->ytd) {
            if (begins)
                memcpy(flow, cum, n * sizeof *flow);
            else
                fdi_kernel_diff(cum, cum - p->S, n, flow);
            for (size_t s = 0; s < n; s++)
                miss[s] = cum[s] == cum[s] ? 0 : (uint16_t)pos;
        } else if (begins) {
            memset(cum, 0, n * sizeof *cum);
            fdi_kernel_accumulate(flow, n, cum, miss);
        } else {
            fdi_kernel_accumulate_from(flow, cum - p->S, miss - p->S, n, cum, miss);
        }
    }
    return NULL;
}

/* Two threads from 65,536 cells (a thread costs tens of microseconds). */
enum { PARALLEL_CELLS = 1 << 16 };

/* What fdi_panel_build carries from one step to the next. */
typedef struct {
    const fdi_frame *f;
    const fdi_panel_options *o;
    fdi_panel *p;
    unsigned char *keep;     /* frame series: selected? */
    uint32_t *fine_col;      /* frame series -> fine column (UINT32_MAX: not kept) */
    uint32_t *group_of;      /* fine column -> group (UINT32_MAX: a total row
                                left out of its group's sum) */
    uint32_t *series_of;     /* fine column -> frame series */
    uint32_t *left_of;       /* fine column -> the group it was left out of
                                (UINT32_MAX: none); NULL when none was */
    fdi__fig_count **figures; /* frame dimension summed away -> its labels'
                                 counts (figures.h); NULL when not looked */
    fdi__fig_pair **pairs;   /* the same, each label's pairs (doubt.h) */
    fdi__measure_map mm;     /* --value "a+b": the frame's measures onto the panel's */
    size_t nfine;            /* fine columns: the series kept */
    double *fine;            /* T x nfine, from step (2) to (4) */
    int sorted;              /* the observations' periods never go down */
    int measure_kept;        /* the groups keep the measure apart (not --by none) */
    int same_columns;        /* every group one fine column, in order */
    fdi__tuplemap groups;
} panel_build;

static void panel_build_free(panel_build *b)
{
    free(b->keep);
    free(b->fine_col);
    free(b->group_of);
    free(b->series_of);
    free(b->left_of);
    for (size_t d = 0; b->figures && d < fdi_frame_ndims(b->f); d++)
        free(b->figures[d]);
    for (size_t d = 0; b->pairs && d < fdi_frame_ndims(b->f); d++)
        free(b->pairs[d]);
    free(b->figures);
    free(b->pairs);
    fdi__measure_map_free(&b->mm);
    free(b->fine);
    fdi__tuplemap_free(&b->groups);
}

/* The --filter options as text, "flow=disbursed; area=A|B" (what a
 * report may read the series' meaning from); nonzero when out of memory. */
static int keep_filters(fdi_panel *p, const fdi_panel_options *o)
{
    size_t len = 1;
    for (size_t i = 0; i < o->nfilters; i++)
        len += strlen(o->filters[i].column) + strlen(o->filters[i].values) + 3;
    if (!(p->filters = malloc(len)))
        return -1;
    p->filters[0] = '\0';
    for (size_t i = 0, at = 0; i < o->nfilters; i++)
        at += (size_t)snprintf(p->filters + at, len - at, "%s%s=%s", i ? "; " : "",
                               o->filters[i].column, o->filters[i].values);
    return 0;
}

/* The panel's frequency and fiscal year, and step (1): the series kept and
 * their fine columns. */
static fdi_status start_build(panel_build *b, fdi_error *err)
{
    const fdi_frame *f = b->f;
    const fdi_panel_options *o = b->o;
    size_t nfs = fdi_frame_nseries(f);
    fdi_panel *p = b->p = calloc(1, sizeof *b->p);
    b->keep = malloc(nfs ? nfs : 1);
    b->fine_col = malloc((nfs ? nfs : 1) * sizeof *b->fine_col);
    if (!p || !b->keep || !b->fine_col)
        return FDI_ENOMEM;
    p->frame = f;
    p->freq = fdi_frame_freq(f);
    p->step = 12 / (p->freq ? p->freq : 12);
    p->fy_start = p->freq == 1 ? 1 : (o->fy_start >= 1 && o->fy_start <= 12 ? o->fy_start : 1);
    p->ytd = fdi_frame_is_ytd(f);
    if (p->freq == 4 && (p->fy_start - 1) % 3 != 0)
        return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                             "--fy-start %d splits a quarter: quarterly data needs "
                             "a fiscal year starting in month 1, 4, 7 or 10",
                             p->fy_start);
    fdi_status st = select_series(f, o, b->keep, err);
    if (st != FDI_OK)
        return st;
    if (keep_filters(p, o) != 0)
        return FDI_ENOMEM;
    for (size_t s = 0; s < nfs; s++)
        b->fine_col[s] = b->keep[s] ? (uint32_t)b->nfine++ : UINT32_MAX;
    return FDI_OK;
}

/* The panel is dense, every series over every period from the first to
 * the last: series far apart in time (one row in 1800, one in 2016) would
 * fill gigabytes with NaN.  Refused up front, with the size it would take,
 * when it would be big (over SPARSE_FLOOR bytes) and mostly empty (more
 * than SPARSE_RATIO cells per value).  Per-series spans would not help
 * such series (each spans the whole range); a sparse layout would be a
 * second kind of panel under every kernel. */
enum { SPARSE_RATIO = 16 };
#define SPARSE_FLOOR (64.0 * 1024 * 1024)

static fdi_status dense_enough(const panel_build *b, size_t kept, fdi_error *err)
{
    const fdi_panel *p = b->p;
    double cells = (double)p->T * (double)b->nfine;
    /* the matrix read into, and unless source_only the flows, the year to
     * date and the missing counts: 8, 8 + 8 + 2 bytes a cell */
    double bytes = cells * (b->o->source_only ? 8.0 : 26.0);
    if (bytes <= SPARSE_FLOOR || cells <= (double)SPARSE_RATIO * (double)kept)
        return FDI_OK;
    char a[16], z[16];
    fdi_period_format(p->first, p->freq, a, sizeof a);
    fdi_period_format(p->first + (int32_t)(p->T - 1) * p->step, p->freq, z, sizeof z);
    return fdi_error_set(err, FDI_ECOMPUTE, fdi_frame_path(b->f), 0, 0,
                         "the series lie far apart in time: a dense panel of %zu series x "
                         "%zu periods (%s..%s) would need %.1f GB for %zu values (one "
                         "cell in %.0f filled); choose fewer series with --filter, or "
                         "leave out the old rows",
                         b->nfine, p->T, a, z, bytes / 1e9, kept, cells / (double)kept);
}

/* --as-of outside the data (FDI_EOUTSIDE, exit 3): no observation up to
 * it, or none in its fiscal year up to it (an --as-of more than a year
 * after the last observation always is; so is one in a year the data skip),
 * where every year to date would be n/a.  [lo, hi] the periods observed up
 * to as-of (lo > hi: none).  The caller's window may hide the data's own
 * range; fdi_input_explain_as_of (load.h) names it. */
static fdi_status as_of_outside(const panel_build *b, int32_t lo, int32_t hi, fdi_error *err)
{
    const fdi_panel *p = b->p;
    int32_t as_of = b->o->as_of;
    char at[16], last[16];
    if (as_of != INT32_MAX && lo <= hi && p->step > 1 && (as_of - hi) % p->step != 0) {
        fdi_period_format(as_of, 12, at, sizeof at); /* 2016-05 in quarterly data */
        fdi_period_format(hi, p->freq, last, sizeof last);
        return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(b->f), 0, 0,
                             "--as-of %s does not fall on a period end of this %s data (the "
                             "last before it is %s)",
                             at, p->step == 12 ? "annual" : "quarterly", last);
    }
    if (as_of == INT32_MAX || (lo <= hi && hi >= fdi_period_fiscal_first(as_of, p->freq,
                                                                           p->fy_start)))
        return FDI_OK;
    fdi_period_format(as_of, p->freq, at, sizeof at);
    if (lo > hi)
        return fdi_error_set(err, FDI_EOUTSIDE, fdi_frame_path(b->f), 0, 0,
                             "--as-of %s is outside the data", at);
    fdi_period_format(hi, p->freq, last, sizeof last);
    return fdi_error_set(err, FDI_EOUTSIDE, fdi_frame_path(b->f), 0, 0,
                         "--as-of %s is outside the data: no observation in its year up to "
                         "it, the last is %s",
                         at, last);
}

static fdi_status rows_of_span(panel_build *b, int32_t lo, int32_t hi, size_t kept,
                               fdi_error *err);

/* The matrix's rows: from the fiscal year's start before the first period
 * kept to the last (or the as-of period); whether the periods are sorted. */
static fdi_status place_rows(panel_build *b, fdi_error *err)
{
    const fdi_frame *f = b->f;
    const fdi_panel_options *o = b->o;
    size_t nobs = fdi_frame_nobs(f), half_obs = nobs / 2;
    const uint32_t *os = fdi_frame_obs_series(f);
    const int32_t *op = fdi_frame_obs_period(f);
    /* the periods' span, and whether they never go down (as in most
     * files): the observations in two halves on two threads */
    span_job sj[2] = {{b->keep, os, op, o->as_of, 0, half_obs, INT32_MAX, INT32_MIN, 1, 0},
                      {b->keep, os, op, o->as_of, half_obs, nobs, INT32_MAX, INT32_MIN, 1, 0}};
    fdi__on_two_threads(observed_span, &sj[0], &sj[1], nobs >= PARALLEL_CELLS);
    b->sorted = sj[0].sorted && sj[1].sorted &&
                (half_obs == 0 || half_obs == nobs || op[half_obs - 1] <= op[half_obs]);
    int32_t lo = sj[0].lo < sj[1].lo ? sj[0].lo : sj[1].lo;
    int32_t hi = sj[0].hi > sj[1].hi ? sj[0].hi : sj[1].hi;
    return rows_of_span(b, lo, hi, sj[0].kept + sj[1].kept, err);
}

/* place_rows's rest, from the periods kept [lo, hi] (lo > hi: none) and
 * their count (also what a stream counted: stream.h). */
static fdi_status rows_of_span(panel_build *b, int32_t lo, int32_t hi, size_t kept,
                               fdi_error *err)
{
    const fdi_frame *f = b->f;
    const fdi_panel_options *o = b->o;
    fdi_panel *p = b->p;
    /* a reader's window (ingest.h) leaves no series when every row lay
     * outside it */
    int none_read = fdi_frame_nseries(f) == 0 && fdi_frame_stats(f)->rows_outside;
    if (b->nfine == 0 && !none_read)
        return fdi_error_set(err, FDI_ENODATA, fdi_frame_path(f), 0, 0,
                             o->nfilters ? "no series left after --filter"
                                         : "no series: the file has no data rows");
    fdi_status st = as_of_outside(b, b->nfine ? lo : 1, b->nfine ? hi : 0, err);
    if (st != FDI_OK)
        return st;
    if (lo > hi)
        return fdi_error_set(err, FDI_ENODATA, fdi_frame_path(f), 0, 0,
                             "no observation up to the --as-of period");
    if (o->as_of != INT32_MAX && o->as_of > hi) {
        /* extend to the as-of period, aligned on the data's periods */
        int32_t k = (o->as_of - hi) / p->step;
        if (k > 1200)
            return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                                 "--as-of is more than 100 years after the data");
        hi += k * p->step;
    }
    /* the first row starts its fiscal year, so the ytd kernel sees it whole */
    p->first = lo = fdi_period_fiscal_first(lo, p->freq, p->fy_start);
    p->T = (size_t)((hi - lo) / p->step) + 1;
    return dense_enough(b, kept, err);
}

/* The two scatter jobs: the rows in halves, the split on a row whose cells
 * start a new word of the occupied bits (the threads never write the same
 * word); with the periods in order, each reads only its own stretch of the
 * observations. */
static void split_scatter(const panel_build *b, uint64_t *occupied, unsigned char *filled,
                          scatter_job half[2])
{
    const fdi_panel *p = b->p;
    size_t nobs = fdi_frame_nobs(b->f), nfine = b->nfine;
    const int32_t *op = fdi_frame_obs_period(b->f);
    for (int k = 0; k < 2; k++)
        half[k] = (scatter_job){.p = p, .o = b->o, .keep = b->keep, .fine_col = b->fine_col,
                                .os = fdi_frame_obs_series(b->f), .op = op,
                                .ov = fdi_frame_obs_value(b->f), .nfine = nfine,
                                .obs_lo = 0, .obs_hi = nobs, .fine = b->fine,
                                .occupied = occupied, .filled = filled};
    size_t mid = p->T / 2;
    while (mid < p->T && (mid * nfine) % 64)
        mid++;
    half[0].t_lo = 0;
    half[0].t_hi = half[1].t_lo = mid;
    half[1].t_hi = p->T;
    if (b->sorted) {
        int32_t from = p->first + (int32_t)mid * p->step;
        size_t a = 0, z = nobs; /* the first observation at or after from */
        while (a < z) {
            size_t c = a + (z - a) / 2;
            if (op[c] < from)
                a = c + 1;
            else
                z = c;
        }
        half[0].obs_hi = half[1].obs_lo = a;
    }
}

/* A series with the same period twice and no --dedupe: the error names
 * its keys, the period and the lines of the first duplicate. */
static fdi_status duplicate_error(const panel_build *b, size_t i, size_t ndup, fdi_error *err)
{
    const fdi_frame *f = b->f;
    const uint32_t *os = fdi_frame_obs_series(f), *ol = fdi_frame_obs_line(f);
    const int32_t *op = fdi_frame_obs_period(f);
    size_t j = 0, w = 0, nd = fdi_frame_ndims(f);
    /* the observation that took the cell first */
    while (j < i && !(os[j] == os[i] && op[j] == op[i]))
        j++;
    char per[16], key[300], more[64] = "";
    const uint32_t *k = fdi_frame_series_keys(f, os[i]);
    key[0] = '\0';
    for (size_t d = 0; d < nd && w < sizeof key - 2; d++) {
        int m = snprintf(key + w, sizeof key - w, "%s%s", d ? ", " : "",
                         fdi_frame_label(f, d, k[d]));
        if (m > 0)
            w += (size_t)m;
    }
    fdi_period_format(op[i], b->p->freq, per, sizeof per);
    if (ndup > 1)
        snprintf(more, sizeof more, " (%zu duplicates in all)", ndup);
    if (fdi_frame_nfiles(f) == 1)
        return fdi_error_set(err, FDI_EDUP, fdi_frame_path(f), ol[i], 0,
                             "series (%s) has period %s twice: lines %u and %u%s; "
                             "choose --dedupe first|last|sum",
                             key, per, (unsigned)(ol[j] ? ol[j] : 1), (unsigned)ol[i], more);
    /* files read together: each line in its own file */
    size_t li, lj;
    const char *fi = fdi_frame_where(f, ol[i], &li), *fj = fdi_frame_where(f, ol[j], &lj);
    return fdi_error_set(err, FDI_EDUP, fi, li, 0,
                         "series (%s) has period %s twice: %s line %zu and %s line %zu%s; "
                         "choose --dedupe first|last|sum",
                         key, per, fj, lj, fi, li, more);
}

/* Step (2): every observation kept into the fine matrix, on two threads
 * when it is big; a duplicate is an error unless --dedupe says. */
static fdi_status fill_fine(panel_build *b, fdi_error *err)
{
    fdi_panel *p = b->p;
    size_t nfine = b->nfine;
    b->fine = malloc(p->T * nfine * sizeof *b->fine);
    /* a bit a cell: has an observation been put there (the line of the
     * first is looked up again only for the error message) */
    uint64_t *occupied = calloc((p->T * nfine + 63) / 64, sizeof *occupied);
    unsigned char *filled = calloc(p->T, 1);
    fdi_status st = FDI_ENOMEM;
    if (b->fine && occupied && filled) {
        scatter_job half[2];
        split_scatter(b, occupied, filled, half);
        fdi__on_two_threads(scatter_rows, &half[0], &half[1],
                            p->T >= 2 && p->T * nfine >= PARALLEL_CELLS);
        size_t ndup = half[0].ndup + half[1].ndup;
        size_t first_dup = !half[0].ndup ? half[1].first_dup
                           : !half[1].ndup ? half[0].first_dup
                           : half[0].first_dup < half[1].first_dup ? half[0].first_dup
                                                                   : half[1].first_dup;
        st = ndup ? duplicate_error(b, first_dup, ndup, err) : FDI_OK;
    }
    free(occupied);
    free(filled);
    return st;
}

/* --by none adds every series kept into one: refused when they hold
 * different measures (money and project counts would mix), unless the
 * user wrote their sum (--value "a+b"). */
static fdi_status one_measure(const panel_build *b, fdi_error *err)
{
    const fdi_frame *f = b->f;
    size_t nd = fdi_frame_ndims(f), nfs = fdi_frame_nseries(f);
    size_t ncodes = b->mm.nframe + b->mm.nsums, count = 0, w = 0, ws = 0;
    unsigned char *seen = calloc(ncodes ? ncodes : 1, 1);
    char list[300], sum[300];
    if (!seen)
        return FDI_ENOMEM;
    for (size_t s = 0; s < nfs; s++)
        if (b->keep[s])
            seen[b->mm.code[fdi_frame_series_keys(f, s)[nd - 1]]] = 1;
    list[0] = sum[0] = '\0';
    for (uint32_t c = 0; c < ncodes; c++) {
        if (!seen[c])
            continue;
        const char *name = fdi__measure_map_name(&b->mm, f, c);
        int k = w < sizeof list ? snprintf(list + w, sizeof list - w, "%s%s", count ? ", " : "", name) : 0;
        int ks = ws < sizeof sum ? snprintf(sum + ws, sizeof sum - ws, "%s%s", count ? "+" : "", name) : 0;
        w += k > 0 ? (size_t)k : 0;
        ws += ks > 0 ? (size_t)ks : 0;
        count++;
    }
    free(seen);
    if (count <= 1)
        return FDI_OK;
    return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                         "--by none would add different measures into one total (%s); "
                         "pick one with --value, or write the sum as --value \"%s\"",
                         list, sum);
}

/* Step (3): the groups, the --by keys' codes of each kept series (and its
 * measure unless --by none), and each fine column's group. */
static fdi_status form_groups(panel_build *b, fdi_error *err)
{
    const fdi_frame *f = b->f;
    fdi_panel *p = b->p;
    size_t nd = fdi_frame_ndims(f), nfs = fdi_frame_nseries(f);
    p->dims = calloc(nd, sizeof *p->dims);
    b->group_of = malloc((b->nfine ? b->nfine : 1) * sizeof *b->group_of);
    b->series_of = malloc((b->nfine ? b->nfine : 1) * sizeof *b->series_of);
    uint32_t *tuple = calloc(nd, sizeof *tuple);
    fdi_status st = FDI_ENOMEM;
    if (!p->dims || !b->group_of || !b->series_of || !tuple)
        goto out;
    if ((st = parse_by(f, b->o->by, p->dims, nd - 1, &p->ndims, &b->measure_kept, err)) !=
            FDI_OK ||
        (st = fdi__measure_map_build(f, b->o->value_sums, &b->mm, err)) != FDI_OK ||
        (!b->measure_kept && (st = one_measure(b, err)) != FDI_OK))
        goto out;
    st = FDI_ENOMEM;
    fdi__tuplemap_free(&b->groups);
    fdi__tuplemap_init(&b->groups, p->ndims + (size_t)b->measure_kept);
    for (size_t s = 0; s < nfs; s++) {
        const uint32_t *k = fdi_frame_series_keys(f, s);
        if (!b->keep[s])
            continue;
        for (size_t d = 0; d < p->ndims; d++)
            tuple[d] = k[p->dims[d]];
        if (b->measure_kept)
            tuple[p->ndims] = b->mm.code[k[nd - 1]];
        int64_t g = fdi__tuplemap_intern(&b->groups, tuple);
        if (g < 0)
            goto out;
        b->group_of[b->fine_col[s]] = (uint32_t)g;
        b->series_of[b->fine_col[s]] = (uint32_t)s;
    }
    p->S = b->groups.count;
    st = FDI_OK;
out:
    free(tuple);
    return st;
}

/* The frame's dimensions --by sums away (not the measure) into dropped
 * (room for ndims); their count. */
static size_t dropped_dims(const panel_build *b, size_t *dropped)
{
    size_t nd = fdi_frame_ndims(b->f), n = 0;
    for (size_t d = 0; d + 1 < nd; d++) {
        int kept = 0;
        for (size_t k = 0; k < b->p->ndims; k++)
            kept |= b->p->dims[k] == d;
        if (!kept)
            dropped[n++] = d;
    }
    return n;
}

static const uint32_t *frame_keys(const void *ctx, size_t c)
{
    const panel_build *b = ctx;
    return fdi_frame_series_keys(b->f, b->series_of[c]);
}

/* Key d's pairs (doubt.h) over every fine column, the totals found so
 * far in total[], into b->pairs[d]; 0, or -1 when out of memory. */
static int pair_totals(panel_build *b, size_t d, const unsigned char *total)
{
    size_t nd = fdi_frame_ndims(b->f), n = b->nfine, nl = fdi_frame_nlabels(b->f, d);
    uint32_t *all = malloc((n ? n : 1) * sizeof *all);
    fdi__fig_col *cols = malloc((n ? n : 1) * sizeof *cols);
    int rc = all && cols && (b->pairs[d] = calloc(nl ? nl : 1, sizeof *b->pairs[d])) ? 0 : -1;
    for (size_t c = 0; rc == 0 && c < n; c++)
        all[c] = (uint32_t)c;
    if (rc == 0)
        rc = fdi__figures_slices(frame_keys, b, all, n, nd, d, cols);
    if (rc == 0) {
        fdi__figures_sort(cols, n);
        rc = fdi__figures_pairs(b->fine, b->p->T, n, cols, n, total, b->pairs[d]);
    }
    free(all);
    free(cols);
    return rc;
}

/* The total rows found by their figures (figures.h) in the keys summed
 * away, among the fine columns that are no total row by their label
 * (total[c] 0): their total[c] becomes 1, and each key's counts are kept
 * for the note (b->figures; fdi__figures_find's: exact for the totals,
 * the only ones the note reads).  Only from the fine matrix: a stream gave up
 * where one might be (stream.h).  0, or -1 when out of memory. */
static int figure_totals(panel_build *b, const size_t *dropped, size_t nd_drop,
                         unsigned char *total)
{
    size_t nd = fdi_frame_ndims(b->f), n = 0;
    uint32_t *which = malloc((b->nfine ? b->nfine : 1) * sizeof *which);
    fdi__fig_col *cols = malloc((b->nfine ? b->nfine : 1) * sizeof *cols);
    int rc = which && cols && (b->figures = calloc(nd, sizeof *b->figures)) &&
                     (b->pairs = calloc(nd, sizeof *b->pairs))
                 ? 0
                 : -1;
    for (size_t c = 0; rc == 0 && c < b->nfine; c++)
        if (!total[c])
            which[n++] = (uint32_t)c;
    for (size_t k = 0; rc == 0 && k < nd_drop; k++) {
        size_t d = dropped[k], nl = fdi_frame_nlabels(b->f, d);
        fdi__fig_count *cnt = b->figures[d] = calloc(nl ? nl : 1, sizeof *cnt);
        if (!cnt || fdi__figures_slices(frame_keys, b, which, n, nd, d, cols) != 0 ||
            fdi__figures_find(b->fine, b->p->T, b->nfine, cols, n, cnt) != 0) {
            rc = -1;
            break;
        }
        /* (cols is sorted now: its column, not which[i]) */
        for (size_t i = 0; i < n; i++)
            total[cols[i].col] |= (unsigned char)fdi__figures_is_total(cnt[cols[i].label]);
        if (pair_totals(b, d, total) != 0)
            rc = -1;
    }
    free(which);
    free(cols);
    return rc;
}

/* Which labels of key d are total rows by their label ("World", ...; a
 * World Bank aggregate only in a key that also holds the World:
 * fdi__is_total_label), malloc'd, one byte a label; NULL when out of
 * memory. */
static unsigned char *total_labels(const fdi_frame *f, size_t d)
{
    size_t nl = fdi_frame_nlabels(f, d);
    unsigned char *is_total = calloc(nl ? nl : 1, 1);
    if (!is_total)
        return NULL;
    int world = 0; /* the World Bank's aggregates are totals beside the World only */
    for (uint32_t c = 0; c < nl; c++)
        world |= fdi__is_world_label(fdi_frame_label(f, d, c));
    for (uint32_t c = 0; c < nl; c++)
        is_total[c] = fdi__total_kind(fdi_frame_label(f, d, c), world) != 0;
    return is_total;
}

/* A total row in key d by its label (total_labels) into total[c]; 0, or
 * -1 when out of memory. */
static int label_totals(const panel_build *b, size_t d, unsigned char *total)
{
    const fdi_frame *f = b->f;
    unsigned char *is_total = total_labels(f, d);
    if (!is_total)
        return -1;
    for (size_t c = 0; c < b->nfine; c++)
        total[c] |= is_total[fdi_frame_series_keys(f, b->series_of[c])[d]];
    free(is_total);
    return 0;
}

/* A group of total rows only (kind[g] 1: nothing else to sum, so they are
 * kept) that holds two total labels of one key summed away ("Cả nước" and
 * "Total", "World" and "High income"): adding them counts the total twice.
 * FDI_ECOMPUTE naming them, FDI_ENOMEM, or FDI_OK. */
static fdi_status totals_summed_together(const panel_build *b, const size_t *dropped,
                                         size_t nd_drop, const unsigned char *kind,
                                         fdi_error *err)
{
    const fdi_frame *f = b->f;
    fdi_status st = FDI_OK;
    uint32_t *first = malloc((b->p->S ? b->p->S : 1) * sizeof *first);
    for (size_t k = 0; first && st == FDI_OK && k < nd_drop; k++) {
        size_t d = dropped[k];
        unsigned char *is_total = total_labels(f, d);
        for (size_t g = 0; g < b->p->S; g++)
            first[g] = UINT32_MAX;
        for (size_t c = 0; is_total && st == FDI_OK && c < b->nfine; c++) {
            uint32_t g = b->group_of[c], l = fdi_frame_series_keys(f, b->series_of[c])[d];
            if (g == UINT32_MAX || kind[g] != 1 || !is_total[l] || first[g] == l)
                continue;
            if (first[g] == UINT32_MAX)
                first[g] = l;
            else
                st = fdi_error_set(
                    err, FDI_ECOMPUTE, fdi_frame_path(f), 0, 0,
                    "%s=%s and %s=%s are both total rows, and nothing else would be summed "
                    "with them: adding them counts the total twice; choose one with "
                    "--filter %s=..., or keep %s apart with --by",
                    fdi_frame_dim_name(f, d), fdi_frame_label(f, d, first[g]),
                    fdi_frame_dim_name(f, d), fdi_frame_label(f, d, l), fdi_frame_dim_name(f, d),
                    fdi_frame_dim_name(f, d));
        }
        if (!is_total)
            st = FDI_ENOMEM;
        free(is_total);
    }
    if (!first)
        st = FDI_ENOMEM;
    free(first);
    return st;
}

static fdi_status start_build(panel_build *b, fdi_error *err);
static fdi_status fill_fine(panel_build *b, fdi_error *err);

/* Whether a --filter names a key that --by sums away: figures.h's slices
 * of that key would lack the members the filter leaves out (a total and
 * part of its members no longer add up). */
static int on_dropped(const fdi_frame *f, const fdi_filter *flt, const size_t *dropped,
                      size_t nd_drop)
{
    for (size_t k = 0; k < nd_drop; k++)
        if (fdi_frame_dim_find(f, flt->column) == (long)dropped[k])
            return 1;
    return 0;
}

static int filters_dropped(const panel_build *b, const size_t *dropped, size_t nd_drop)
{
    for (size_t i = 0; i < b->o->nfilters; i++)
        if (on_dropped(b->f, &b->o->filters[i], dropped, nd_drop))
            return 1;
    return 0;
}

/* figure_totals over the wider matrix w: the series every --filter but
 * those on the keys summed away keeps (a total is the sum of all of its
 * key's values, whatever --filter shows), each read once (--dedupe first:
 * a duplicate the narrower matrix does not hold is no error here).  Its
 * totals into b's columns, its counts to b.  0; 1 when w cannot be made
 * (the caller searches b itself); -1 when out of memory. */
static int wide_totals(panel_build *b, panel_build *w, fdi_panel_options *o,
                       const size_t *dropped, size_t nd_drop, unsigned char *total)
{
    fdi_filter *kept = malloc((b->o->nfilters ? b->o->nfilters : 1) * sizeof *kept);
    if (!kept)
        return -1;
    o->nfilters = 0;
    for (size_t i = 0; i < b->o->nfilters; i++)
        if (!on_dropped(b->f, &b->o->filters[i], dropped, nd_drop))
            kept[o->nfilters++] = b->o->filters[i];
    o->filters = kept;
    fdi_error err = {0};
    fdi_status st = start_build(w, &err);
    st = st == FDI_OK ? place_rows(w, &err) : st;
    st = st == FDI_OK ? fill_fine(w, &err) : st;
    unsigned char *wt = st == FDI_OK ? calloc(w->nfine ? w->nfine : 1, 1) : NULL;
    w->series_of = st == FDI_OK ? malloc((w->nfine ? w->nfine : 1) * sizeof *w->series_of) : NULL;
    int rc = st == FDI_OK ? (wt && w->series_of ? 0 : -1) : st == FDI_ENOMEM ? -1 : 1;
    for (size_t s = 0; rc == 0 && s < fdi_frame_nseries(b->f); s++)
        if (w->keep[s])
            w->series_of[w->fine_col[s]] = (uint32_t)s;
    for (size_t k = 0; rc == 0 && k < nd_drop; k++)
        rc = label_totals(w, dropped[k], wt);
    rc = rc == 0 ? figure_totals(w, dropped, nd_drop, wt) : rc;
    for (size_t c = 0; rc == 0 && c < b->nfine; c++)
        total[c] |= wt[w->fine_col[b->series_of[c]]];
    if (rc == 0) {
        b->figures = w->figures, b->pairs = w->pairs;
        w->figures = NULL, w->pairs = NULL;
    }
    free(wt);
    free(kept);
    return rc;
}

/* The figures' search (figure_totals) on b, or on the wider matrix when
 * a --filter names a key summed away (wide_totals).  0, or -1 when out of
 * memory. */
static int search_figures(panel_build *b, const size_t *dropped, size_t nd_drop,
                          unsigned char *total)
{
    if (!filters_dropped(b, dropped, nd_drop))
        return figure_totals(b, dropped, nd_drop, total);
    fdi_panel_options o = *b->o;
    o.source_only = 1;
    if (o.dedupe == FDI_DEDUPE_ERROR)
        o.dedupe = FDI_DEDUPE_FIRST;
    panel_build w = {.f = b->f, .o = &o};
    fdi__tuplemap_init(&w.groups, 0);
    int rc = wide_totals(b, &w, &o, dropped, nd_drop, total);
    panel_build_free(&w);
    fdi_panel_destroy(w.p);
    return rc == 1 ? figure_totals(b, dropped, nd_drop, total) : rc;
}

/* Per label of key d, doubt[l]: 1 thin evidence of a total, 2 a total
 * beside a subtotal, 3 that subtotal (doubt.h). */
static void doubts_of_key(const panel_build *b, size_t d, unsigned char *doubt)
{
    const fdi__fig_count *cnt = b->figures[d];
    const fdi__fig_pair *pr = b->pairs[d];
    size_t nl = fdi_frame_nlabels(b->f, d);
    memset(doubt, 0, nl);
    for (size_t l = 0; l < nl; l++) {
        if (fdi__figures_pair_doubt(pr[l])) {
            doubt[l] = 2;
            if (pr[l].partner && !doubt[pr[l].partner - 1])
                doubt[pr[l].partner - 1] = 3;
        } else if (!fdi__figures_is_total(cnt[l]) && fdi__figures_thin(cnt[l]) && !doubt[l]) {
            doubt[l] = 1;
        }
    }
}

/* The refusal for label l of key d, doubt as doubts_of_key's. */
static fdi_status doubt_error(const panel_build *b, size_t d, uint32_t l, unsigned char doubt,
                              fdi_error *err)
{
    const fdi_frame *f = b->f;
    const char *key = fdi_frame_dim_name(f, d);
    const fdi__fig_count c = b->figures[d][l];
    uint32_t x = l;
    for (uint32_t m = 0; doubt == 3 && m < fdi_frame_nlabels(f, d); m++)
        if (b->pairs[d][m].partner == l + 1 && fdi__figures_pair_doubt(b->pairs[d][m]))
            x = m;
    const fdi__fig_pair p = b->pairs[d][x];
    if (doubt == 1)
        return fdi_error_set(err, FDI_ECOMPUTE, fdi_frame_path(f), 0, 0,
                             "%s=%s may be a total row: it equals the sum of the others in %u "
                             "of %u periods, too few to tell (%d are needed); leave it out with "
                             "--filter %s=..., or add it in with --keep-totals",
                             key, fdi_frame_label(f, d, l), c.matched, c.periods,
                             (int)FDI__FIGURES_MIN_PERIODS, key);
    return fdi_error_set(err, FDI_ECOMPUTE, fdi_frame_path(f), 0, 0,
                         "%s=%s may be a total row beside a subtotal: it equals the sum of the "
                         "others but %s=%s in %u of %u periods, so a sum would count some "
                         "rows twice; name the rows to add with --filter %s=..., or add every "
                         "row with --keep-totals",
                         key, fdi_frame_label(f, d, x), key,
                         fdi_frame_label(f, d, p.partner ? p.partner - 1 : l), p.matched,
                         p.periods, key);
}

/* A row the figures cannot tell (doubt.h) summed with others, no total
 * found: FDI_ECOMPUTE naming it. */
static fdi_status refuse_doubts(const panel_build *b, const size_t *dropped, size_t nd_drop,
                                const unsigned char *total, fdi_error *err)
{
    size_t S = b->p->S, maxl = 1;
    for (size_t k = 0; k < nd_drop; k++)
        if (fdi_frame_nlabels(b->f, dropped[k]) > maxl)
            maxl = fdi_frame_nlabels(b->f, dropped[k]);
    uint32_t *plain = calloc(S ? S : 1, sizeof *plain); /* a group's rows no total */
    unsigned char *doubt = malloc(maxl);
    fdi_status st = plain && doubt ? FDI_OK : FDI_ENOMEM;
    for (size_t c = 0; st == FDI_OK && c < b->nfine; c++)
        plain[b->group_of[c]] += !total[c];
    for (size_t k = 0; st == FDI_OK && k < nd_drop; k++) {
        size_t d = dropped[k];
        doubts_of_key(b, d, doubt);
        for (size_t c = 0; st == FDI_OK && c < b->nfine; c++) {
            uint32_t l = fdi_frame_series_keys(b->f, b->series_of[c])[d];
            if (!total[c] && doubt[l] && plain[b->group_of[c]] >= 2)
                st = doubt_error(b, d, l, doubt[l], err);
        }
    }
    free(plain);
    free(doubt);
    return st;
}

/* Step (3b): a total row in a key that --by sums away, by its label
 * (label_totals) or its figures (figure_totals), is left out of its group
 * when the group holds other rows too (the parts it totals): its group_of
 * becomes UINT32_MAX, left_of says which group.
 * --keep-totals keeps them, and so does a group of totals only (asked for
 * by --filter).  The figures are searched over the key's every value,
 * whatever --filter keeps (search_figures); a row they cannot tell
 * (doubt.h) summed with others is FDI_ECOMPUTE naming it (refuse_doubts). */
static fdi_status leave_out_totals(panel_build *b, fdi_error *err)
{
    const fdi_frame *f = b->f;
    size_t nd = fdi_frame_ndims(f), S = b->p->S, nfine = b->nfine;
    if (!b->o->by || b->o->keep_totals || nfine == 0)
        return FDI_OK;
    size_t *dropped = malloc(nd * sizeof *dropped), nd_drop;
    unsigned char *total = calloc(nfine, 1), *kind = calloc(S ? S : 1, 1);
    fdi_status st = FDI_ENOMEM;
    if (!dropped || !total || !kind)
        goto out;
    nd_drop = dropped_dims(b, dropped);
    for (size_t k = 0; k < nd_drop; k++)
        if (label_totals(b, dropped[k], total) != 0)
            goto out;
    if (b->fine && search_figures(b, dropped, nd_drop, total) != 0)
        goto out;
    if (b->fine && (st = refuse_doubts(b, dropped, nd_drop, total, err)) != FDI_OK)
        goto out;
    for (size_t c = 0; c < nfine; c++) /* bit 1: a total row, bit 2: another */
        if (b->group_of[c] != UINT32_MAX)
            kind[b->group_of[c]] |= total[c] ? 1 : 2;
    if ((st = totals_summed_together(b, dropped, nd_drop, kind, err)) != FDI_OK)
        goto out;
    for (size_t c = 0; c < nfine && st == FDI_OK; c++) {
        if (!total[c] || kind[b->group_of[c]] != 3)
            continue;
        if (!b->left_of) {
            if (!(b->left_of = malloc(nfine * sizeof *b->left_of))) {
                st = FDI_ENOMEM;
                break;
            }
            for (size_t i = 0; i < nfine; i++)
                b->left_of[i] = UINT32_MAX;
        }
        b->left_of[c] = b->group_of[c];
        b->group_of[c] = UINT32_MAX;
    }
out:
    free(dropped);
    free(total);
    free(kind);
    return st;
}

/* Series g's text said in *codes (see fdi_panel.texts): kept once in
 * texts, the array made with the first; nothing when text is NULL.  0, or
 * -1 when out of memory. */
static int say(fdi_panel *p, uint32_t **codes, size_t g, const char *text)
{
    if (!text)
        return 0;
    if (!*codes && !(*codes = calloc(p->S, sizeof **codes)))
        return -1;
    int64_t c = fdi__dict_intern(&p->texts, text, strlen(text));
    if (c < 0)
        return -1;
    (*codes)[g] = (uint32_t)c + 1;
    return 0;
}

/* What *codes says of series s (NULL: nothing). */
static const char *said(const fdi_panel *p, const uint32_t *codes, size_t s)
{
    return s < p->S && codes && codes[s] ? fdi__dict_str(&p->texts, codes[s] - 1) : NULL;
}

/* The texts of each series (allocated, NULL: none) said in *codes, and
 * freed with their array (NULL: nothing to keep); 0, or -1 when out of
 * memory. */
static int keep_said(fdi_panel *p, char **text, uint32_t **codes)
{
    int fail = 0;
    for (size_t g = 0; g < p->S && text; g++) {
        fail |= !fail && say(p, codes, g, text[g]);
        free(text[g]);
    }
    free(text);
    return fail;
}

/* Each group's keys, member count, measure, and what it summed away. */
static fdi_status describe_groups(panel_build *b)
{
    const fdi_frame *f = b->f;
    fdi_panel *p = b->p;
    size_t nd = fdi_frame_ndims(f);
    for (size_t g = 0; g < p->S; g++)
        for (size_t d = 0; d < p->ndims; d++)
            p->keys[g * p->ndims + d] = b->groups.tuples[g * b->groups.width + d];
    /* every member of a group has the one measure (one_measure) */
    size_t nm = b->mm.nframe + b->mm.nsums;
    if (!(p->measure_names = calloc(nm ? nm : 1, sizeof *p->measure_names)))
        return FDI_ENOMEM;
    p->nmeasure_names = nm;
    for (size_t c = 0; c < b->nfine; c++) {
        uint32_t g = b->group_of[c];
        if (g == UINT32_MAX)
            continue;
        if (p->members[g]++)
            continue;
        uint32_t m = b->mm.code[fdi_frame_series_keys(f, b->series_of[c])[nd - 1]];
        if (!p->measure_names[m]) {
            const char *name = fdi__measure_map_name(&b->mm, f, m);
            if (!(p->measure_names[m] = malloc(strlen(name) + 1)))
                return FDI_ENOMEM;
            strcpy(p->measure_names[m], name);
        }
        p->measure[g] = m;
    }
    size_t *dropped = malloc(nd * sizeof *dropped);
    char **summed = calloc(p->S ? p->S : 1, sizeof *summed),
         **note = calloc(p->S ? p->S : 1, sizeof *note);
    int fail = !dropped || !summed || !note;
    if (!fail) {
        fdi__summed_job j = {f, b->series_of, b->group_of, b->left_of, b->nfine, p->S, dropped,
                             dropped_dims(b, dropped), (const fdi__fig_count *const *)b->figures};
        fail = fdi__summed_describe(&j, summed, note);
    }
    fail |= keep_said(p, summed, &p->summed) | keep_said(p, note, &p->summed_note);
    free(dropped);
    return fail ? FDI_ENOMEM : FDI_OK;
}

static char *copy_text(const char *s)
{
    char *c = s ? malloc(strlen(s) + 1) : NULL;
    return c ? strcpy(c, s) : NULL;
}

/* The unit a value column's name states: the text in its last
 * parentheses ("Newly registered capital (million USD)"), or a snake-case
 * ending (value_usd_m, value_usd_mn: "million USD"; _usd_bn: "bn USD";
 * _vnd_bn: "bn VND") into *out, allocated; NULL when the name says none.
 * Nonzero when out of memory. */
static int unit_of_name(const char *name, char **out)
{
    static const struct {
        const char *end, *unit;
    } ends[] = {{"usd_m", "million USD"}, {"usd_mn", "million USD"},
                {"usd_million", "million USD"}, {"usd_bn", "bn USD"}, {"vnd_bn", "bn VND"}};
    const char *open = strrchr(name, '('), *close = open ? strchr(open, ')') : NULL;
    size_t n = strlen(name);
    if (open && close && close > open + 1) {
        while (open[1] == ' ')
            open++;
        char *u = *out = malloc((size_t)(close - open));
        if (!u)
            return -1;
        memcpy(u, open + 1, (size_t)(close - open - 1));
        u[close - open - 1] = '\0';
        for (size_t k = strlen(u); k && u[k - 1] == ' '; k--)
            u[k - 1] = '\0';
        return 0;
    }
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t e = strlen(ends[i].end);
        if (n > e && strcasecmp(name + n - e, ends[i].end) == 0 &&
            (name[n - e - 1] == '_' || name[n - e - 1] == ' '))
            return (*out = copy_text(ends[i].unit)) ? 0 : -1;
    }
    *out = NULL;
    return 0;
}

/* The unit a sum written in --value ("a+b", the k-th) states: its
 * columns' (unit_of_name) when every one states the same; none when one
 * states none ("Number of new projects+Newly registered capital (million
 * USD)" is no amount of million USD); FDI_EUSAGE when two state different
 * units, which --by would not add either. */
static fdi_status unit_of_sum(const panel_build *b, size_t k, char **out, fdi_error *err)
{
    const fdi_frame *f = b->f;
    size_t md = fdi_frame_ndims(f) - 1;
    char *first = NULL, *u = NULL;
    int none = 0;
    fdi_status st = FDI_OK;
    for (uint32_t c = 0; st == FDI_OK && c < b->mm.nframe; c++) {
        if (b->mm.code[c] != b->mm.nframe + k)
            continue;
        if (unit_of_name(fdi_frame_label(f, md, c), &u))
            st = FDI_ENOMEM;
        else if (!u)
            none = 1;
        else if (!first)
            first = u, u = NULL;
        else if (strcmp(first, u) != 0)
            st = fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                               "--value %s would add values of different units (\"%s\" and "
                               "\"%s\"): name one column, or convert one first",
                               b->mm.sum_names[k], first, u);
        free(u);
        u = NULL;
    }
    if (st != FDI_OK || none) {
        free(first);
        first = NULL;
    }
    *out = first;
    return st;
}

/* Group g's unit from its value column's name, or its sum's (unit_of_sum). */
static fdi_status unit_of_group(const panel_build *b, size_t g, char **out, fdi_error *err)
{
    const fdi_panel *p = b->p;
    for (size_t k = 0; k < b->mm.nsums; k++)
        if (p->measure[g] == b->mm.nframe + k)
            return unit_of_sum(b, k, out, err);
    return unit_of_name(fdi_panel_measure(p, g), out) ? FDI_ENOMEM : FDI_OK;
}

/* Values read with --scale (other than 1 or -1) are no longer in the unit
 * the data states (a unit column or the value column's name): 2,729.86
 * "million USD" read with --scale 0.001 is 2.73, and "2.73 million USD"
 * would be a plausible wrong figure.  FDI_EUSAGE unless --unit names the
 * new unit; p->unit as the data states it. */
static fdi_status scaled_unit(const fdi_panel *p, const fdi_frame *f, fdi_error *err)
{
    double k = fdi_frame_scale(f);
    if (fabs(k) == 1.0)
        return FDI_OK;
    for (size_t g = 0; g < p->S; g++)
        if (said(p, p->unit, g))
            return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                 "--scale %g changes the values of %s, which the data states "
                                 "in %s (%s): name their unit after scaling with --unit",
                                 k, fdi_panel_measure(p, g), said(p, p->unit, g),
                                 fdi_frame_unit_dim(f) >= 0 ? "its unit column"
                                                            : "the value column's name");
    return FDI_OK;
}

/* --unit over a unit the data states (data, from its unit column when
 * in_column, else the value column's name): with --scale it names the
 * converted values' unit, and it may name the same unit another way
 * (units.h); else it would print the values under a unit they are not in
 * ("bn USD" over million USD figures): FDI_EUSAGE. */
static fdi_status renamed_unit(const panel_build *b, size_t g, const char *data, int in_column,
                               fdi_error *err)
{
    int k = data ? fdi__unit_known(data) : -1;
    if (!data || fabs(fdi_frame_scale(b->f)) != 1.0 || fdi__caseeq(data, b->o->unit) ||
        (k >= 0 && k == fdi__unit_known(b->o->unit)))
        return FDI_OK; /* (the same unit by another name: "bn VND" for "tỷ đồng") */
    return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(b->f), 0, 0,
                         "--unit \"%s\" would rename the unit %s states for %s (%s) without "
                         "converting the values: give the factor with --scale (million to bn "
                         "USD is --scale 0.001), or leave --unit out",
                         b->o->unit, in_column ? "its unit column" : "the value column's name",
                         fdi_panel_measure(b->p, g), data);
}

/* Each group's unit: --unit, else the data's unit column (a group whose
 * members carry two units would add different things: FDI_ECOMPUTE), else
 * what the value column's name says (unit_of_name), else none. */
static fdi_status units_of_groups(panel_build *b, fdi_error *err)
{
    fdi_panel *p = b->p;
    const fdi_frame *f = b->f;
    long ud = fdi_frame_unit_dim(f);
    uint32_t *code = malloc((p->S ? p->S : 1) * sizeof *code);
    if (!code)
        return FDI_ENOMEM;
    for (size_t g = 0; g < p->S; g++)
        code[g] = UINT32_MAX;
    for (size_t c = 0; c < b->nfine && ud >= 0; c++) {
        uint32_t g = b->group_of[c], u = fdi_frame_series_keys(f, b->series_of[c])[ud];
        if (g == UINT32_MAX || code[g] == u)
            continue;
        if (code[g] == UINT32_MAX) {
            code[g] = u;
            continue;
        }
        fdi_status st = fdi_error_set(
            err, FDI_ECOMPUTE, fdi_frame_path(f), 0, 0,
            "--by would add values of different units (%s \"%s\" and \"%s\"): keep them "
            "apart with --by ...,%s or choose one with --filter %s=...",
            fdi_frame_dim_name(f, (size_t)ud), fdi_frame_label(f, (size_t)ud, code[g]),
            fdi_frame_label(f, (size_t)ud, u), fdi_frame_dim_name(f, (size_t)ud),
            fdi_frame_dim_name(f, (size_t)ud));
        free(code);
        return st;
    }
    int stated = !(b->o->unit && *b->o->unit);
    for (size_t g = 0; g < p->S; g++) {
        const char *col = code[g] != UINT32_MAX ? fdi_frame_label(f, (size_t)ud, code[g]) : NULL;
        char *named = NULL;
        fdi_status st = col ? FDI_OK : unit_of_group(b, g, &named, err);
        const char *data = col ? col : named;
        if (st == FDI_OK && !stated)
            st = renamed_unit(b, g, data, col != NULL, err);
        if (st == FDI_OK && say(p, &p->unit, g, stated ? data : b->o->unit))
            st = FDI_ENOMEM;
        free(named);
        if (st != FDI_OK) {
            free(code);
            return st;
        }
    }
    free(code);
    return stated ? scaled_unit(p, f, err) : FDI_OK;
}

/* The panel's own arrays.  When every group is one fine column, in order
 * (no --by, or --by every key), the fine matrix is already the groups' and
 * becomes the panel's.  The matrix read into, and unless source_only the
 * one derived from it with the counts of missing periods. */
static fdi_status alloc_panel(panel_build *b)
{
    fdi_panel *p = b->p;
    b->same_columns = p->S == b->nfine;
    for (size_t c = 0; c < b->nfine && b->same_columns; c++)
        b->same_columns = b->group_of[c] == c;
    if (b->same_columns) {
        if (p->ytd)
            p->cum = b->fine;
        else
            p->flow = b->fine;
        b->fine = NULL;
    }
    p->keys = malloc(((p->S * p->ndims) != 0 ? p->S * p->ndims : 1) * sizeof *p->keys);
    p->members = calloc(p->S, sizeof *p->members);
    p->measure = calloc(p->S, sizeof *p->measure);
    int derive = !b->o->source_only;
    if (!p->flow && (derive || !p->ytd))
        p->flow = malloc(p->T * p->S * sizeof *p->flow);
    if (!p->cum && (derive || p->ytd))
        p->cum = malloc(p->T * p->S * sizeof *p->cum);
    if (derive)
        p->miss = calloc(p->T * p->S, sizeof *p->miss);
    if (!p->keys || !p->members || !p->measure || (p->ytd ? !p->cum : !p->flow) ||
        (derive && (!p->flow || !p->cum || !p->miss)))
        return FDI_ENOMEM;
    return FDI_OK;
}

/* Step (4): the fine columns summed into the groups; a cell stays NaN
 * until some member has a value. */
static void sum_into_groups(panel_build *b)
{
    fdi_panel *p = b->p;
    double *agg = p->ytd ? p->cum : p->flow;
    for (size_t i = 0; i < p->T * p->S; i++)
        agg[i] = NAN;
    for (size_t t = 0; t < p->T; t++) {
        const double *src = b->fine + t * b->nfine;
        double *dst = agg + t * p->S;
        for (size_t c = 0; c < b->nfine; c++) {
            double v = src[c];
            if (v == v && b->group_of[c] != UINT32_MAX) {
                double *cell = &dst[b->group_of[c]];
                *cell = (*cell == *cell) ? *cell + v : v;
            }
        }
    }
}

/* Step (5), and --fill zero: the year to date, or flows from year-to-date
 * input, with two halves of the series on two threads. */
static void derive_columns(fdi_panel *p, const fdi_panel_options *o)
{
    if (!o->source_only) {
        columns_job half[2] = {{p, 0, p->S / 2}, {p, p->S / 2, p->S}};
        fdi__on_two_threads(ytd_columns, &half[0], &half[1], p->T * p->S >= PARALLEL_CELLS);
    }
    p->source = p->ytd ? p->cum : p->flow;
    if (o->fill_zero && !p->ytd)
        fill_zero(p);
}

/* A stream's sums into the groups' matrix (stream.h): a group's cell is
 * the sum of its members that are no total row, or when it has none, of
 * its total rows (leave_out_totals's choice). */
static void sums_of_stream(panel_build *b, const fdi__panel_stream *s)
{
    fdi_panel *p = b->p;
    double *agg = p->ytd ? p->cum : p->flow;
    for (size_t t = 0; t < p->T; t++) {
        int32_t month = p->first + (int32_t)t * p->step;
        size_t m = (size_t)(month - s->from);
        for (size_t g = 0; g < p->S; g++)
            agg[t * p->S + g] = month < s->from || m >= s->months
                                    ? (double)NAN
                                    : s->acc[(g * 2 + (s->plain[g] ? 0 : 1)) * s->months + m];
    }
}

/* Whether the stream formed the groups form_groups formed, in the same
 * order. */
static int same_groups(const panel_build *b, const fdi__panel_stream *s)
{
    const fdi__tuplemap *a = &b->groups, *c = &s->groups;
    return s->ready && a->count == c->count && a->width == c->width &&
           (a->count == 0 || memcmp(a->tuples, c->tuples, a->count * a->width * sizeof *a->tuples) == 0);
}

/* Which fine column has a value at which panel row, from a stream's bits
 * (the fine matrix is not made when the sums are taken as read). */
typedef struct {
    const panel_build *b;
    const fdi__panel_stream *s;
} stream_rows;

static int stream_has_value(const void *ctx, size_t t, size_t c)
{
    const stream_rows *r = ctx;
    int32_t month = fdi_panel_period(r->b->p, t);
    if (month < r->s->from || (size_t)(month - r->s->from) >= r->s->months)
        return 0;
    size_t bit = (size_t)r->b->series_of[c] * r->s->months + (size_t)(month - r->s->from);
    return (int)(r->s->have[bit / 64] >> (bit % 64) & 1);
}

/* The rows at which each group's sum lacks members (members.h), from the
 * fine matrix or the stream's bits; nonzero when out of memory. */
static int members_gaps(panel_build *b, const fdi__panel_stream *s)
{
    fdi__fine_matrix m = {b->fine, b->nfine};
    stream_rows r = {b, s};
    return fdi__members_gaps_build(s ? stream_has_value : fdi__fine_has_value,
                                   s ? (const void *)&r : (const void *)&m, b->p->T, b->nfine,
                                   b->group_of, b->p->ytd ? b->p->cum : b->p->flow, b->p->S,
                                   &b->p->gaps);
}

/* Year-to-date input read with a fiscal year (--fy-start other than 1)
 * whose figures restart in January, not at the fiscal year's start: they
 * are calendar years to date, and the fiscal reading would difference
 * across the restart (the first fiscal period the whole calendar year so
 * far).  FDI_EUSAGE naming the first restart when most steps into January
 * restart and most into the fiscal year's first period do not. */
static fdi_status calendar_restarts(const fdi_panel *p, const char *path, fdi_error *err)
{
    if (!p->ytd || p->fy_start == 1 || p->freq == 1)
        return FDI_OK;
    fdi__restarts cal, fy;
    fdi__restarts_count(p->source, p->T, p->S, p->first, p->step, p->freq, 1, &cal);
    fdi__restarts_count(p->source, p->T, p->S, p->first, p->step, p->freq, p->fy_start, &fy);
    if (!cal.drops || 2 * cal.drops <= cal.n || 2 * fy.drops > fy.n)
        return FDI_OK;
    char title[256], now[16], before[16];
    const double *x = p->source + cal.t * p->S + cal.s;
    size_t len = (size_t)snprintf(title, sizeof title, "%s", fdi_panel_measure(p, cal.s));
    for (size_t d = 0; d < p->ndims && len < sizeof title; d++) /* (not series.c's: above) */
        if (!fdi__is_unit_name(fdi_panel_dim_name(p, d)))
            len += (size_t)snprintf(title + len, sizeof title - len, ", %s",
                                    fdi_panel_label(p, cal.s, d));
    fdi_period_format(fdi_panel_period(p, cal.t), p->freq, now, sizeof now);
    fdi_period_format(fdi_panel_period(p, cal.t - 1), p->freq, before, sizeof before);
    return fdi_error_set(err, FDI_EUSAGE, path, 0, 0,
                         "the year-to-date figures restart in January (%s: %g in %s after %g "
                         "in %s; so at %zu of %zu Januaries observed), not where --fy-start "
                         "%d opens the year: they are calendar years to date; leave "
                         "--fy-start out, or give monthly flows",
                         title, x[0], now, x[-(ptrdiff_t)p->S], before, cal.drops, cal.n,
                         p->fy_start);
}

/* The steps after the fine matrix: groups, totals, the panel's arrays,
 * what each group summed away, units; then the sums (from the fine
 * matrix, or a stream's) and the derived columns. */
static fdi_status finish_build(panel_build *b, const fdi__panel_stream *s, fdi_error *err)
{
    fdi_status st;
    if ((st = form_groups(b, err)) != FDI_OK)
        return st;
    if (s && !same_groups(b, s))
        return fdi_error_set(err, FDI_ECOMPUTE, fdi_frame_path(b->f), 0, 0,
                             "the groups summed as read differ from the panel's");
    if ((st = leave_out_totals(b, err)) != FDI_OK || (st = alloc_panel(b)) != FDI_OK ||
        (st = describe_groups(b)) != FDI_OK || (st = units_of_groups(b, err)) != FDI_OK)
        return st;
    if (s)
        sums_of_stream(b, s);
    else if (!b->same_columns)
        sum_into_groups(b);
    if (!b->same_columns && !b->o->fill_zero && members_gaps(b, s) != 0)
        return FDI_ENOMEM;
    free(b->fine);
    b->fine = NULL;
    derive_columns(b->p, b->o);
    return calendar_restarts(b->p, fdi_frame_path(b->f), err);
}

/* What fdi_panel_build and fdi__panel_build_streamed end with. */
static fdi_status conclude(panel_build *b, fdi_status st, fdi_panel **out, fdi_error *err)
{
    if (st == FDI_OK) {
        *out = b->p;
        b->p = NULL;
    }
    if (st == FDI_ENOMEM)
        fdi_error_set(err, FDI_ENOMEM, fdi_frame_path(b->f), 0, 0, "out of memory");
    panel_build_free(b);
    fdi_panel_destroy(b->p);
    return st;
}

fdi_status fdi_panel_build(const fdi_frame *f, const fdi_panel_options *opt,
                           fdi_panel **out, fdi_error *err)
{
    fdi_panel_options def = fdi_panel_options_default();
    panel_build b = {.f = f, .o = opt ? opt : &def};
    fdi_status st;

    *out = NULL;
    fdi__tuplemap_init(&b.groups, 0);
    if ((st = start_build(&b, err)) == FDI_OK && (st = place_rows(&b, err)) == FDI_OK &&
        (st = fill_fine(&b, err)) == FDI_OK)
        st = finish_build(&b, NULL, err);
    return conclude(&b, st, out, err);
}

fdi_status fdi__panel_build_streamed(const fdi_frame *f, const fdi_panel_options *o,
                                     const fdi__panel_stream *s, fdi_panel **out,
                                     fdi_error *err)
{
    panel_build b = {.f = f, .o = o};
    fdi_status st;
    *out = NULL;
    fdi__tuplemap_init(&b.groups, 0);
    if (s->failed)
        st = fdi_error_set(err, FDI_ECOMPUTE, fdi_frame_path(f), 0, 0, "%s", s->failed);
    else if ((st = start_build(&b, err)) == FDI_OK &&
             (st = rows_of_span(&b, s->lo, s->hi, s->kept, err)) == FDI_OK)
        st = finish_build(&b, s, err);
    return conclude(&b, st, out, err);
}

size_t fdi_panel_nperiods(const fdi_panel *p) { return p->T; }
size_t fdi_panel_nseries(const fdi_panel *p) { return p->S; }
int fdi_panel_freq(const fdi_panel *p) { return p->freq; }
int fdi_panel_fy_start(const fdi_panel *p) { return p->fy_start; }
int fdi_panel_is_ytd(const fdi_panel *p) { return p->ytd; }

int32_t fdi_panel_period(const fdi_panel *p, size_t t)
{
    return p->first + (int32_t)t * p->step;
}

long fdi_panel_row(const fdi_panel *p, int32_t month)
{
    int32_t d = month - p->first;
    if (d < 0 || d % p->step != 0 || (size_t)(d / p->step) >= p->T)
        return -1;
    return d / p->step;
}

int fdi_panel_position(const fdi_panel *p, size_t t)
{
    return fdi_period_fiscal_position(fdi_panel_period(p, t), p->freq, p->fy_start);
}

int fdi_panel_months_left(const fdi_panel *p, size_t t)
{
    return (p->freq - fdi_panel_position(p, t)) * (12 / p->freq);
}

/* (NULL for the matrices a source_only panel does not have) */
const double *fdi_panel_flow(const fdi_panel *p, size_t t)
{
    return p->flow ? p->flow + t * p->S : NULL;
}
const double *fdi_panel_cum(const fdi_panel *p, size_t t)
{
    return p->cum ? p->cum + t * p->S : NULL;
}
const uint16_t *fdi_panel_missing(const fdi_panel *p, size_t t)
{
    return p->miss ? p->miss + t * p->S : NULL;
}
const double *fdi_panel_source(const fdi_panel *p, size_t t) { return p->source + t * p->S; }
size_t fdi_panel_ndims(const fdi_panel *p) { return p->ndims; }

const char *fdi_panel_dim_name(const fdi_panel *p, size_t d)
{
    return d < p->ndims ? fdi_frame_dim_name(p->frame, p->dims[d]) : "";
}

const char *fdi_panel_label(const fdi_panel *p, size_t s, size_t d)
{
    if (s >= p->S || d >= p->ndims)
        return "";
    return fdi_frame_label(p->frame, p->dims[d], p->keys[s * p->ndims + d]);
}

const char *fdi_panel_measure(const fdi_panel *p, size_t s)
{
    return s < p->S ? p->measure_names[p->measure[s]] : "";
}

size_t fdi_panel_members(const fdi_panel *p, size_t s)
{
    return s < p->S ? p->members[s] : 0;
}

const char *fdi_panel_summed(const fdi_panel *p, size_t s)
{
    const char *t = said(p, p->summed, s);
    return t ? t : "";
}

size_t fdi_panel_rows_rejected(const fdi_panel *p)
{
    return fdi_frame_stats(p->frame)->rows_rejected;
}

const char *fdi_panel_filters(const fdi_panel *p) { return p->filters ? p->filters : ""; }

const char *fdi_panel_unit(const fdi_panel *p, size_t s)
{
    return said(p, p->unit, s);
}

size_t fdi_panel_members_missing(const fdi_panel *p, size_t s, size_t t)
{
    if (s >= p->S || t >= p->T)
        return 0;
    size_t lo = p->ytd ? t : t + 1 - (size_t)fdi_panel_position(p, t);
    return fdi__members_gaps_count(&p->gaps, s, lo, t);
}

const char *fdi_panel_summed_note(const fdi_panel *p, size_t s)
{
    const char *t = said(p, p->summed_note, s);
    return t ? t : "";
}
