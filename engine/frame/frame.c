/* frame.c - the observation frame: storage and accessors. */
#include "frame/frame_internal.h"
#include "base/caseeq.h"
#include "base/populate.h"
#include "base/two_threads.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

fdi_frame *fdi__frame_new(const char *path, char *const *dim_names, size_t ndims)
{
    fdi_frame *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->freq = 12;
    f->scale = 1.0;
    f->layout = "long";
    f->path = dup_str(path ? path : "-");
    f->ndims = ndims;
    f->dim_names = calloc(ndims ? ndims : 1, sizeof *f->dim_names);
    f->dicts = calloc(ndims ? ndims : 1, sizeof *f->dicts);
    if (!f->path || !f->dim_names || !f->dicts)
        goto fail;
    for (size_t d = 0; d < ndims; d++) {
        fdi__dict_init(&f->dicts[d]);
        if (!(f->dim_names[d] = dup_str(dim_names[d])))
            goto fail;
    }
    fdi__tuplemap_init(&f->series, ndims);
    return f;
fail:
    fdi_frame_destroy(f);
    return NULL;
}

void fdi_frame_destroy(fdi_frame *f)
{
    if (!f)
        return;
    for (size_t d = 0; d < f->ndims; d++) {
        if (f->dim_names)
            free(f->dim_names[d]);
        if (f->dicts)
            fdi__dict_free(&f->dicts[d]);
    }
    for (size_t c = 0; c < f->ncolumns; c++)
        free(f->columns[c].name);
    free(f->columns);
    free(f->dim_names);
    free(f->dicts);
    fdi__tuplemap_free(&f->series);
    free(f->obs_series);
    free(f->obs_period);
    free(f->obs_value);
    free(f->obs_line);
    free(f->rejections);
    for (size_t i = 0; i < f->nsrc; i++)
        free(f->src_path[i]);
    free(f->src_path);
    free(f->src_shift);
    free(f->unmapped);
    free(f->path);
    free(f->sheet);
    free(f);
}

/* *p reallocated to n elements of `size` bytes; 0, or -1 (and *p as it
 * was) when out of memory. */
static int resize(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

void fdi_frame_drop_observations(fdi_frame *f)
{
    if (!f)
        return;
    fdi__tuplemap_free(&f->series);
    free(f->obs_series);
    free(f->obs_period);
    free(f->obs_value);
    free(f->obs_line);
    f->obs_series = f->obs_line = NULL;
    f->obs_period = NULL;
    f->obs_value = NULL;
    f->nobs = f->obs_cap = 0;
}

/* Room for `need` observations in all four arrays (doubling). */
int fdi__frame_reserve(fdi_frame *f, size_t need)
{
    if (need <= f->obs_cap)
        return 0;
    /* doubling for one more observation; a reservation made at once (a
     * part's estimate, a merge's total) gets what it asks: rounded up to a
     * power of two, its untouched tail would be heap that later
     * allocations touch for the first time (issue 15) */
    size_t cap = f->obs_cap ? f->obs_cap * 2 : 4096;
    if (cap < need)
        cap = need;
    if (resize((void **)&f->obs_series, cap, sizeof *f->obs_series) != 0 ||
        resize((void **)&f->obs_period, cap, sizeof *f->obs_period) != 0 ||
        resize((void **)&f->obs_value, cap, sizeof *f->obs_value) != 0 ||
        resize((void **)&f->obs_line, cap, sizeof *f->obs_line) != 0)
        return -1; /* (the arrays already grown keep their contents) */
    f->obs_cap = cap;
    return 0;
}

void fdi__frame_populate(fdi_frame *f, size_t from, size_t to)
{
    if (to > f->obs_cap)
        to = f->obs_cap;
    if (from >= to)
        return;
    size_t k = to - from;
    fdi__populate(f->obs_series + from, k * sizeof *f->obs_series);
    fdi__populate(f->obs_period + from, k * sizeof *f->obs_period);
    fdi__populate(f->obs_value + from, k * sizeof *f->obs_value);
    fdi__populate(f->obs_line + from, k * sizeof *f->obs_line);
}

int fdi__frame_reject(fdi_frame *f, size_t line, size_t column, const char *fmt,
                      ...)
{
    va_list ap;
    fdi_rejection *r;
    if (f->nrej >= FDI_REJECTION_LOG_MAX)
        return 0;
    if (f->nrej == f->rej_cap) {
        size_t cap = f->rej_cap ? f->rej_cap * 2 : 16;
        fdi_rejection *n = realloc(f->rejections, cap * sizeof *n);
        if (!n)
            return -1;
        f->rejections = n;
        f->rej_cap = cap;
    }
    r = &f->rejections[f->nrej++];
    r->line = line;
    r->column = column;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return 0;
}

const char *fdi_frame_path(const fdi_frame *f) { return f->path; }
const char *fdi_frame_sheet(const fdi_frame *f) { return f->sheet; }

int fdi__frame_set_sheet(fdi_frame *f, const char *sheet)
{
    free(f->sheet);
    f->sheet = dup_str(sheet);
    return f->sheet ? 0 : -1;
}
const char *fdi_frame_layout(const fdi_frame *f) { return f->layout; }
int fdi_frame_freq(const fdi_frame *f) { return f->freq; }
int fdi_frame_is_ytd(const fdi_frame *f) { return f->ytd; }
double fdi_frame_scale(const fdi_frame *f) { return f->scale; }
size_t fdi_frame_ndims(const fdi_frame *f) { return f->ndims; }

const char *fdi_frame_dim_name(const fdi_frame *f, size_t dim)
{
    return dim < f->ndims ? f->dim_names[dim] : "";
}

size_t fdi_frame_nlabels(const fdi_frame *f, size_t dim)
{
    return dim < f->ndims ? f->dicts[dim].count : 0;
}

const char *fdi_frame_label(const fdi_frame *f, size_t dim, uint32_t code)
{
    return dim < f->ndims ? fdi__dict_str(&f->dicts[dim], code) : "";
}

long fdi_frame_dim_find(const fdi_frame *f, const char *name)
{
    for (size_t d = 0; d < f->ndims; d++)
        if (fdi__caseeq(f->dim_names[d], name))
            return (long)d;
    return -1;
}

int fdi__is_unit_name(const char *name)
{
    /* unit, units, đơn vị, đơn vị tính, đvt, and without the marks */
    static const char *const names[] = {
        "unit", "units", "\xC4\x91\xC6\xA1n v\xE1\xBB\x8B", "don vi",
        "\xC4\x91\xC6\xA1n v\xE1\xBB\x8B t\xC3\xADnh", "don vi tinh", "\xC4\x91vt", "dvt",
        NULL};
    for (size_t i = 0; names[i]; i++)
        if (fdi__caseeq(name, names[i]))
            return 1;
    return 0;
}

long fdi_frame_unit_dim(const fdi_frame *f)
{
    for (size_t d = 0; d + 1 < f->ndims; d++)
        if (fdi__is_unit_name(f->dim_names[d]))
            return (long)d;
    return -1;
}

size_t fdi_frame_nseries(const fdi_frame *f) { return f->series.count; }

const uint32_t *fdi_frame_series_keys(const fdi_frame *f, size_t s)
{
    return f->series.tuples + s * f->ndims;
}

size_t fdi_frame_nobs(const fdi_frame *f) { return f->nobs; }
const uint32_t *fdi_frame_obs_series(const fdi_frame *f) { return f->obs_series; }
const int32_t *fdi_frame_obs_period(const fdi_frame *f) { return f->obs_period; }
const double *fdi_frame_obs_value(const fdi_frame *f) { return f->obs_value; }
const uint32_t *fdi_frame_obs_line(const fdi_frame *f) { return f->obs_line; }
const fdi_ingest_stats *fdi_frame_stats(const fdi_frame *f) { return &f->stats; }
size_t fdi_frame_nrejections(const fdi_frame *f) { return f->nrej; }

const fdi_rejection *fdi_frame_rejection(const fdi_frame *f, size_t i)
{
    return i < f->nrej ? &f->rejections[i] : NULL;
}

size_t fdi_frame_ncolumns(const fdi_frame *f) { return f->ncolumns; }

const char *fdi_frame_column_name(const fdi_frame *f, size_t col)
{
    return col < f->ncolumns ? f->columns[col].name : "";
}

const char *fdi_frame_column_role(const fdi_frame *f, size_t col)
{
    return col < f->ncolumns ? f->columns[col].role : "";
}

/* observations merged on two threads from (a thread costs ~50 us, copying
 * this many ~0.3 ms) */
enum { MERGE_PARALLEL = 1 << 16 };

/* Observations [lo, hi) of src to dst from index at + lo, series through
 * smap, lines shifted by line_offset; the destination's pages are made
 * present first (they are fresh: the merge appends). */
typedef struct {
    fdi_frame *dst;
    const fdi_frame *src;
    const uint32_t *smap;
    size_t at, lo, hi, line_offset;
} merge_job;

static void *copy_obs(void *arg)
{
    const merge_job *j = arg;
    fdi_frame *dst = j->dst;
    const fdi_frame *src = j->src;
    size_t at = j->at;
    fdi__frame_populate(dst, at + j->lo, at + j->hi);
    for (size_t i = j->lo; i < j->hi; i++)
        dst->obs_series[at + i] = j->smap[src->obs_series[i]];
    memcpy(dst->obs_period + at + j->lo, src->obs_period + j->lo,
           (j->hi - j->lo) * sizeof *src->obs_period);
    memcpy(dst->obs_value + at + j->lo, src->obs_value + j->lo,
           (j->hi - j->lo) * sizeof *src->obs_value);
    for (size_t i = j->lo; i < j->hi; i++) {
        uint64_t line = (uint64_t)src->obs_line[i] + j->line_offset;
        dst->obs_line[at + i] = line > UINT32_MAX || src->obs_line[i] == UINT32_MAX
                                    ? UINT32_MAX
                                    : (uint32_t)line;
    }
    return NULL;
}

void fdi__merge_map_free(fdi__merge_map *m)
{
    for (size_t d = 0; m->code && d < m->ndims; d++)
        free(m->code[d]);
    free(m->code);
    free(m->ncode);
    free(m->sid);
    memset(m, 0, sizeof *m);
}

/* m extended to src's labels and series it does not map yet: the labels
 * new to dst in src's code order, then the series in src's order, so that
 * what is new to dst is numbered as a sequential read would number it. */
static int merge_map_extend(fdi__merge_map *m, fdi_frame *dst, const fdi_frame *src)
{
    size_t nd = dst->ndims;
    if (!m->code) {
        m->code = calloc(nd ? nd : 1, sizeof *m->code);
        m->ncode = calloc(nd ? nd : 1, sizeof *m->ncode);
        if (!m->code || !m->ncode)
            return -1;
        m->ndims = nd;
    }
    for (size_t d = 0; d < nd; d++) {
        const fdi__dict *sd = &src->dicts[d];
        if (sd->count <= m->ncode[d])
            continue;
        uint32_t *c = realloc(m->code[d], sd->count * sizeof *c);
        if (!c)
            return -1;
        m->code[d] = c;
        for (; m->ncode[d] < sd->count; m->ncode[d]++) {
            size_t k = m->ncode[d];
            int64_t code = fdi__dict_intern(&dst->dicts[d], sd->arena + sd->offsets[k],
                                            sd->lengths[k]);
            if (code < 0)
                return -1;
            c[k] = (uint32_t)code;
        }
    }
    size_t ns = src->series.count;
    if (ns <= m->nsid)
        return 0;
    uint32_t *sid = realloc(m->sid, ns * sizeof *sid), *tuple = malloc((nd ? nd : 1) * sizeof *tuple);
    if (sid)
        m->sid = sid;
    for (; sid && tuple && m->nsid < ns; m->nsid++) {
        const uint32_t *k = src->series.tuples + m->nsid * nd;
        for (size_t d = 0; d < nd; d++)
            tuple[d] = m->code[d][k[d]];
        int64_t id = fdi__tuplemap_intern(&dst->series, tuple);
        if (id < 0)
            break;
        sid[m->nsid] = (uint32_t)id;
    }
    free(tuple);
    return m->nsid == ns ? 0 : -1;
}

int fdi__frame_merge_mapped(fdi_frame *dst, const fdi_frame *src, size_t line_offset,
                            fdi__merge_map *m)
{
    if (src->ndims != dst->ndims || merge_map_extend(m, dst, src) != 0 ||
        fdi__frame_reserve(dst, dst->nobs + src->nobs) != 0)
        return -1;
    if (src->nobs) { /* (an empty frame's arrays may be NULL) */
        /* the two halves of the observations on two threads when there are
         * many (a file read whole in two parts merges half of it) */
        merge_job half[2] = {{dst, src, m->sid, dst->nobs, 0, src->nobs / 2, line_offset},
                             {dst, src, m->sid, dst->nobs, src->nobs / 2, src->nobs, line_offset}};
        fdi__on_two_threads(copy_obs, &half[0], &half[1], src->nobs >= MERGE_PARALLEL);
    }
    dst->nobs += src->nobs;
    for (size_t i = 0; i < src->nrej; i++) {
        const fdi_rejection *r = &src->rejections[i];
        if (fdi__frame_reject(dst, r->line + line_offset, r->column, "%s", r->message) != 0)
            return -1;
    }
    dst->stats.rows_read += src->stats.rows_read;
    dst->stats.rows_used += src->stats.rows_used;
    dst->stats.rows_rejected += src->stats.rows_rejected;
    dst->stats.blank_rows += src->stats.blank_rows;
    dst->stats.cells_missing += src->stats.cells_missing;
    dst->stats.observations += src->stats.observations;
    dst->stats.rows_outside += src->stats.rows_outside;
    if (!dst->freq)
        dst->freq = src->freq;
    return 0;
}

int fdi__frame_merge(fdi_frame *dst, const fdi_frame *src, size_t line_offset)
{
    fdi__merge_map m = {0};
    int rc = fdi__frame_merge_mapped(dst, src, line_offset, &m);
    fdi__merge_map_free(&m);
    return rc;
}

void fdi__frame_forget_read(fdi_frame *f)
{
    f->nobs = 0;
    f->nrej = 0;
    memset(&f->stats, 0, sizeof f->stats);
}
