/* sources.c - where a frame's rows come from: several files (which file a
 * line is in), a --map (the keys it did not name). */
#define _POSIX_C_SOURCE 200809L
#include "frame/frame_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Record a file read into f whose lines are shifted by shift; the first
 * file is f->path itself.  0, or -1 when out of memory. */
static int add_source(fdi_frame *f, const char *path, size_t shift)
{
    char **p = realloc(f->src_path, (f->nsrc + 1) * sizeof *p);
    if (!p)
        return -1;
    f->src_path = p;
    size_t *s = realloc(f->src_shift, (f->nsrc + 1) * sizeof *s);
    if (!s)
        return -1;
    f->src_shift = s;
    if (!(f->src_path[f->nsrc] = strdup(path)))
        return -1;
    f->src_shift[f->nsrc++] = shift;
    return 0;
}

/* f->path becomes "a.csv, b.csv, ..." for the messages that name the
 * input as a whole. */
static int join_paths(fdi_frame *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nsrc; i++)
        n += strlen(f->src_path[i]) + 2;
    char *j = malloc(n + 1);
    if (!j)
        return -1;
    j[0] = '\0';
    for (size_t i = 0; i < f->nsrc; i++) {
        if (i)
            strcat(j, ", ");
        strcat(j, f->src_path[i]);
    }
    free(f->path);
    f->path = j;
    return 0;
}

int fdi__frame_append_file(fdi_frame *dst, const fdi_frame *src)
{
    size_t shift = dst->nlines;
    if ((dst->nsrc == 0 && add_source(dst, dst->path, 0) != 0) ||
        add_source(dst, src->path, shift) != 0 || fdi__frame_merge(dst, src, shift) != 0 ||
        join_paths(dst) != 0)
        return -1;
    dst->nlines += src->nlines;
    dst->stats.bytes += src->stats.bytes;
    return 0;
}

size_t fdi_frame_nfiles(const fdi_frame *f) { return f->nsrc ? f->nsrc : 1; }

const char *fdi_frame_file(const fdi_frame *f, size_t i)
{
    if (!f->nsrc)
        return i == 0 ? f->path : NULL;
    return i < f->nsrc ? f->src_path[i] : NULL;
}

const char *fdi_frame_where(const fdi_frame *f, size_t line, size_t *local)
{
    size_t k = 0;
    while (k + 1 < f->nsrc && line > f->src_shift[k + 1])
        k++;
    *local = f->nsrc ? line - f->src_shift[k] : line;
    return f->nsrc ? f->src_path[k] : f->path;
}

size_t fdi_frame_nunmapped(const fdi_frame *f) { return f->nunmapped; }

const char *fdi_frame_unmapped(const fdi_frame *f, size_t i)
{
    return i < f->nunmapped ? fdi__dict_str(&f->dicts[f->unmapped_dim], f->unmapped[i]) : NULL;
}

void fdi_frame_unmapped_note(const fdi_frame *f, char *buf, size_t size)
{
    enum { SHOWN = 20 };
    size_t at = 0;
    if (!size)
        return;
    buf[0] = '\0';
    if (!f->nunmapped)
        return;
    int n = snprintf(buf, size, "%zu key%s of %s %s not in the map (they sum as "
                     "\"(unmapped)\"): ", f->nunmapped, f->nunmapped == 1 ? "" : "s",
                     f->dim_names[f->unmapped_dim], f->nunmapped == 1 ? "is" : "are");
    for (size_t i = 0; n > 0 && (at += (size_t)n) < size && i < f->nunmapped && i < SHOWN; i++)
        n = snprintf(buf + at, size - at, "%s%s", i ? ", " : "", fdi_frame_unmapped(f, i));
    if (at < size && f->nunmapped > SHOWN)
        snprintf(buf + at, size - at, " and %zu more", f->nunmapped - SHOWN);
}
