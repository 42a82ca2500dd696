/* ingest_layout.c - what each column of a file is.
 *
 * Order of decisions (each overridable by an option):
 *   1. long data when --measure-col and --value-col are given;
 *   2. periods as columns when two or more header names read as periods
 *      ("1960", "2016-01") and no --period was given: the other named
 *      columns are keys (World Bank layout);
 *   3. otherwise a period column, by name (period, date, month, year, time,
 *      and the Vietnamese thang, nam, ky), then text columns are keys and
 *      numeric columns are measures, judged on the sample of records.
 * A column named unit (units, đơn vị) is a key: it says what the values
 * are, and the panel never adds different units.
 * Columns named like an attribute (source, note, frequency, vintage)
 * or a row number (order, no, stt, id) are ignored unless named in --key or
 * --value; their role says so in `fdi info`.
 */
#define _GNU_SOURCE
#include "ingest/ingest_internal.h"
#include "base/caseeq.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

void fdi__trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && (isspace((unsigned char)*p) ||
                 (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0))) {
        if ((unsigned char)*p == 0xC2)
            p++, n--;
        p++, n--;
    }
    while (n && (isspace((unsigned char)p[n - 1]) ||
                 (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0))) {
        if ((unsigned char)p[n - 1] == 0xA0)
            n--;
        n--;
    }
    *s = p;
    *len = n;
}

/* A name with bytes past ASCII in NFC, as keys are (a header typed in
 * NFD names the same column as --key, --value and --by in NFC); the name
 * itself when it is ASCII or not UTF-8.  Frees name when it replaces it. */
static char *nfc_name(char *name)
{
    const char *c = name;
    while (*c && (unsigned char)*c < 0x80)
        c++;
    if (!*c)
        return name;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &nfc,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n == UTF8PROC_ERROR_NOMEM) {
        free(name);
        return NULL;
    }
    if (n < 0) /* not UTF-8: kept as read */
        return name;
    free(name);
    return (char *)nfc;
}

/* Header names: trimmed, runs of blanks and line breaks made one space,
 * in NFC. */
static char *normalise_name(const char *s, size_t len)
{
    char *out;
    size_t o = 0;
    int space = 0;
    fdi__trim(&s, &len);
    out = malloc(len + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char)s[i])) {
            space = 1;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        out[o++] = s[i];
    }
    out[o] = '\0';
    return nfc_name(out);
}

static int name_in(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (fdi__caseeq(name, list[i]))
            return 1;
    return 0;
}

static const char *const period_names[] = {
    "period", "date", "month", "year", "time", "thang", "th\xC3\xA1ng", "nam",
    "n\xC4\x83m", "ky", "k\xE1\xBB\xB3", "ng\xC3\xA0y", "quarter", NULL};
static const char *const attribute_names[] = {
    "source", "note", "notes", "comment", "comments",
    "frequency", "freq", "vintage", "vintage_date", "flag", "flags",
    "status", "footnote", "footnotes", NULL};
static const char *const index_names[] = {
    "order", "no", "no.", "stt", "tt", "#", "id", "index", "s/n", "sn", NULL};

/* A column named by the user: exact name (any case), 1-based number, or a
 * unique case-insensitive part of a name.  -1 none, -2 ambiguous. */
static long find_column(char *const *names, size_t n, const char *want)
{
    long hit = -1;
    char *end;
    long num;
    for (size_t c = 0; c < n; c++)
        if (fdi__caseeq(names[c], want))
            return (long)c;
    num = strtol(want, &end, 10);
    if (*want && *end == '\0' && num >= 1 && (size_t)num <= n)
        return num - 1;
    for (size_t c = 0; c < n; c++) {
        if (*want && fdi__casecontains(names[c], want)) {
            if (hit >= 0)
                return -2;
            hit = (long)c;
        }
    }
    return hit;
}

static fdi_status column_error(const char *file, char *const *names, size_t n,
                               const char *opt, const char *want, long why,
                               fdi_error *err)
{
    char list[360];
    size_t o = 0;
    list[0] = '\0';
    for (size_t c = 0; c < n && o < sizeof list - 40; c++) {
        int w = snprintf(list + o, sizeof list - o, "%s\"%s\"", c ? ", " : "",
                         names[c]);
        if (w < 0)
            break;
        o += (size_t)w;
    }
    if (o >= sizeof list - 40)
        snprintf(list + sizeof list - 40, 40, ", ...");
    return fdi_error_set(err, FDI_ESCHEMA, file, 0, 0,
                         "%s \"%s\" %s; the columns are: %s", opt, want,
                         why == -2 ? "matches more than one column"
                                   : "matches no column",
                         list);
}

/* Resolve a comma list of column names into roles[c] = role. */
static fdi_status assign_list(const char *file, char *const *names, size_t n,
                              const char *opt, const char *list, fdi__role role,
                              fdi__role *roles, fdi_error *err)
{
    char item[256];
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *s = p;
        size_t sl = len;
        long c;
        fdi__trim(&s, &sl);
        if (sl >= sizeof item)
            sl = sizeof item - 1;
        memcpy(item, s, sl);
        item[sl] = '\0';
        if (sl) {
            c = find_column(names, n, item);
            if (c < 0)
                return column_error(file, names, n, opt, item, c, err);
            roles[c] = role;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return FDI_OK;
}

static int header_periods(const fdi__record *h, char *const *names, int32_t *per,
                          int *freq)
{
    int count = 0, f0 = 0;
    for (size_t c = 0; c < h->n; c++) {
        int32_t m;
        int f;
        per[c] = INT32_MIN;
        if (!names[c][0])
            continue;
        if (fdi_parse_period(names[c], strlen(names[c]), &m, &f, NULL) == FDI_PARSE_OK) {
            if (count && f != f0)
                continue;
            f0 = f;
            per[c] = m;
            count++;
        }
    }
    *freq = f0;
    return count;
}

/* Digits with only number punctuation around them: "2,432" or "1.250,75"
 * look like numbers even when the decimal setting makes them fail. */
static int looks_numeric(const char *s, size_t len)
{
    int digits = 0;
    fdi__trim(&s, &len);
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (!strchr(".,()+- '", s[i]))
            return 0;
    }
    return digits > 0;
}

/* Column kind from the sample: 1 numeric, 0 text, -1 all empty.  A column
 * is numeric when most of its non-empty cells are, or look like, numbers:
 * the odd bad cell ("abc", "12%"), or a decimal comma read without
 * --decimal, must reject its row with a reason, not turn the measure into a
 * key. */
static int column_kind(const fdi_ingest_options *o, const fdi__record *sample,
                       size_t nsample, size_t col)
{
    int numbers = 0, other = 0;
    for (size_t r = 0; r < nsample; r++) {
        double v;
        fdi_parse_result pr;
        if (col >= sample[r].n)
            continue;
        pr = fdi_parse_number(sample[r].ptr[col], sample[r].len[col], &o->number,
                              &v, NULL);
        numbers += pr == FDI_PARSE_OK ||
                   (pr == FDI_PARSE_INVALID &&
                    looks_numeric(sample[r].ptr[col], sample[r].len[col]));
        other += pr == FDI_PARSE_INVALID &&
                 !looks_numeric(sample[r].ptr[col], sample[r].len[col]);
    }
    if (!numbers && !other)
        return -1;
    return numbers > other ? 1 : 0;
}

void fdi__layout_free(fdi__layout *lay)
{
    if (!lay)
        return;
    for (size_t c = 0; c < lay->ncols && lay->names; c++)
        free(lay->names[c]);
    free(lay->names);
    free(lay->roles);
    free(lay->col_period);
    free(lay->col_measure);
    free(lay->key_dim);
    free(lay->key_cols);
    free(lay->value_cols);
    memset(lay, 0, sizeof *lay);
}

/* why: an ignored column's role with its reason ("ignored: ..."), or NULL */
static void set_role_text(fdi__column *col, fdi__role role, const char *why)
{
    static const char *const text[] = {"ignored", "period", "key", "measure",
                                       "measure name", "value", "period (column)"};
    col->role = role == FDI__ROLE_IGNORED && why ? why : text[role];
}

/* Step 1: the layout's arrays, every column ignored, and the header's
 * names normalised; FDI_ENOMEM or FDI_OK. */
static fdi_status layout_alloc(const fdi__record *header, fdi__layout *lay)
{
    size_t n = header->n;
    memset(lay, 0, sizeof *lay);
    lay->ncols = n;
    lay->names = calloc(n, sizeof *lay->names);
    lay->roles = calloc(n, sizeof *lay->roles);
    lay->col_period = calloc(n, sizeof *lay->col_period);
    lay->col_measure = calloc(n, sizeof *lay->col_measure);
    lay->key_dim = calloc(n, sizeof *lay->key_dim);
    if (!lay->names || !lay->roles || !lay->col_period || !lay->col_measure ||
        !lay->key_dim)
        return FDI_ENOMEM;
    for (size_t c = 0; c < n; c++)
        if (!(lay->names[c] = normalise_name(header->ptr[c], header->len[c])))
            return FDI_ENOMEM;
    lay->freq = 12;
    return FDI_OK;
}

/* Step 1b: no name twice in the header (blank names aside), sorted to find
 * them on a header of many columns; an error but with --lenient (fdi info,
 * FDI_REPORT_ALL, says it too: a header is no row to list and go on). */
typedef struct {
    const char *name;
    size_t col;
} named_col;

static int by_name_then_col(const void *a, const void *b)
{
    const named_col *x = a, *y = b;
    int d = strcmp(x->name, y->name);
    return d ? d : (x->col > y->col) - (x->col < y->col);
}

static fdi_status distinct_names(const fdi_ingest_options *o, const char *file,
                                 const fdi__record *header, const fdi__layout *lay,
                                 fdi_error *err)
{
    size_t n = lay->ncols, twice = SIZE_MAX, first = 0;
    if (o->lenient == FDI_LENIENT || n < 2)
        return FDI_OK;
    named_col *v = malloc(n * sizeof *v);
    if (!v)
        return FDI_ENOMEM;
    for (size_t c = 0; c < n; c++)
        v[c] = (named_col){lay->names[c], c};
    qsort(v, n, sizeof *v, by_name_then_col);
    for (size_t i = 1; i < n; i++)
        if (v[i].name[0] && strcmp(v[i].name, v[i - 1].name) == 0 && v[i].col < twice) {
            twice = v[i].col;
            first = v[i - 1].col;
        }
    free(v);
    if (twice == SIZE_MAX)
        return FDI_OK;
    return fdi_error_set(err, FDI_EPARSE, file, header->line, twice + 1,
                         "the header names \"%.100s\" twice (columns %zu and %zu): name "
                         "the columns apart (--lenient reads the file as it is)",
                         lay->names[twice], first + 1, twice + 1);
}

/* The period column found by its name: a period word (period_names), else
 * a name holding date, period or month (but not vintage); -1 none. */
static long period_column_by_name(const fdi__layout *lay)
{
    for (size_t c = 0; c < lay->ncols; c++)
        if (name_in(lay->names[c], period_names))
            return (long)c;
    for (size_t c = 0; c < lay->ncols; c++)
        if (!strcasestr(lay->names[c], "vintage") &&
            (strcasestr(lay->names[c], "date") || strcasestr(lay->names[c], "period") ||
             strcasestr(lay->names[c], "month")))
            return (long)c;
    return -1;
}

/* Step 2 (decisions 1 to 3 at the top of the file): the long layout's
 * columns, then the period column(s) or the periods as columns. */
static fdi_status assign_periods(const fdi_ingest_options *o, const char *file,
                                 const fdi__record *header, fdi__layout *lay,
                                 int *periods_as_columns, fdi_error *err)
{
    size_t n = lay->ncols;
    fdi_status st;
    if ((o->measure_col == NULL) != (o->value_col == NULL))
        return fdi_error_set(err, FDI_EUSAGE, file, 0, 0,
                             "long data needs both --measure-col and --value-col");
    if (o->measure_col &&
        ((st = assign_list(file, lay->names, n, "--measure-col", o->measure_col,
                           FDI__ROLE_MEASURE_NAME, lay->roles, err)) != FDI_OK ||
         (st = assign_list(file, lay->names, n, "--value-col", o->value_col,
                           FDI__ROLE_LONG_VALUE, lay->roles, err)) != FDI_OK))
        return st;
    if (o->period_col) {
        if ((st = assign_list(file, lay->names, n, "--period", o->period_col,
                              FDI__ROLE_PERIOD, lay->roles, err)) != FDI_OK)
            return st;
    } else if (!o->measure_col &&
               header_periods(header, lay->names, lay->col_period, &lay->freq) >= 2) {
        *periods_as_columns = 1;
        for (size_t c = 0; c < n; c++)
            if (lay->col_period[c] != INT32_MIN)
                lay->roles[c] = FDI__ROLE_PERIOD_VALUE;
    } else {
        long best = period_column_by_name(lay);
        if (best < 0)
            return fdi_error_set(err, FDI_ESCHEMA, file, header->line, 0,
                                 "no period column found (expected one named period, "
                                 "date, month or year, or periods as column names); "
                                 "name it with --period COL");
        lay->roles[best] = FDI__ROLE_PERIOD;
    }
    for (size_t c = 0; c < n; c++)
        if (lay->roles[c] == FDI__ROLE_PERIOD)
            lay->period_col = c;
    return FDI_OK;
}

/* Step 3: the columns named by --key and --value. */
static fdi_status assign_keys_and_values(const fdi_ingest_options *o, const char *file,
                                         fdi__layout *lay, int periods_as_columns,
                                         fdi_error *err)
{
    size_t n = lay->ncols;
    fdi_status st;
    if (o->key_cols && (st = assign_list(file, lay->names, n, "--key", o->key_cols,
                                         FDI__ROLE_KEY, lay->roles, err)) != FDI_OK)
        return st;
    if (!o->value_cols)
        return FDI_OK;
    if (periods_as_columns || o->measure_col)
        return fdi_error_set(err, FDI_EUSAGE, file, 0, 0,
                             "--value applies to wide files (one column per "
                             "measure); this file has %s",
                             periods_as_columns ? "periods as columns"
                                                : "--measure-col/--value-col");
    return assign_list(file, lay->names, n, "--value", o->value_cols, FDI__ROLE_VALUE,
                       lay->roles, err);
}

/* Step 4: every column not yet assigned, by its name and the sample: a key,
 * a measure, or ignored with the reason in why[c] (static text, the role
 * as fdi info shows it). */
static void guess_roles(const fdi_ingest_options *o, const fdi__record *sample,
                        size_t nsample, fdi__layout *lay, int periods_as_columns,
                        const char **why)
{
    int wide = !o->value_cols && !periods_as_columns && !o->measure_col;
    for (size_t c = 0; c < lay->ncols; c++) {
        int kind;
        if (lay->roles[c] != FDI__ROLE_IGNORED)
            continue;
        if (!lay->names[c][0]) {
            why[c] = "ignored: no name in the header";
            continue;
        }
        if (fdi__is_unit_name(lay->names[c])) {
            /* the unit of the values is meaning, not an attribute: a key,
             * so that sums never add different units (even with --key) */
            lay->roles[c] = FDI__ROLE_KEY;
            continue;
        }
        if (name_in(lay->names[c], attribute_names) || strcasestr(lay->names[c], "vintage")) {
            why[c] = "ignored: attribute (name it with --key to use it)";
            continue;
        }
        if (name_in(lay->names[c], index_names)) {
            why[c] = "ignored: row number (name it with --key or --value to use it)";
            continue;
        }
        kind = column_kind(o, sample, nsample, c);
        if (kind == 0 && !o->key_cols)
            lay->roles[c] = FDI__ROLE_KEY;
        else if (kind != 0 && wide)
            lay->roles[c] = FDI__ROLE_VALUE; /* empty so far is still a measure */
        else
            why[c] = kind == 0 ? "ignored: text column not in --key"
                     : kind < 0 ? "ignored: empty in the first records"
                                : "ignored: numbers, but not in --value";
    }
}

static int is_value_role(fdi__role role)
{
    return role == FDI__ROLE_VALUE || role == FDI__ROLE_LONG_VALUE ||
           role == FDI__ROLE_PERIOD_VALUE;
}

/* Step 5: the frame's dimensions, keys in file order then the measure,
 * into dim_names (room for ncols + 1); *ndims.  An error when no column
 * holds values. */
static fdi_status name_dimensions(const char *file, const fdi__record *header,
                                  fdi__layout *lay, char **dim_names, size_t *ndims,
                                  fdi_error *err)
{
    int any_value = 0;
    *ndims = 0;
    for (size_t c = 0; c < lay->ncols; c++) {
        if (lay->roles[c] == FDI__ROLE_KEY) {
            lay->key_dim[c] = *ndims;
            dim_names[(*ndims)++] = lay->names[c];
        }
        any_value |= is_value_role(lay->roles[c]);
    }
    lay->nkeys = *ndims;
    dim_names[(*ndims)++] = "measure";
    if (!any_value)
        return fdi_error_set(err, FDI_ESCHEMA, file, header->line, 0,
                             "no value column: no column holds numbers in the "
                             "first records; name them with --value COL,...");
    return FDI_OK;
}

/* Step 6: the columns as fdi info shows them (name and role), and the
 * measures' codes: a wide file's value columns by their names, periods as
 * columns all "value". */
static fdi_status describe_columns(fdi_frame *f, fdi__layout *lay, int periods_as_columns,
                                   const char **why)
{
    size_t n = lay->ncols;
    fdi__dict *measures = &f->dicts[f->ndims - 1];
    f->columns = calloc(n ? n : 1, sizeof *f->columns);
    if (!f->columns)
        return FDI_ENOMEM;
    f->ncolumns = n;
    for (size_t c = 0; c < n; c++) {
        size_t l = strlen(lay->names[c]) + 1;
        if (!(f->columns[c].name = malloc(l)))
            return FDI_ENOMEM;
        memcpy(f->columns[c].name, lay->names[c], l);
        set_role_text(&f->columns[c], lay->roles[c], why[c]);
        if (lay->roles[c] == FDI__ROLE_VALUE) {
            int64_t code = fdi__dict_intern(measures, lay->names[c], l - 1);
            if (code < 0)
                return FDI_ENOMEM;
            lay->col_measure[c] = (uint32_t)code;
        }
    }
    if (periods_as_columns) {
        int64_t code = fdi__dict_intern(measures, "value", 5);
        if (code < 0)
            return FDI_ENOMEM;
        for (size_t c = 0; c < n; c++)
            lay->col_measure[c] = (uint32_t)code;
    }
    return FDI_OK;
}

/* Step 7: the key and value columns listed once, for the rows' loops. */
static fdi_status list_columns(fdi__layout *lay)
{
    size_t n = lay->ncols;
    lay->key_cols = malloc((n ? n : 1) * sizeof *lay->key_cols);
    lay->value_cols = malloc((n ? n : 1) * sizeof *lay->value_cols);
    if (!lay->key_cols || !lay->value_cols)
        return FDI_ENOMEM;
    for (size_t c = 0; c < n; c++) {
        fdi__role role = lay->roles[c];
        if (role == FDI__ROLE_KEY || role == FDI__ROLE_MEASURE_NAME)
            lay->key_cols[lay->nkey_cols++] = c;
        if (is_value_role(role))
            lay->value_cols[lay->nvalue_cols++] = c;
        lay->nperiod_cols += role == FDI__ROLE_PERIOD;
        lay->has_measure_name |= role == FDI__ROLE_MEASURE_NAME;
    }
    return FDI_OK;
}

fdi_status fdi__layout_decide(const fdi_ingest_options *o, const char *file,
                              const fdi__record *header,
                              const fdi__record *sample, size_t nsample,
                              fdi__layout *lay, fdi_frame **frame,
                              fdi_error *err)
{
    size_t n = header->n, ndims = 0;
    const char **why = calloc(n ? n : 1, sizeof *why); /* an ignored column's reason */
    char **dim_names = calloc(n + 1, sizeof *dim_names);
    int periods_as_columns = 0;
    fdi_frame *f = NULL;
    fdi_status st = layout_alloc(header, lay);

    if (st != FDI_OK || !why || !dim_names ||
        (st = distinct_names(o, file, header, lay, err)) != FDI_OK ||
        (st = assign_periods(o, file, header, lay, &periods_as_columns, err)) != FDI_OK ||
        (st = assign_keys_and_values(o, file, lay, periods_as_columns, err)) != FDI_OK)
        goto fail;
    guess_roles(o, sample, nsample, lay, periods_as_columns, why);
    if ((st = name_dimensions(file, header, lay, dim_names, &ndims, err)) != FDI_OK)
        goto fail;
    st = FDI_ENOMEM;
    if (!(f = fdi__frame_new(file, dim_names, ndims)))
        goto fail;
    f->layout = periods_as_columns ? "periods-as-columns"
                : o->measure_col   ? "long"
                                   : "wide";
    f->ytd = o->ytd;
    f->scale = o->scale;
    f->freq = periods_as_columns ? lay->freq : 0; /* 0: set by the first row */
    if ((st = describe_columns(f, lay, periods_as_columns, why)) != FDI_OK ||
        (st = list_columns(lay)) != FDI_OK)
        goto fail;
    free(why);
    free(dim_names);
    *frame = f;
    return FDI_OK;
fail:
    if (st == FDI_OK) /* why or dim_names not allocated */
        st = FDI_ENOMEM;
    if (st == FDI_ENOMEM)
        fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    fdi_frame_destroy(f);
    free(why);
    free(dim_names);
    fdi__layout_free(lay);
    return st;
}
