/* meaning.c - the measure map of --value "a+b", total rows, and the text
 * naming what a --by group summed away (meaning.h). */
#define _GNU_SOURCE
#include "panel/meaning.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A column named by the user, as ingest names them: exact name (any case),
 * 1-based number, or a unique case-insensitive part of a name; -1 none, -2
 * more than one. */
static long find_column(const fdi_frame *f, const char *want)
{
    size_t n = fdi_frame_ncolumns(f);
    long hit = -1, num;
    char *end;
    for (size_t c = 0; c < n; c++)
        if (strcasecmp(fdi_frame_column_name(f, c), want) == 0)
            return (long)c;
    num = strtol(want, &end, 10);
    if (*want && *end == '\0' && num >= 1 && (size_t)num <= n)
        return num - 1;
    for (size_t c = 0; c < n; c++)
        if (*want && strcasestr(fdi_frame_column_name(f, c), want)) {
            if (hit >= 0)
                return -2;
            hit = (long)c;
        }
    return hit;
}

/* The frame measure of a column named in --value; -1 (and err) if none. */
static long measure_of_name(const fdi_frame *f, const char *value, const char *want,
                            fdi_error *err)
{
    size_t md = fdi_frame_ndims(f) - 1;
    long c = *want ? find_column(f, want) : -1;
    if (c >= 0)
        for (uint32_t m = 0; m < fdi_frame_nlabels(f, md); m++)
            if (strcmp(fdi_frame_label(f, md, m), fdi_frame_column_name(f, (size_t)c)) == 0)
                return (long)m;
    if (!*want)
        fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                      "--value %s: a part of the sum is empty; write it as --value \"a+b\"",
                      value);
    else
        fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0, "--value %s: \"%s\" %s",
                      value, want,
                      c == -2 ? "matches more than one column" : "is not a value column");
    return -1;
}

/* One item of --value ("a" or "a+b+c"): its parts mapped to panel code
 * `to` (a sum) or left as they are; a column in two places is an error. */
static fdi_status map_item(const fdi_frame *f, const char *value, char *item,
                           fdi__measure_map *m, unsigned char *named, fdi_error *err)
{
    int sum = strchr(item, '+') != NULL;
    uint32_t to = (uint32_t)(m->nframe + m->nsums);
    size_t len = 0;
    for (char *part = item, *next; part; part = next) {
        next = strchr(part, '+');
        if (next)
            *next++ = '\0';
        while (*part == ' ')
            part++;
        for (size_t l = strlen(part); l && part[l - 1] == ' ';)
            part[--l] = '\0';
        long c = measure_of_name(f, value, part, err);
        if (c < 0)
            return FDI_EUSAGE;
        if (named[c]++)
            return fdi_error_set(err, FDI_EUSAGE, fdi_frame_path(f), 0, 0,
                                 "--value %s: \"%s\" is named twice", value,
                                 fdi_frame_label(f, fdi_frame_ndims(f) - 1, (uint32_t)c));
        if (!sum)
            return FDI_OK;
        m->code[c] = to;
        len += strlen(fdi_frame_label(f, fdi_frame_ndims(f) - 1, (uint32_t)c)) + 1;
    }
    /* the sum's name: its columns' names in the order written */
    char *name = calloc(len + 1, 1);
    if (!name)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    m->sum_names[m->nsums++] = name;
    return FDI_OK;
}

fdi_status fdi__measure_map_build(const fdi_frame *f, const char *value_sums,
                                  fdi__measure_map *m, fdi_error *err)
{
    size_t md = fdi_frame_ndims(f) - 1, nm = fdi_frame_nlabels(f, md), len;
    memset(m, 0, sizeof *m);
    m->nframe = nm;
    m->code = malloc((nm ? nm : 1) * sizeof *m->code);
    m->sum_names = calloc(nm ? nm : 1, sizeof *m->sum_names);
    unsigned char *named = calloc(nm ? nm : 1, 1);
    char *copy = value_sums ? strdup(value_sums) : NULL;
    fdi_status st = FDI_OK;
    if (!m->code || !m->sum_names || !named || (value_sums && !copy))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (uint32_t c = 0; st == FDI_OK && c < nm; c++)
        m->code[c] = c;
    if (st == FDI_OK && copy && strchr(copy, '+')) {
        len = strlen(copy);
        for (char *item = copy, *comma; st == FDI_OK && item < copy + len; item = comma + 1) {
            comma = strchr(item, ',');
            if (!comma)
                comma = item + strlen(item);
            *comma = '\0';
            if (strspn(item, " ") != strlen(item))
                st = map_item(f, value_sums, item, m, named, err);
        }
    }
    /* each sum's name: the names of the columns it adds, in file order */
    for (size_t k = 0; st == FDI_OK && k < m->nsums; k++)
        for (uint32_t c = 0; c < nm; c++)
            if (m->code[c] == nm + k) {
                char *s = m->sum_names[k];
                if (*s)
                    strcat(s, "+");
                strcat(s, fdi_frame_label(f, md, c));
            }
    free(named);
    free(copy);
    if (st != FDI_OK)
        fdi__measure_map_free(m);
    return st;
}

void fdi__measure_map_free(fdi__measure_map *m)
{
    for (size_t k = 0; k < m->nsums; k++)
        free(m->sum_names[k]);
    free(m->sum_names);
    free(m->code);
    memset(m, 0, sizeof *m);
}

const char *fdi__measure_map_name(const fdi__measure_map *m, const fdi_frame *f, uint32_t code)
{
    if (code >= m->nframe)
        return m->sum_names[code - m->nframe];
    return fdi_frame_label(f, fdi_frame_ndims(f) - 1, code);
}

/* The World Bank's aggregates (regions, income groups, lending groups,
 * demographic groups, "World") as its API files name them, and their codes:
 * a file of the World Bank's holds them beside the 217 economies, so a sum
 * over countries that kept them would count each economy several times. */
static const char *const wb_aggregate_names[] = {
    "Africa Eastern and Southern", "Africa Western and Central", "Arab World",
    "Central Europe and the Baltics", "Caribbean small states",
    "East Asia & Pacific (excluding high income)", "Early-demographic dividend",
    "East Asia & Pacific", "Europe & Central Asia (excluding high income)",
    "Europe & Central Asia", "Euro area", "European Union",
    "Fragile and conflict affected situations", "High income",
    "Heavily indebted poor countries (HIPC)", "IBRD only", "IDA & IBRD total", "IDA total",
    "IDA blend", "IDA only", "Not classified",
    "Latin America & Caribbean (excluding high income)", "Latin America & Caribbean",
    "Least developed countries: UN classification", "Low income", "Lower middle income",
    "Low & middle income", "Late-demographic dividend", "Middle East & North Africa",
    "Middle income", "Middle East & North Africa (excluding high income)", "North America",
    "OECD members", "Other small states", "Pre-demographic dividend",
    "Pacific island small states", "Post-demographic dividend", "South Asia",
    "Sub-Saharan Africa (excluding high income)", "Sub-Saharan Africa", "Small states",
    "East Asia & Pacific (IDA & IBRD countries)",
    "Europe & Central Asia (IDA & IBRD countries)",
    "Latin America & the Caribbean (IDA & IBRD countries)",
    "Middle East & North Africa (IDA & IBRD countries)", "South Asia (IDA & IBRD)",
    "Sub-Saharan Africa (IDA & IBRD countries)", "Upper middle income", NULL};
/* ("World" itself is among the totals of every file, below.) */
/* Codes match exactly (upper case): none is an ISO 3166 country code. */
static const char *const wb_aggregate_codes[] = {
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU",
    "FCS", "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC",
    "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS",
    "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC",
    "WLD", NULL};

int fdi__is_total_label(const char *label)
{
    static const char *const totals[] = {
        "world", "total", "grand total", "c\xE1\xBA\xA3 n\xC6\xB0\xE1\xBB\x9B" "c",
        "C\xE1\xBA\xA2 N\xC6\xAF\xE1\xBB\x9A" "C", "t\xE1\xBB\x95ng s\xE1\xBB\x91",
        "T\xE1\xBB\x94NG S\xE1\xBB\x90", "t\xE1\xBB\x95ng c\xE1\xBB\x99ng",
        "T\xE1\xBB\x94NG C\xE1\xBB\x98NG", "ca nuoc", "tong so", "tong cong",
        /* the GSO's English tables ("WHOLE COUNTRY"), and "Toàn quốc" */
        "whole country", "to\xC3\xA0n qu\xE1\xBB\x91" "c", "TO\xC3\x80N QU\xE1\xBB\x90" "C",
        "toan quoc", NULL};
    for (size_t i = 0; totals[i]; i++)
        if (strcasecmp(label, totals[i]) == 0)
            return FDI__TOTAL_ALL;
    if (strcmp(label, "WLD") == 0)
        return FDI__TOTAL_ALL;
    for (size_t i = 0; wb_aggregate_names[i]; i++)
        if (strcasecmp(label, wb_aggregate_names[i]) == 0)
            return FDI__TOTAL_PART;
    for (size_t i = 0; wb_aggregate_codes[i]; i++)
        if (strcmp(label, wb_aggregate_codes[i]) == 0)
            return FDI__TOTAL_PART;
    return 0;
}

int fdi__is_world_label(const char *label)
{
    return strcasecmp(label, "world") == 0 || strcmp(label, "WLD") == 0;
}

int fdi__total_kind(const char *label, int world)
{
    int kind = fdi__is_total_label(label);
    return kind == FDI__TOTAL_PART && !world ? 0 : kind;
}

/* s += the formatted text (s grows); nonzero when out of memory. */
static int append(char **s, const char *fmt, ...)
{
    va_list ap;
    size_t had = *s ? strlen(*s) : 0;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *t = n < 0 ? NULL : realloc(*s, had + (size_t)n + 1);
    if (!t)
        return -1;
    va_start(ap, fmt);
    vsnprintf(t + had, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *s = t;
    return 0;
}

typedef struct {
    uint32_t group, code;
} group_label;

static int cmp_group_label(const void *a, const void *b)
{
    const group_label *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return (x->code > y->code) - (x->code < y->code);
}

/* Whether label `code` of dimension d is a total by its figures. */
static int by_figures(const fdi__summed_job *j, size_t d, uint32_t code)
{
    return j->figures && j->figures[d] && fdi__figures_is_total(j->figures[d][code]);
}

/* The distinct (group, label of dimension d) of the columns in `of` (the
 * group of each, UINT32_MAX: none), sorted; only total labels (by label
 * or figures) when totals.  Their count into *n. */
static group_label *distinct_labels(const fdi__summed_job *j, const uint32_t *of, size_t d,
                                    int totals, size_t *n)
{
    group_label *gl = malloc((j->n ? j->n : 1) * sizeof *gl);
    size_t k = 0, u = 0;
    if (!gl)
        return NULL;
    for (size_t c = 0; c < j->n; c++) {
        uint32_t code = fdi_frame_series_keys(j->f, j->series[c])[d];
        if (of[c] < j->ngroups && (!totals || fdi__is_total_label(fdi_frame_label(j->f, d, code)) ||
                                   by_figures(j, d, code)))
            gl[k++] = (group_label){of[c], code};
    }
    qsort(gl, k, sizeof *gl, cmp_group_label);
    for (size_t i = 0; i < k; i++)
        if (!u || gl[i].group != gl[u - 1].group || gl[i].code != gl[u - 1].code)
            gl[u++] = gl[i];
    *n = u;
    return gl;
}

enum { MAX_LISTED = 12 };

/* A growing text: pieces added with memcpy (no format parsing per label:
 * a --by over a 1x cube describes thousands of labels). */
typedef struct {
    char *s;
    size_t len, cap;
} text_buf;

static int add(text_buf *t, const char *piece)
{
    size_t n = strlen(piece);
    if (t->len + n + 1 > t->cap) {
        size_t cap = 2 * (t->len + n + 1) + 64;
        char *s = realloc(t->s, cap);
        if (!s)
            return -1;
        t->s = s;
        t->cap = cap;
    }
    memcpy(t->s + t->len, piece, n + 1);
    t->len += n;
    return 0;
}

/* "new|adjusted" (sep "|") or "new, adjusted" (sep ", ") for the labels
 * gl[i..z), or their count past MAX_LISTED. */
static int list_labels(const fdi__summed_job *j, size_t d, const group_label *gl, size_t i,
                       size_t z, const char *sep, text_buf *t)
{
    char count[32];
    int fail = 0;
    t->len = 0;
    if (t->s)
        t->s[0] = '\0';
    if (z - i > MAX_LISTED) {
        snprintf(count, sizeof count, "%zu values", z - i);
        return add(t, count);
    }
    for (size_t k = i; k < z && !fail; k++)
        fail |= (k > i && add(t, sep)) || add(t, fdi_frame_label(j->f, d, gl[k].code));
    return fail;
}

/* One dimension's clauses: "flow=new|adjusted" into summed[g], "sums flow:
 * new, adjusted" into note[g], for the groups with two labels or more. */
static int describe_dim(const fdi__summed_job *j, size_t d, char **summed, char **note)
{
    size_t n, i = 0;
    const char *dim = fdi_frame_dim_name(j->f, d);
    group_label *gl = distinct_labels(j, j->group, d, 0, &n);
    text_buf bar = {NULL, 0, 0}, comma = {NULL, 0, 0};
    int fail = !gl;
    while (!fail && i < n) {
        size_t z = i;
        uint32_t g = gl[i].group;
        while (z < n && gl[z].group == g)
            z++;
        if (z - i >= 2) {
            fail |= list_labels(j, d, gl, i, z, "|", &bar) ||
                    list_labels(j, d, gl, i, z, ", ", &comma);
            if (!fail && z - i > MAX_LISTED) { /* "(40 values)" in the column */
                fail |= append(&summed[g], "%s%s=(%s)", summed[g] ? "; " : "", dim, bar.s);
            } else if (!fail) {
                fail |= append(&summed[g], "%s%s=%s", summed[g] ? "; " : "", dim, bar.s);
            }
            if (!fail)
                fail |= append(&note[g], "%ssums %s: %s", note[g] ? "; " : "", dim, comma.s);
        }
        i = z;
    }
    free(bar.s);
    free(comma.s);
    free(gl);
    return fail;
}

/* " (" and for the left-out rows gl[i..z) found by their figures how:
 * "found by its figures: the sum of the others in 8 of 8 periods
 * compared; " (after the row's label when it is one of several). */
static int tell_figures(const fdi__summed_job *j, size_t d, const group_label *gl, size_t i,
                        size_t z, char **note)
{
    int fail = append(note, " (");
    for (size_t k = i; k < z && !fail; k++) {
        if (!by_figures(j, d, gl[k].code))
            continue;
        fdi__fig_count c = j->figures[d][gl[k].code];
        fail |= append(note, "%s%sfound by its figures: the sum of the others in %u of %u "
                             "periods compared; ",
                       z - i > 1 ? fdi_frame_label(j->f, d, gl[k].code) : "",
                       z - i > 1 ? " " : "", (unsigned)c.matched, (unsigned)c.periods);
    }
    return fail;
}

/* The total rows a group left out: "leaves out total row World", or
 * "leaves out 47 total rows Country Name=World, Arab World, ... and 35
 * more".  A group is described by the first summed-away dimension whose
 * labels named its totals (Country Name, not again by Country Code). */
static int describe_left(const fdi__summed_job *j, size_t d, char **note, unsigned char *told)
{
    size_t n, i = 0;
    group_label *gl = distinct_labels(j, j->left, d, 1, &n);
    int fail = !gl;
    while (!fail && i < n) {
        size_t z = i;
        uint32_t g = gl[i].group;
        while (z < n && gl[z].group == g)
            z++;
        if (!told[g]) {
            told[g] = 1;
            fail |= z - i == 1
                        ? append(&note[g], "%sleaves out total row %s=%s", note[g] ? "; " : "",
                                 fdi_frame_dim_name(j->f, d), fdi_frame_label(j->f, d, gl[i].code))
                        : append(&note[g], "%sleaves out %zu total rows %s=", note[g] ? "; " : "",
                                 z - i, fdi_frame_dim_name(j->f, d));
            for (size_t k = i; z - i > 1 && k < z && k < i + MAX_LISTED && !fail; k++)
                fail |= append(&note[g], "%s%s", k > i ? ", " : "",
                               fdi_frame_label(j->f, d, gl[k].code));
            if (!fail && z - i > MAX_LISTED)
                fail |= append(&note[g], " and %zu more", z - i - MAX_LISTED);
            if (!fail)
                fail |= tell_figures(j, d, gl, i, z, &note[g]) ||
                        append(&note[g], "--keep-totals adds %s)", z - i == 1 ? "it" : "them");
        }
        i = z;
    }
    free(gl);
    return fail;
}

int fdi__summed_describe(const fdi__summed_job *j, char **summed, char **note)
{
    int fail = 0;
    for (size_t k = 0; k < j->ndropped && !fail; k++)
        fail |= describe_dim(j, j->dropped[k], summed, note);
    unsigned char *told = j->left ? calloc(j->ngroups ? j->ngroups : 1, 1) : NULL;
    if (j->left && !told)
        return -1;
    for (size_t k = 0; k < j->ndropped && !fail && j->left; k++)
        fail |= describe_left(j, j->dropped[k], note, told);
    free(told);
    return fail;
}
