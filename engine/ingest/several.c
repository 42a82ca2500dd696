/* several.c - several files read into one frame, when their columns agree
 * (fdi_ingest_files, fdi/ingest.h): monthly files, halves of a file, a
 * workbook beside a CSV. */
#include "ingest/ingest_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The role of column c without its reason ("ignored: ..." -> "ignored"). */
static size_t role_kind(const char *role)
{
    const char *colon = strchr(role, ':');
    return colon ? (size_t)(colon - role) : strlen(role);
}

/* Whether b's columns agree with a's; FDI_ESCHEMA naming the first that
 * differs when not (path: b's, which outlives b for the message). */
static fdi_status agree(const fdi_frame *a, const fdi_frame *b, const char *path,
                        fdi_error *err)
{
    size_t na = fdi_frame_ncolumns(a), nb = fdi_frame_ncolumns(b);
    for (size_t c = 0; c < na || c < nb; c++) {
        if (c >= na || c >= nb)
            return fdi_error_set(err, FDI_ESCHEMA, path, 0, 0,
                                 "has %zu columns where %s has %zu (column %zu: \"%s\"): "
                                 "files read together need the same columns",
                                 nb, fdi_frame_file(a, 0), na, c + 1,
                                 c < na ? fdi_frame_column_name(a, c)
                                        : fdi_frame_column_name(b, c));
        const char *ra = fdi_frame_column_role(a, c), *rb = fdi_frame_column_role(b, c);
        size_t ka = role_kind(ra), kb = role_kind(rb);
        if (strcmp(fdi_frame_column_name(a, c), fdi_frame_column_name(b, c)) != 0 || ka != kb ||
            strncmp(ra, rb, ka) != 0)
            return fdi_error_set(err, FDI_ESCHEMA, path, 0, 0,
                                 "column %zu is \"%s\" (%.*s) where %s has \"%s\" (%.*s): "
                                 "files read together need the same columns",
                                 c + 1, fdi_frame_column_name(b, c), (int)kb, rb,
                                 fdi_frame_file(a, 0), fdi_frame_column_name(a, c), (int)ka,
                                 ra);
    }
    if (fdi_frame_freq(a) && fdi_frame_freq(b) && fdi_frame_freq(a) != fdi_frame_freq(b))
        return fdi_error_set(err, FDI_ESCHEMA, path, 0, 0,
                             "its periods are of another frequency than %s's",
                             fdi_frame_file(a, 0));
    return FDI_OK;
}

/* The columns' roles as the first file's detection decided them, for the
 * other files (so that a file of a few rows is read as the first, and a
 * bad cell in it is a rejection, not a key column), by column number:
 * o's own choices stay. */
typedef struct {
    char period[16], keys[512], values[512], mname[16], mvalue[16];
    int full; /* a list did not fit: the columns are detected afresh */
} roles_as_first;

static void append_number(roles_as_first *r, char *list, size_t size, size_t c)
{
    char num[24];
    size_t at = strlen(list), n = (size_t)snprintf(num, sizeof num, "%zu", c + 1);
    if (at + n + 2 > size) {
        r->full = 1;
        return;
    }
    if (at)
        list[at++] = ',';
    memcpy(list + at, num, n + 1);
}

static void follow_first(const fdi_frame *first, roles_as_first *r, fdi_ingest_options *o)
{
    memset(r, 0, sizeof *r);
    if (strcmp(fdi_frame_layout(first), "periods-as-columns") == 0)
        return; /* the periods are the columns: nothing to carry */
    for (size_t c = 0; c < fdi_frame_ncolumns(first); c++) {
        const char *role = fdi_frame_column_role(first, c);
        if (strcmp(role, "period") == 0)
            append_number(r, r->period, sizeof r->period, c);
        else if (strcmp(role, "key") == 0)
            append_number(r, r->keys, sizeof r->keys, c);
        else if (strcmp(role, "measure") == 0)
            append_number(r, r->values, sizeof r->values, c);
        else if (strcmp(role, "measure name") == 0)
            append_number(r, r->mname, sizeof r->mname, c);
        else if (strcmp(role, "value") == 0)
            append_number(r, r->mvalue, sizeof r->mvalue, c);
    }
    if (r->full)
        return;
    if (!o->period_col && r->period[0] && !strchr(r->period, ','))
        o->period_col = r->period;
    if (!o->key_cols && r->keys[0])
        o->key_cols = r->keys;
    if (!o->value_cols && r->values[0])
        o->value_cols = r->values;
    if (!o->measure_col && r->mname[0] && r->mvalue[0] && !o->value_col) {
        o->measure_col = r->mname;
        o->value_col = r->mvalue;
    }
}

fdi_status fdi_ingest_files(const fdi_ingest_options *opts, const char *const *paths,
                            size_t npaths, fdi_frame **out, fdi_error *err)
{
    fdi_ingest_options o = opts ? *opts : fdi_ingest_options_default();
    fdi_frame *all = NULL, *next = NULL;
    fdi_status st = FDI_OK;
    roles_as_first first;
    *out = NULL;
    if (npaths == 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "no input file given");
    for (size_t i = 0; i < npaths && st == FDI_OK; i++) {
        o.path = paths[i];
        st = fdi_ingest_csv(&o, i ? &next : &all, err);
        if (st == FDI_OK && i == 0)
            follow_first(all, &first, &o);
        if (st != FDI_OK || i == 0)
            continue;
        if ((st = agree(all, next, paths[i], err)) == FDI_OK && fdi__frame_append_file(all, next) != 0)
            st = fdi_error_set(err, FDI_ENOMEM, paths[i], 0, 0, "out of memory");
        fdi_frame_destroy(next);
        next = NULL;
    }
    if (st == FDI_OK && o.map)
        st = fdi__frame_apply_map(all, o.map, err);
    if (st != FDI_OK) {
        fdi_frame_destroy(all);
        return st;
    }
    *out = all;
    return FDI_OK;
}
