/* scenario.c - reading scenario files: scenario,filter,from,to,op,value.
 * Nothing is skipped: a row that cannot be read is an error that names
 * file:line:column and what was expected. */
#include "fdi/whatif.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frame/dict.h"
#include "ingest/csv_small.h"
#include "fdi/parse.h"
#include "whatif/whatif_internal.h"

static const char *const op_names[] = {"scale", "add", "set", "growth", "shift"};

enum { C_SCENARIO, C_FILTER, C_FROM, C_TO, C_OP, C_VALUE, C_N };
static const char *const col_names[C_N] = {"scenario", "filter", "from", "to", "op", "value"};

void fdi_scenarios_free(fdi_scenarios *s)
{
    if (!s)
        return;
    free(s->rows);
    free(s->names);
    free(s->row_name);
    free(s->text);
    free(s->extra);
    free(s);
}

size_t fdi_scenarios_nrows(const fdi_scenarios *s) { return s->nrows; }
const fdi_scenario_row *fdi_scenarios_row(const fdi_scenarios *s, size_t i) { return &s->rows[i]; }
size_t fdi_scenarios_count(const fdi_scenarios *s) { return s->nnames; }
const char *fdi_scenarios_name(const fdi_scenarios *s, size_t j) { return s->names[j]; }

void fdi_scenarios_set_value(fdi_scenarios *s, size_t j, double value)
{
    for (size_t i = 0; j < s->nnames && i < s->nrows; i++)
        if (s->row_name[i] == j)
            s->rows[i].value = value;
}

/* Copy every string the rows point at into one block owned by s. */
static fdi_status own_strings(fdi_scenarios *s, fdi_error *err, const char *name)
{
    size_t total = 0;
    for (size_t i = 0; i < s->nrows; i++)
        total += strlen(s->rows[i].scenario) + strlen(s->rows[i].filter) + 2;
    s->text = malloc(total ? total : 1);
    if (!s->text)
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    char *p = s->text;
    for (size_t i = 0; i < s->nrows; i++) {
        size_t a = strlen(s->rows[i].scenario) + 1, b = strlen(s->rows[i].filter) + 1;
        memcpy(p, s->rows[i].scenario, a);
        s->rows[i].scenario = p;
        p += a;
        memcpy(p, s->rows[i].filter, b);
        s->rows[i].filter = p;
        p += b;
    }
    return FDI_OK;
}

/* The distinct names, in order of first appearance, and each row's: names
 * are interned in a hash table (dict.h), whose codes are that order. */
static fdi_status collect_names(fdi_scenarios *s, fdi_error *err, const char *name)
{
    fdi__dict d;
    fdi_status st = FDI_OK;
    fdi__dict_init(&d);
    s->names = malloc((s->nrows ? s->nrows : 1) * sizeof *s->names);
    s->row_name = malloc((s->nrows ? s->nrows : 1) * sizeof *s->row_name);
    if (!s->names || !s->row_name)
        st = FDI_ENOMEM;
    s->nnames = 0;
    for (size_t i = 0; i < s->nrows && st == FDI_OK; i++) {
        const char *n = s->rows[i].scenario;
        int64_t j = fdi__dict_intern(&d, n, strlen(n));
        if (j < 0) {
            st = FDI_ENOMEM;
            break;
        }
        if ((size_t)j == s->nnames)
            s->names[s->nnames++] = n;
        s->row_name[i] = (size_t)j;
    }
    fdi__dict_free(&d);
    if (st != FDI_OK)
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    return FDI_OK;
}

/* "baseline" (in any case, padded or not): the name of the result's row
 * without a scenario, which a scenario of that name would be mistaken for. */
static int is_baseline(const char *n)
{
    size_t len;
    while (*n == ' ')
        n++;
    for (len = strlen(n); len && n[len - 1] == ' ';)
        len--;
    return len == 8 && strncasecmp(n, "baseline", 8) == 0;
}

static fdi_status parse_row(const csv_record *r, const int *col, const char *name,
                            fdi_scenario_row *row, fdi_error *err)
{
    const char *why = NULL;
    int freq;
    size_t ln = r->line;
#define FIELD(c) (col[c] >= 0 && (size_t)col[c] < r->nfields ? r->field[col[c]] : "")
#define COLNO(c) ((size_t)col[c] + 1)
    memset(row, 0, sizeof *row);
    row->line = ln;
    row->scenario = FIELD(C_SCENARIO);
    row->filter = FIELD(C_FILTER);
    row->col_filter = col[C_FILTER] >= 0 ? COLNO(C_FILTER) : 0;
    row->col_from = COLNO(C_FROM);
    row->col_to = col[C_TO] >= 0 ? COLNO(C_TO) : COLNO(C_FROM);
    if (r->nfields > 0 && r->nfields < (size_t)col[C_OP] + 1)
        return fdi_error_set(err, FDI_EPARSE, name, ln, r->nfields,
                             "the row ends after %zu fields: expected scenario, filter, "
                             "from, to, op and value",
                             r->nfields);
    if (!*row->scenario)
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_SCENARIO),
                             "column \"scenario\": a scenario name is expected");
    if (is_baseline(row->scenario))
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_SCENARIO),
                             "column \"scenario\": \"%s\" is the name of the row without a "
                             "scenario; name the scenario otherwise", row->scenario);
    const char *op = FIELD(C_OP);
    size_t k = 0;
    while (k < sizeof op_names / sizeof op_names[0] && strcasecmp(op, op_names[k]) != 0)
        k++;
    if (k == sizeof op_names / sizeof op_names[0])
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_OP),
                             "column \"op\": expected scale, add, set, growth or shift, "
                             "found \"%s\"",
                             op);
    row->op = (fdi_op)k;
    const char *from = FIELD(C_FROM), *to = FIELD(C_TO);
    if (fdi_parse_period(from, strlen(from), &row->from, &freq, &why) != FDI_PARSE_OK)
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_FROM),
                             "column \"from\": a month (YYYY-MM) is expected, found \"%s\"%s%s",
                             from, why ? ": " : "", why ? why : "");
    row->to = row->from;
    if (*to && fdi_parse_period(to, strlen(to), &row->to, &freq, &why) != FDI_PARSE_OK)
        return fdi_error_set(err, FDI_EPARSE, name, ln, row->col_to,
                             "column \"to\": a month (YYYY-MM) is expected, found \"%s\"%s%s",
                             to, why ? ": " : "", why ? why : "");
    if (row->to < row->from && row->op != FDI_OP_SHIFT)
        return fdi_error_set(err, FDI_EPARSE, name, ln, row->col_to,
                             "column \"to\": %s is before \"from\" %s", to, from);
    if (row->op == FDI_OP_SHIFT && row->to == row->from)
        return fdi_error_set(err, FDI_EPARSE, name, ln, row->col_to,
                             "shift moves a value from the month in \"from\" to another "
                             "month in \"to\"; both are %s",
                             from);
    const char *v = FIELD(C_VALUE);
    fdi_number_format nf = fdi_number_format_default();
    nf.dash_is_zero = 0;
    fdi_parse_result pr = fdi_parse_number(v, strlen(v), &nf, &row->value, &why);
    if (pr != FDI_PARSE_OK || !isfinite(row->value))
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_VALUE),
                             "column \"value\": a number is expected, found \"%s\"", v);
    if (row->op == FDI_OP_GROWTH && row->value <= -100)
        return fdi_error_set(err, FDI_EPARSE, name, ln, COLNO(C_VALUE),
                             "column \"value\": growth is percent per month and must be "
                             "above -100, found %s",
                             v);
#undef FIELD
#undef COLNO
    return FDI_OK;
}

fdi_status fdi_scenarios_parse(const char *data, size_t len, const char *name,
                               fdi_scenarios **out, fdi_error *err)
{
    csv_doc doc;
    int col[C_N];
    *out = NULL;
    fdi_status st = fdi__csv_doc_parse(data, len, name, &doc, err);
    if (st != FDI_OK)
        return st;
    if (doc.nrec == 0) {
        fdi__csv_doc_free(&doc);
        return fdi_error_set(err, FDI_EPARSE, name, 1, 0,
                             "empty: expected a header scenario,filter,from,to,op,value");
    }
    const csv_record *h = &doc.rec[0];
    for (int c = 0; c < C_N; c++)
        col[c] = -1;
    for (size_t i = 0; i < h->nfields; i++) {
        int c = 0;
        while (c < C_N && strcasecmp(h->field[i], col_names[c]) != 0)
            c++;
        if (c < C_N && col[c] < 0) {
            col[c] = (int)i;
        } else if (strcasecmp(h->field[i], "comment") != 0 &&
                   strcasecmp(h->field[i], "note") != 0) {
            st = fdi_error_set(err, FDI_ESCHEMA, name, h->line, i + 1,
                               "header: unexpected column \"%s\"; the columns are "
                               "scenario,filter,from,to,op,value (and comment)",
                               h->field[i]);
            break;
        }
    }
    for (int c = 0; st == FDI_OK && c < C_N; c++)
        if (col[c] < 0 && c != C_FILTER && c != C_TO)
            st = fdi_error_set(err, FDI_ESCHEMA, name, h->line, 0,
                               "header: no column \"%s\" (expected "
                               "scenario,filter,from,to,op,value)",
                               col_names[c]);
    fdi_scenarios *s = NULL;
    if (st == FDI_OK && !(s = calloc(1, sizeof *s)))
        st = fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    if (st == FDI_OK && doc.nrec > 1 &&
        !(s->rows = calloc(doc.nrec - 1, sizeof *s->rows)))
        st = fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    for (size_t i = 1; st == FDI_OK && i < doc.nrec; i++)
        st = parse_row(&doc.rec[i], col, name, &s->rows[s->nrows++], err);
    if (st == FDI_OK && s->nrows == 0)
        st = fdi_error_set(err, FDI_EPARSE, name, h->line, 0,
                           "no scenario rows after the header");
    if (st == FDI_OK)
        st = own_strings(s, err, name);
    if (st == FDI_OK)
        st = collect_names(s, err, name);
    fdi__csv_doc_free(&doc);
    if (st != FDI_OK) {
        fdi_scenarios_free(s);
        return st;
    }
    *out = s;
    return FDI_OK;
}

fdi_status fdi_scenarios_read(const char *path, fdi_scenarios **out, fdi_error *err)
{
    char *buf;
    size_t n;
    *out = NULL;
    fdi_status st = fdi__csv_file_load(path, &buf, &n, err);
    if (st != FDI_OK)
        return st;
    st = fdi_scenarios_parse(buf, n, path, out, err);
    free(buf);
    return st;
}

fdi_status fdi_scenarios_with_value(const fdi_scenarios *s, const char *name,
                                    const double *values, size_t nvalues,
                                    fdi_scenarios **out, fdi_error *err)
{
    size_t nrows = 0, nmine = 0;
    *out = NULL;
    for (size_t i = 0; i < s->nrows; i++)
        nmine += strcmp(s->rows[i].scenario, name) == 0;
    if (!nmine)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "no scenario named \"%s\" in the scenario file", name);
    nrows = s->nrows - nmine + nmine * nvalues;
    fdi_scenarios *c = calloc(1, sizeof *c);
    size_t namelen = strlen(name) + 32;
    if (c) {
        c->rows = calloc(nrows ? nrows : 1, sizeof *c->rows);
        c->extra = malloc(nvalues * namelen + 1);
    }
    if (!c || !c->rows || !c->extra) {
        fdi_scenarios_free(c);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t v = 0; v < nvalues; v++)
        snprintf(c->extra + v * namelen, namelen, "%s=%.10g", name, values[v]);
    /* the other scenarios first as they were, then the grid in order */
    for (size_t i = 0; i < s->nrows; i++)
        if (strcmp(s->rows[i].scenario, name) != 0)
            c->rows[c->nrows++] = s->rows[i];
    for (size_t v = 0; v < nvalues; v++)
        for (size_t i = 0; i < s->nrows; i++)
            if (strcmp(s->rows[i].scenario, name) == 0) {
                fdi_scenario_row r = s->rows[i];
                r.scenario = c->extra + v * namelen;
                r.value = values[v];
                c->rows[c->nrows++] = r;
            }
    fdi_status st = own_strings(c, err, NULL);
    if (st == FDI_OK)
        st = collect_names(c, err, NULL);
    if (st != FDI_OK) {
        fdi_scenarios_free(c);
        return st;
    }
    *out = c;
    return FDI_OK;
}
