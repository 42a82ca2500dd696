/* map.c - --map FILE: group columns (province -> region, country ->
 * income group) added to a frame as keys, so that --by and --filter use
 * them (fdi_ingest_options.map).
 *
 * The map is a small CSV: a header naming one of the data's key columns
 * and one or more group columns, a row per key.  Keys are matched in
 * Unicode NFC, ignoring case and padding, as --filter matches.  A key of
 * the data that the map does not name goes to the group "(unmapped)" and
 * is listed (fdi_frame_unmapped): never dropped. */
#define _POSIX_C_SOURCE 200809L
#include "base/caseeq.h"
#include "ingest/ingest_internal.h"
#include "ingest/csv_small.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>


typedef struct {
    const char *path;
    csv_doc doc;
    size_t key_col;     /* in the map's header */
    size_t key_dim;     /* in the frame */
    size_t ngroups;
    size_t *group_col;  /* ngroups columns of the map */
    fdi__dict keys;     /* folded key -> map row (code = index into rows) */
    size_t *rows;       /* code -> record index in doc */
} map;

/* s in NFC and case-folded, into *out (malloc'd); -1 when out of memory
 * or not UTF-8. */
static int fold(const char *s, char **out, size_t *n)
{
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, -1, &f,
                                        UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                            UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (len < 0)
        return -1;
    *out = (char *)f;
    *n = (size_t)len;
    return 0;
}

static void map_free(map *m)
{
    fdi__csv_doc_free(&m->doc);
    free(m->group_col);
    fdi__dict_free(&m->keys);
    free(m->rows);
}

/* The header: the key column (the first named as a key of f) and the
 * group columns (the others, each a new name). */
static fdi_status read_header(map *m, const fdi_frame *f, fdi_error *err)
{
    if (m->doc.nrec == 0)
        return fdi_error_set(err, FDI_EPARSE, m->path, 0, 0, "--map: the file is empty");
    const csv_record *h = &m->doc.rec[0];
    size_t nd = fdi_frame_ndims(f);
    m->key_col = SIZE_MAX;
    for (size_t c = 0; c < h->nfields && m->key_col == SIZE_MAX; c++)
        for (size_t d = 0; d + 1 < nd; d++)
            if (fdi__caseeq(h->field[c], fdi_frame_dim_name(f, d))) {
                m->key_col = c;
                m->key_dim = d;
                break;
            }
    if (m->key_col == SIZE_MAX)
        return fdi_error_set(err, FDI_ESCHEMA, m->path, h->line, 0,
                             "--map: no column is named as a key column of the data "
                             "(its keys: %s%s%s)", nd > 1 ? fdi_frame_dim_name(f, 0) : "none",
                             nd > 2 ? ", " : "", nd > 2 ? fdi_frame_dim_name(f, 1) : "");
    m->group_col = malloc(h->nfields * sizeof *m->group_col);
    if (!m->group_col)
        return fdi_error_set(err, FDI_ENOMEM, m->path, 0, 0, "out of memory");
    for (size_t c = 0; c < h->nfields; c++) {
        if (c == m->key_col || !h->field[c][0])
            continue;
        int taken = fdi_frame_dim_find(f, h->field[c]) >= 0;
        for (size_t k = 0; k < fdi_frame_ncolumns(f) && !taken; k++)
            taken = fdi__caseeq(fdi_frame_column_name(f, k), h->field[c]);
        if (taken)
            return fdi_error_set(err, FDI_ESCHEMA, m->path, h->line, c + 1,
                                 "--map: the data already has a column \"%s\"",
                                 h->field[c]);
        m->group_col[m->ngroups++] = c;
    }
    if (m->ngroups == 0)
        return fdi_error_set(err, FDI_ESCHEMA, m->path, h->line, 0,
                             "--map: no group column beside \"%s\" (expected e.g. "
                             "province,region)", h->field[m->key_col]);
    return FDI_OK;
}

/* Whether rows a and b of the map give the same groups. */
static int same_groups(const map *m, const csv_record *a, const csv_record *b)
{
    for (size_t g = 0; g < m->ngroups; g++)
        if (strcmp(a->field[m->group_col[g]], b->field[m->group_col[g]]) != 0)
            return 0;
    return 1;
}

/* The rows: each key once (the same key again with other groups is an
 * error naming both lines), every row as wide as the header. */
static fdi_status read_rows(map *m, fdi_error *err)
{
    size_t ncols = m->doc.rec[0].nfields;
    m->rows = malloc(m->doc.nrec * sizeof *m->rows);
    if (!m->rows)
        return fdi_error_set(err, FDI_ENOMEM, m->path, 0, 0, "out of memory");
    for (size_t r = 1; r < m->doc.nrec; r++) {
        const csv_record *rec = &m->doc.rec[r];
        if (rec->nfields != ncols)
            return fdi_error_set(err, FDI_EPARSE, m->path, rec->line, 0,
                                 "--map: the row has %zu fields, the header %zu",
                                 rec->nfields, ncols);
        char *k;
        size_t kn;
        if (fold(rec->field[m->key_col], &k, &kn) != 0)
            return fdi_error_set(err, FDI_EPARSE, m->path, rec->line, m->key_col + 1,
                                 "--map: the key is not UTF-8");
        for (size_t g = 0; g < m->ngroups; g++) {
            const char *v = rec->field[m->group_col[g]];
            utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)v);
            free(nfc);
            if (!v[0] || !nfc)
                return fdi_error_set(err, FDI_EPARSE, m->path, rec->line, m->group_col[g] + 1,
                                     "--map: the group of \"%s\" is %s (a key the map "
                                     "does not name sums as \"(unmapped)\")",
                                     rec->field[m->key_col], v[0] ? "not UTF-8" : "empty");
        }
        size_t before = m->keys.count;
        int64_t code = fdi__dict_intern(&m->keys, k, kn);
        free(k);
        if (code < 0)
            return fdi_error_set(err, FDI_ENOMEM, m->path, 0, 0, "out of memory");
        if ((size_t)code < before) { /* the key again */
            const csv_record *first = &m->doc.rec[m->rows[code]];
            if (!same_groups(m, first, rec))
                return fdi_error_set(err, FDI_EPARSE, m->path, rec->line, m->key_col + 1,
                                     "--map: \"%s\" is mapped twice, differently (lines "
                                     "%zu and %zu)", rec->field[m->key_col], first->line,
                                     rec->line);
            continue;
        }
        m->rows[code] = r;
    }
    return FDI_OK;
}

/* The map record for the label of code c of the mapped dimension; NULL
 * when the map does not name it. */
static const csv_record *row_of(const map *m, const fdi_frame *f, uint32_t c)
{
    char *k;
    size_t kn;
    if (fold(fdi_frame_label(f, m->key_dim, c), &k, &kn) != 0)
        return NULL;
    int64_t code = fdi__dict_find(&m->keys, k, kn);
    free(k);
    return code < 0 ? NULL : &m->doc.rec[m->rows[code]];
}

/* The frame's dimensions with the groups before "measure", the series
 * re-made with their groups (in the same order, so with the same ids:
 * the observations stay as they are).  0, or -1 when out of memory. */
static int add_groups(const map *m, fdi_frame *f)
{
    size_t nd = f->ndims, ng = m->ngroups, nn = nd + ng, nlab = f->dicts[m->key_dim].count;
    char **names = calloc(nn, sizeof *names);
    fdi__dict *dicts = calloc(nn, sizeof *dicts);
    uint32_t *gcode = malloc((nlab ? nlab : 1) * ng * sizeof *gcode), *tuple = malloc(nn * 4);
    uint32_t *unm = malloc((nlab ? nlab : 1) * sizeof *unm);
    fdi__tuplemap series;
    fdi__tuplemap_init(&series, nn);
    int rc = -1;
    if (!names || !dicts || !gcode || !tuple || !unm)
        goto out;
    for (size_t g = 0; g < ng; g++) {
        fdi__dict_init(&dicts[nd - 1 + g]);
        if (!(names[nd - 1 + g] = strdup(m->doc.rec[0].field[m->group_col[g]])))
            goto out;
    }
    size_t nunm = 0;
    for (uint32_t c = 0; c < nlab; c++) { /* each label's groups */
        const csv_record *r = row_of(m, f, c);
        if (!r)
            unm[nunm++] = c;
        for (size_t g = 0; g < ng; g++) {
            /* groups compared in NFC, as keys are (checked UTF-8 by read_rows) */
            char *lab = (char *)utf8proc_NFC(
                (const utf8proc_uint8_t *)(r ? r->field[m->group_col[g]] : FDI_UNMAPPED));
            int64_t code = lab ? fdi__dict_intern(&dicts[nd - 1 + g], lab, strlen(lab)) : -1;
            free(lab);
            if (code < 0)
                goto out;
            gcode[c * ng + g] = (uint32_t)code;
        }
    }
    for (size_t s = 0; s < f->series.count; s++) {
        const uint32_t *k = f->series.tuples + s * nd;
        memcpy(tuple, k, (nd - 1) * sizeof *tuple);
        memcpy(tuple + nd - 1, gcode + (size_t)k[m->key_dim] * ng, ng * sizeof *tuple);
        tuple[nn - 1] = k[nd - 1];
        if (fdi__tuplemap_intern(&series, tuple) != (int64_t)s)
            goto out;
    }
    /* the new dimensions in; the old arrays' contents moved */
    for (size_t d = 0; d + 1 < nd; d++) {
        names[d] = f->dim_names[d];
        dicts[d] = f->dicts[d];
    }
    names[nn - 1] = f->dim_names[nd - 1];
    dicts[nn - 1] = f->dicts[nd - 1];
    free(f->dim_names);
    free(f->dicts);
    fdi__tuplemap_free(&f->series);
    f->dim_names = names;
    f->dicts = dicts;
    f->series = series;
    f->ndims = nn;
    f->unmapped = unm;
    f->nunmapped = nunm;
    f->unmapped_dim = m->key_dim;
    names = NULL;
    dicts = NULL;
    unm = NULL;
    series.tuples = NULL;
    series.slots = NULL;
    rc = 0;
out:
    if (names)
        for (size_t g = 0; g < ng; g++)
            free(names[nd - 1 + g]);
    if (dicts)
        for (size_t g = 0; g < ng; g++)
            fdi__dict_free(&dicts[nd - 1 + g]);
    free(names);
    free(dicts);
    free(gcode);
    free(tuple);
    free(unm);
    fdi__tuplemap_free(&series);
    return rc;
}

fdi_status fdi__frame_apply_map(fdi_frame *f, const char *path, fdi_error *err)
{
    map m;
    char *text = NULL;
    size_t len = 0;
    memset(&m, 0, sizeof m);
    m.path = path;
    fdi__dict_init(&m.keys);
    fdi_status st = fdi__csv_file_load(path, &text, &len, err);
    if (st == FDI_OK)
        st = fdi__csv_doc_parse(text, len, path, &m.doc, err);
    free(text);
    if (st == FDI_OK && (st = read_header(&m, f, err)) == FDI_OK &&
        (st = read_rows(&m, err)) == FDI_OK && add_groups(&m, f) != 0)
        st = fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
    map_free(&m);
    return st;
}
