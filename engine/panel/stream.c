/* stream.c - a panel's --by sums taken as the file is read (stream.h). */
#include "panel/stream.h"
#include "panel/figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int fdi__panel_stream_init(fdi__panel_stream *s, const fdi_panel_options *o, int32_t from,
                           int32_t to)
{
    memset(s, 0, sizeof *s);
    s->o = o;
    s->from = from;
    s->months = to >= from ? (size_t)(to - from) + 1 : 0;
    s->lo = INT32_MAX;
    s->hi = INT32_MIN;
    fdi__tuplemap_init(&s->groups, 0);
    return 0;
}

void fdi__panel_stream_free(fdi__panel_stream *s)
{
    free(s->dims);
    free(s->dropped);
    free(s->filter_dim);
    fdi__measure_map_free(&s->mm);
    fdi__tuplemap_free(&s->groups);
    free(s->tuple);
    free(s->group_of);
    free(s->total);
    free(s->seen);
    free(s->have);
    free(s->acc);
    free(s->last);
    free(s->plain);
    free(s->peak);
    free(s->peak_sid);
    free(s->second);
    free(s->second_sid);
    free(s->nonzero);
    memset(s, 0, sizeof *s);
}

/* Whether a --filter names a key summed away: a total's figures are the
 * sum of all of that key's values, which the sums of the rows the filter
 * keeps cannot show (panel.c searches the whole key). */
static int filters_dropped(const fdi__panel_stream *s)
{
    for (size_t i = 0; i < s->o->nfilters && !s->o->keep_totals; i++)
        for (size_t k = 0; k < s->ndropped; k++)
            if (s->filter_dim[i] == (long)s->dropped[k])
                return 1;
    return 0;
}

/* At the first observations, the frame's dimensions being known: the --by
 * keys, the keys summed away, the filters' dimensions, the measure map. */
static const char *resolve_dims(fdi__panel_stream *s, const fdi_frame *f)
{
    size_t nd = fdi_frame_ndims(f);
    int measure_kept = 0;
    fdi_error err;
    s->dims = calloc(nd, sizeof *s->dims);
    s->dropped = calloc(nd, sizeof *s->dropped);
    s->filter_dim = calloc(s->o->nfilters + 1, sizeof *s->filter_dim);
    s->tuple = calloc(nd + 1, sizeof *s->tuple);
    if (!s->dims || !s->dropped || !s->filter_dim || !s->tuple)
        return "out of memory";
    if (fdi__panel_parse_by(f, s->o->by, s->dims, nd - 1, &s->ndims, &measure_kept, &err) !=
            FDI_OK ||
        !measure_kept)
        return "--by";
    if (fdi__measure_map_build(f, s->o->value_sums, &s->mm, &err) != FDI_OK)
        return "--value";
    for (size_t d = 0; d + 1 < nd; d++) {
        int kept = 0;
        for (size_t k = 0; k < s->ndims; k++)
            kept |= s->dims[k] == d;
        if (!kept)
            s->dropped[s->ndropped++] = d;
    }
    for (size_t i = 0; i < s->o->nfilters; i++)
        if ((s->filter_dim[i] = fdi_frame_dim_find(f, s->o->filters[i].column)) < 0)
            return "--filter";
    if (filters_dropped(s))
        return "a --filter on a key summed away: its totals by the figures of the whole key";
    fdi__tuplemap_free(&s->groups);
    fdi__tuplemap_init(&s->groups, s->ndims + 1);
    s->ready = 1;
    return NULL;
}

/* Whether series keys k pass the filters: OR among the filters on one
 * column, AND across columns (as fdi_panel_build selects). */
static int passes(const fdi__panel_stream *s, const fdi_frame *f, const uint32_t *k)
{
    const fdi_panel_options *o = s->o;
    for (size_t i = 0; i < o->nfilters; i++) {
        size_t d = (size_t)s->filter_dim[i];
        int any = 0;
        for (size_t j = 0; j < o->nfilters && !any; j++)
            if (s->filter_dim[j] == s->filter_dim[i])
                any = fdi__panel_label_matches(fdi_frame_label(f, d, k[d]), o->filters[j].values);
        if (!any)
            return 0;
    }
    return 1;
}

/* *(T **)pp reallocated to `bytes` (the pointer copied by memcpy: any
 * object pointer type); on failure it stays as it was.  0, or 1. */
static int grow_array(void *pp, size_t bytes)
{
    void *old, *q;
    memcpy(&old, pp, sizeof old);
    if (!(q = realloc(old, bytes)))
        return 1;
    memcpy(pp, &q, sizeof q);
    return 0;
}

/* Room for the sums of groups [0, n): new cells empty (NaN, no member). */
static int grow_groups(fdi__panel_stream *s, size_t n)
{
    if (n <= s->group_cap)
        return 0;
    size_t cap = s->group_cap ? s->group_cap * 2 : 64, m = s->months;
    while (cap < n)
        cap *= 2;
    /* every array grows with the groups: the bytes a group needs in each */
    int failed = grow_array(&s->acc, cap * 2 * m * sizeof *s->acc) |
                 grow_array(&s->last, cap * 2 * m * sizeof *s->last) |
                 grow_array(&s->plain, cap) | grow_array(&s->peak, cap * m * sizeof *s->peak) |
                 grow_array(&s->peak_sid, cap * m * sizeof *s->peak_sid) |
                 grow_array(&s->second, cap * m * sizeof *s->second) |
                 grow_array(&s->second_sid, cap * m * sizeof *s->second_sid) |
                 grow_array(&s->nonzero, cap * m);
    if (failed)
        return -1;
    double *acc = s->acc, *peak = s->peak, *second = s->second;
    uint32_t *last = s->last;
    unsigned char *nonzero = s->nonzero, *plain = s->plain;
    for (size_t i = s->group_cap * 2 * m; i < cap * 2 * m; i++) {
        acc[i] = NAN;
        last[i] = UINT32_MAX;
    }
    for (size_t i = s->group_cap * m; i < cap * m; i++)
        peak[i] = second[i] = -HUGE_VAL;
    memset(nonzero + s->group_cap * m, 0, (cap - s->group_cap) * m);
    memset(plain + s->group_cap, 0, cap - s->group_cap);
    s->group_cap = cap;
    return 0;
}

/* Room for the series [0, n): their group, class and month bits (seen,
 * have). */
static int grow_series(fdi__panel_stream *s, size_t n)
{
    if (n <= s->series_cap)
        return 0;
    size_t cap = s->series_cap ? s->series_cap * 2 : 1024;
    while (cap < n)
        cap *= 2;
    size_t words = (cap * s->months + 63) / 64, old = (s->series_cap * s->months + 63) / 64;
    uint32_t *g = realloc(s->group_of, cap * sizeof *g);
    if (g)
        s->group_of = g;
    unsigned char *t = realloc(s->total, cap);
    if (t)
        s->total = t;
    uint64_t *seen = realloc(s->seen, words * sizeof *seen);
    if (seen)
        s->seen = seen;
    uint64_t *have = realloc(s->have, words * sizeof *have);
    if (have)
        s->have = have;
    if (!g || !t || !seen || !have)
        return -1;
    memset(seen + old, 0, (words - old) * sizeof *seen);
    memset(have + old, 0, (words - old) * sizeof *have);
    s->series_cap = cap;
    return 0;
}

/* The series the frame made since the last time: each one's group (its
 * --by codes and measure), and whether it is a total row. */
static const char *resolve_series(fdi__panel_stream *s, const fdi_frame *f)
{
    size_t ns = fdi_frame_nseries(f), nd = fdi_frame_ndims(f);
    if (grow_series(s, ns) != 0)
        return "out of memory";
    for (; s->nres < ns; s->nres++) {
        const uint32_t *k = fdi_frame_series_keys(f, s->nres);
        s->group_of[s->nres] = UINT32_MAX;
        s->total[s->nres] = 0;
        if (!passes(s, f, k))
            continue;
        if (k[nd - 1] >= s->mm.nframe)
            return "a measure made after the start";
        for (size_t d = 0; d < s->ndims; d++)
            s->tuple[d] = k[s->dims[d]];
        s->tuple[s->ndims] = s->mm.code[k[nd - 1]];
        int64_t g = fdi__tuplemap_intern(&s->groups, s->tuple);
        if (g < 0 || grow_groups(s, s->groups.count) != 0)
            return "out of memory";
        for (size_t i = 0; i < s->ndropped && !s->o->keep_totals; i++) {
            int kind = fdi__is_total_label(fdi_frame_label(f, s->dropped[i], k[s->dropped[i]]));
            /* a World Bank aggregate is a total only in a key that also
             * holds the World, which may come later in the file */
            if (kind == FDI__TOTAL_PART)
                return "a World Bank aggregate, a total or not by the rest of the file";
            s->total[s->nres] |= (unsigned char)(kind != 0); /* 0 or 1: a cell's index */
        }
        if (!s->total[s->nres])
            s->plain[g] = 1;
        s->group_of[s->nres] = (uint32_t)g;
    }
    return NULL;
}

/* A member's value v in cell i (group * months + month) into its peak,
 * the value below it, and the count of values not zero (stream.h). */
static void note_peak(fdi__panel_stream *s, size_t i, uint32_t sid, double v)
{
    if (v < 0 || v > s->peak[i]) { /* a NaN peak (a negative seen) stays */
        s->second[i] = s->peak[i];
        s->second_sid[i] = s->peak_sid[i];
        s->peak[i] = v < 0 ? (double)NAN : v;
        s->peak_sid[i] = sid;
    } else if (v > s->second[i]) {
        s->second[i] = v;
        s->second_sid[i] = sid;
    }
    if (v != 0 && s->nonzero[i] < 3)
        s->nonzero[i]++;
}

/* Observation (series sid, period, value v) into its group's cell. */
static const char *take_one(fdi__panel_stream *s, uint32_t sid, int32_t period, double v)
{
    uint32_t g = s->group_of[sid];
    if (g == UINT32_MAX || period > s->o->as_of)
        return NULL;
    s->kept++;
    s->lo = period < s->lo ? period : s->lo;
    s->hi = period > s->hi ? period : s->hi;
    if (period < s->from || (size_t)(period - s->from) >= s->months)
        return "a period outside the window";
    size_t m = (size_t)(period - s->from), bit = (size_t)sid * s->months + m;
    if (s->seen[bit / 64] >> (bit % 64) & 1)
        return "a series and period twice";
    s->seen[bit / 64] |= UINT64_C(1) << (bit % 64);
    if (v != v)
        return NULL; /* (a NaN stays out of the sum, as in fdi_panel_build) */
    s->have[bit / 64] |= UINT64_C(1) << (bit % 64);
    size_t cell = ((size_t)g * 2 + s->total[sid]) * s->months + m;
    if (s->last[cell] != UINT32_MAX && s->last[cell] > sid)
        return "members out of order";
    s->last[cell] = sid;
    s->acc[cell] = s->acc[cell] == s->acc[cell] ? s->acc[cell] + v : v;
    if (!s->total[sid])
        note_peak(s, (size_t)g * s->months + m, sid, v);
    return NULL;
}

void fdi__panel_stream_take(void *ctx, const fdi_frame *f)
{
    fdi__panel_stream *s = ctx;
    size_t n = fdi_frame_nobs(f);
    if (s->failed || !n)
        return;
    if (!s->ready && (s->failed = resolve_dims(s, f)) != NULL)
        return;
    if ((s->failed = resolve_series(s, f)) != NULL)
        return;
    const uint32_t *os = fdi_frame_obs_series(f);
    const int32_t *op = fdi_frame_obs_period(f);
    const double *ov = fdi_frame_obs_value(f);
    for (size_t i = 0; i < n && !s->failed; i++)
        s->failed = take_one(s, os[i], op[i], ov[i]);
}

/* Whether month i of the groups' cells may show member value x (its peak
 * or the value below it) equal to the sum of the others: x is near half
 * the sum; -1: a cell with a negative, where the peak tells nothing. */
static int maybe_total(const fdi__panel_stream *s, size_t i, double x)
{
    double sum = s->acc[(i / s->months * 2) * s->months + i % s->months];
    if (s->peak[i] != s->peak[i])
        return -1;
    if (x == -HUGE_VAL)
        return 0;
    if (sum != sum || x <= 0) /* (all zero: nothing counts) */
        return 0;
    /* three times the tolerance; the slice's rounding unit is at most x's
     * (figures.h), and at most 1 */
    double gap = fabs(2 * x - sum);
    if (gap <= 3 * FDI__FIGURES_REL * fabs(sum))
        return 1;
    return gap <= 3 && gap <= 3 * fdi__figures_unit(x);
}

/* Per label of key d: match[] the months it may match in (maybe_total
 * with it the peak or the value below), miss[] those it surely does not
 * (a value, three members or more not zero, no negative, and neither such
 * peak nor such value below it), seen[] those
 * it has a value in; the months with a negative into *unknown.  may[i]:
 * maybe_total of cell i, room for every cell.  */
static void bound_matches(const fdi__panel_stream *s, const fdi_frame *f, size_t d,
                          signed char *may, uint32_t *match, uint32_t *miss, uint32_t *seen,
                          size_t *unknown)
{
    for (size_t i = 0; i < s->groups.count * s->months; i++) {
        int one = maybe_total(s, i, s->peak[i]),
            two = one < 0 ? 0 : maybe_total(s, i, s->second[i]);
        may[i] = (signed char)(one < 0 ? -1 : one | two << 1); /* bit 0: peak, 1: second */
        *unknown += may[i] < 0;
        if (may[i] > 0 && (may[i] & 1))
            match[fdi_frame_series_keys(f, s->peak_sid[i])[d]]++;
        if (may[i] > 0 && (may[i] & 2))
            match[fdi_frame_series_keys(f, s->second_sid[i])[d]]++;
    }
    for (size_t sid = 0; sid < s->nres; sid++) {
        uint32_t g = s->group_of[sid], l = fdi_frame_series_keys(f, sid)[d];
        for (size_t m = 0; g != UINT32_MAX && !s->total[sid] && m < s->months; m++) {
            size_t bit = sid * s->months + m, i = (size_t)g * s->months + m;
            if (!(s->have[bit / 64] >> (bit % 64) & 1))
                continue;
            seen[l]++;
            miss[l] += s->nonzero[i] >= 3 && may[i] >= 0 &&
                       !((may[i] & 1) && s->peak_sid[i] == sid) &&
                       !((may[i] & 2) && s->second_sid[i] == sid);
        }
    }
}

/* Per label of key d, pair[l]: the months in which l is the largest
 * member and may be the sum of the others but one (doubt.h: x = S - x - y
 * with y a member, so 0 < S - 2x <= x, within three times the tolerance);
 * *over: the months a group's members add up to more than its total row
 * by a label (a member that is a subtotal, doubt.h), of *with, those with
 * such a total.  may[] as bound_matches's. */
static void bound_pairs(const fdi__panel_stream *s, const fdi_frame *f, size_t d,
                        const signed char *may, uint32_t *pair, size_t *over, size_t *with)
{
    for (size_t i = 0; i < s->groups.count * s->months; i++) {
        size_t g = i / s->months, m = i % s->months;
        double sum = s->acc[g * 2 * s->months + m], tot = s->acc[(g * 2 + 1) * s->months + m];
        if (may[i] < 0 || s->nonzero[i] < 3 || sum != sum)
            continue;
        double x = s->peak[i], need = sum - 2 * x, tol = 3 * FDI__FIGURES_REL * fabs(sum);
        if (need > tol && need <= x + tol)
            pair[fdi_frame_series_keys(f, s->peak_sid[i])[d]]++;
        if (tot == tot) {
            (*with)++;
            *over += sum - tot > 3 * FDI__FIGURES_REL * fabs(tot);
        }
    }
}

/* Whether label l's counts (match, miss, seen and pair, as bound_matches
 * and bound_pairs count them) may make it a total: by figures.h's rule,
 * by thin evidence (matched, never missed), or beside a subtotal. */
static int may_be_total(uint32_t match, uint32_t miss, uint32_t seen, uint32_t pair,
                        size_t unknown)
{
    size_t paired = pair + unknown < seen ? pair + unknown : seen;
    return (match + unknown >= FDI__FIGURES_MIN_PERIODS && 10 * (size_t)miss <= seen) ||
           (seen && match + unknown >= 1 && miss == 0) ||
           (seen && pair + unknown >= FDI__FIGURES_MIN_PERIODS && 10 * (seen - paired) <= seen);
}

const char *fdi__panel_stream_figures(const fdi__panel_stream *s, const fdi_frame *f)
{
    if (s->o->keep_totals || !s->ready || s->ndropped == 0)
        return NULL;
    if (s->ndropped > 1 || s->mm.nsums)
        return "several keys summed away, or measures added: totals by their figures";
    size_t d = s->dropped[0], nl = fdi_frame_nlabels(f, d), unknown = 0;
    uint32_t *c = calloc(4 * (nl ? nl : 1), sizeof *c);
    size_t over = 0, with = 0;
    signed char *cell = malloc(s->groups.count * s->months + 1);
    int may = 0;
    if (!c || !cell) {
        free(c);
        free(cell);
        return "out of memory";
    }
    bound_matches(s, f, d, cell, c, c + nl, c + 2 * nl, &unknown);
    bound_pairs(s, f, d, cell, c + 3 * nl, &over, &with);
    free(cell);
    /* a total matches in three periods or more, and misses in one in ten
     * at most (figures.h); or the others of doubt.h */
    for (size_t l = 0; l < nl && !may; l++)
        may = may_be_total(c[l], c[nl + l], c[2 * nl + l], c[3 * nl + l], unknown);
    may |= over >= FDI__FIGURES_MIN_PERIODS && 10 * (with - over) <= with;
    free(c);
    return may ? "a row that may be a total by its figures" : NULL;
}
