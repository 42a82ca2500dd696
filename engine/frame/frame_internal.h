/* frame_internal.h - the frame's layout, shared by ingest and frame.c. */
#ifndef FDI_FRAME_INTERNAL_H
#define FDI_FRAME_INTERNAL_H

#include "frame/dict.h"
#include "fdi/frame.h"

typedef struct {
    char *name;
    const char *role; /* static text: "key", "ignored: no name in the
                       * header" (was a 96-byte array a column: 10 MB for a
                       * header of 100,000 columns, issue 15) */
} fdi__column;

struct fdi_frame {
    char *path;
    char *sheet; /* a workbook's sheet read (NULL: a text file) */
    const char *layout;
    int freq;
    int ytd;
    double scale; /* --scale: what every value was multiplied by (1: none) */
    size_t ndims; /* keys + measure */
    char **dim_names;
    fdi__dict *dicts; /* ndims */
    fdi__tuplemap series;
    /* observations */
    size_t nobs, obs_cap;
    uint32_t *obs_series;
    int32_t *obs_period;
    double *obs_value;
    uint32_t *obs_line;
    fdi_ingest_stats stats;
    fdi_rejection *rejections;
    size_t nrej, rej_cap;
    fdi__column *columns;
    size_t ncolumns;
    size_t nlines; /* lines read (the last line's number) */
    /* several files read into one frame (fdi_ingest_files): each one's
     * path and the number its lines are shifted by; none for one file */
    char **src_path;
    size_t *src_shift, nsrc;
    /* --map: the mapped key's labels the map did not name (codes in the
     * mapped dimension's dictionary) */
    uint32_t *unmapped;
    size_t nunmapped, unmapped_dim;
};

/* Allocate an empty frame with the given dimension names (measure last). */
fdi_frame *fdi__frame_new(const char *path, char *const *dim_names, size_t ndims);
/* The workbook's sheet the frame was read from (copied); 0, or -1 when out
 * of memory. */
int fdi__frame_set_sheet(fdi_frame *f, const char *sheet);
/* Room for `need` observations without growing again (its untouched
 * pages cost no memory); 0, or -1 when out of memory. */
int fdi__frame_reserve(fdi_frame *f, size_t need);

/* Append one observation; -1 on allocation failure.  Inline: it is called
 * for every value read. */
static inline int fdi__frame_push(fdi_frame *f, uint32_t series, int32_t period,
                                  double value, uint32_t line)
{
    if (f->nobs == f->obs_cap && fdi__frame_reserve(f, f->nobs + 1) != 0)
        return -1;
    f->obs_series[f->nobs] = series;
    f->obs_period[f->nobs] = period;
    f->obs_value[f->nobs] = value;
    f->obs_line[f->nobs] = line;
    f->nobs++;
    return 0;
}

/* src's observations, series and rejections appended to dst as read from
 * another file, its lines numbered after dst's (fdi_frame_where tells the
 * file and line back); 0, or -1 when out of memory. */
int fdi__frame_append_file(fdi_frame *dst, const fdi_frame *src);

/* Log a rejected row (counted by the caller). */
int fdi__frame_reject(fdi_frame *f, size_t line, size_t column, const char *fmt,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Forget the observations (fdi_ingest_options.drain has taken them): the
 * arrays stay, for the next ones. */
static inline void fdi__frame_forget_obs(fdi_frame *f) { f->nobs = 0; }

/* Make the pages of observations [from, to) present ahead of their
 * writing (fdi__populate), within the reserved capacity. */
void fdi__frame_populate(fdi_frame *f, size_t from, size_t to);

/* Append src (read from a later part of the same file, with the same
 * dimensions) to dst: labels, series, observations, rejections and counts,
 * as if one reader had read both parts in order; src numbers its lines
 * from 0 and line_offset moves them.  0, or -1 on allocation
 * failure (dst is then partly merged: discard it). */
int fdi__frame_merge(fdi_frame *dst, const fdi_frame *src, size_t line_offset);

/* What a merge of a frame that goes on reading (a reader kept from part to
 * part, ingest/two_threads.c) has mapped so far: its label codes by
 * dimension and its series, to dst's.  Zeroed to start. */
typedef struct {
    uint32_t **code;
    size_t *ncode, ndims;
    uint32_t *sid;
    size_t nsid;
} fdi__merge_map;

/* fdi__frame_merge for such a frame: only the labels and series src made
 * since the last merge through m are looked up in dst (they are new to dst
 * or met in a part read by another reader).  0, or -1 on allocation
 * failure, as fdi__frame_merge. */
int fdi__frame_merge_mapped(fdi_frame *dst, const fdi_frame *src, size_t line_offset,
                            fdi__merge_map *m);
void fdi__merge_map_free(fdi__merge_map *m);
/* Forget what a merged frame read (observations, rejections, counts); its
 * labels and series stay, for the next part. */
void fdi__frame_forget_read(fdi_frame *f);

/* Whether a column name says it holds the unit of the values ("unit",
 * "units", "đơn vị", "đơn vị tính", "đvt"; case ignored). */
int fdi__is_unit_name(const char *name);

#endif
