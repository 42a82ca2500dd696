/* two_threads.c - text in memory cut in parts read on two threads.
 *
 * The text after the held records is cut at line ends: in two halves, or
 * with a reading window in parts of about PART_BYTES (at most MAX_PARTS;
 * the rows a window keeps often all lie at the end of a file sorted by
 * period, and small parts share them out).  The first part is read by the
 * first reader itself; the two threads take the others in turn.  Each part
 * has its own reader with the same layout, an empty frame of the same
 * dimensions (the measure codes copied) and its lines numbered from 0; the
 * frames are then merged in order, lines shifted, as if one reader had
 * read on (fdi__frame_merge).  Before the first quote every line end is a
 * record end, so the cuts there are sound; the part with the first quote
 * stops at its line, the parts after it are dropped, and libcsv reads on
 * from that line alone.
 */
#include "ingest/reader.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    PARALLEL_MIN = 4 << 20, /* parts on two threads from this size */
    PART_BYTES = 8 << 20,   /* the size of a part, up to MAX_PARTS of them */
    MAX_PARTS = 16,         /* each part interns every key it meets anew and
                               its frame lives until all are read: more parts
                               would cost memory and time on big files */
    /* With a drain (fdi_ingest_options.drain) a part is merged and let go
     * as soon as the parts before it are: smaller parts keep less read at
     * once, at the cost of interning the keys anew in each */
    DRAIN_PART_BYTES = 16 << 20,
    DRAIN_MAX_PARTS = 96,
    DRAIN_AHEAD = 2 /* parts read ahead of the next to merge, at most */
};

typedef struct {
    reader r;
    const char *data;
    size_t len, took; /* took < len: stopped at a quote */
    int mapped, done;
    fdi_error err;
    size_t fill_obs; /* observations to make present first (read_parts) */
    int freed;       /* let go (after its merge, with a drain) */
    int reader_freed; /* its reader let go, the frame kept (part_drop_reader) */
} part;

/* The parts and the next one to take; first_quoted: the lowest part that
 * met a quote (parts after it are skipped). */
typedef struct {
    part *parts;
    size_t nparts;
    atomic_size_t next, first_quoted, bytes_done;
    reader *a; /* its thread reports progress */
    pthread_t reporter;
    size_t base, total;
    /* with a drain: the parts merged into a's frame as they come, in
     * order, under lock, once a has read its own part (a_done) */
    pthread_mutex_t lock;
    pthread_cond_t merged; /* signalled when parts are merged, or never will be */
    int a_done, stopped, halt;
    size_t nmerged, line, *resume;
    const char *data;
} part_pool;

static void part_drop_reader(part *pt);
static void merge_ready(part_pool *pool);

static void *pool_work(void *arg)
{
    part_pool *pool = arg;
    size_t i;
    while ((i = atomic_fetch_add(&pool->next, 1)) < pool->nparts) {
        part *pt = &pool->parts[i];
        if (pool->a->o->drain) { /* not too far ahead of the merging */
            pthread_mutex_lock(&pool->lock);
            while (!pool->halt && i > pool->nmerged + DRAIN_AHEAD)
                pthread_cond_wait(&pool->merged, &pool->lock);
            pthread_mutex_unlock(&pool->lock);
        }
        if (i > atomic_load(&pool->first_quoted))
            continue;
        fdi__frame_populate(pt->r.frame, 0, pt->fill_obs);
        pt->took = fdi__reader_feed_plain(&pt->r, pt->data, pt->len, pt->mapped, 0, 0, 0);
        fdi__reader_finish(&pt->r);
        if (pool->a->o->drain)
            part_drop_reader(pt);
        if (pt->took < pt->len) {
            size_t q = atomic_load(&pool->first_quoted);
            while (i < q && !atomic_compare_exchange_weak(&pool->first_quoted, &q, i))
                ;
        }
        if (pool->a->o->drain) { /* (done is read by merge_ready, under the lock) */
            pthread_mutex_lock(&pool->lock);
            pt->done = 1;
            merge_ready(pool);
            pthread_mutex_unlock(&pool->lock);
        } else {
            pt->done = 1;
        }
        size_t done = atomic_fetch_add(&pool->bytes_done, pt->len) + pt->len;
        if (pool->a->o->progress && pthread_equal(pthread_self(), pool->reporter))
            pool->a->o->progress(pool->a->o->progress_ctx, pool->base + done, pool->total);
    }
    return NULL;
}

/* A part's reader, continuing a's layout, its lines numbered from 0. */
static fdi_status part_init(part *pt, const reader *a, const char *data, size_t len,
                            int mapped)
{
    const fdi_frame *fa = a->frame;
    fdi_status st = fdi__reader_init(&pt->r, a->o, a->file, &pt->err);
    if (st != FDI_OK)
        return st;
    memset(&pt->err, 0, sizeof pt->err);
    pt->data = data;
    pt->len = len;
    pt->mapped = mapped;
    pt->r.streaming = 1;
    pt->r.lay = a->lay; /* borrowed: part_free forgets it before freeing */
    pt->r.delim = a->delim;
    csv_set_delim(&pt->r.csv, (unsigned char)a->delim);
    pt->r.frame = fdi__frame_new(a->file, fa->dim_names, fa->ndims);
    pt->r.tuple = calloc(a->lay.nkeys + 1, sizeof *pt->r.tuple);
    if (!pt->r.frame || !pt->r.tuple)
        return FDI_ENOMEM;
    pt->r.frame->freq = fa->freq;
    pt->r.frame->ytd = fa->ytd;
    pt->r.frame->scale = fa->scale;
    const fdi__dict *md = &fa->dicts[fa->ndims - 1];
    for (size_t c = 0; c < md->count; c++) /* the measures' codes, as in a */
        if (fdi__dict_intern(&pt->r.frame->dicts[fa->ndims - 1], md->arena + md->offsets[c],
                             md->lengths[c]) < 0)
            return FDI_ENOMEM;
    return FDI_OK;
}

/* A part's reader let go, its frame (read) kept for the merge: the keys
 * table of a big file's part weighs more than what it read. */
static void part_drop_reader(part *pt)
{
    if (pt->reader_freed)
        return;
    pt->reader_freed = 1;
    memset(&pt->r.lay, 0, sizeof pt->r.lay);
    fdi__reader_free(&pt->r);
}

static void part_free(part *pt)
{
    if (pt->freed)
        return;
    pt->freed = 1;
    fdi_frame_destroy(pt->r.frame);
    pt->r.frame = NULL;
    part_drop_reader(pt);
}

static void free_parts(part *parts, size_t np)
{
    for (size_t i = 0; i < np; i++)
        part_free(&parts[i]);
    free(parts);
}

/* The parts' bounds: part k is [cuts[k], cuts[k+1]), each cut just after
 * a line end near an even share of data[pos..size) (k < n). */
static void cut_at_lines(const char *data, size_t pos, size_t size, size_t n, size_t *cuts)
{
    size_t body = size - pos;
    cuts[0] = pos;
    for (size_t k = 1; k <= n; k++) {
        size_t target = k == n ? size : pos + body / n * k;
        const char *nl;
        if (target < cuts[k - 1])
            target = cuts[k - 1];
        cuts[k] = k < n && target < size && (nl = memchr(data + target, '\n', size - target))
                      ? (size_t)(nl - data) + 1
                      : size;
    }
}

/* Readers for the parts after a's own first one, each frame reserved for
 * obs_per_byte observations a byte; their count, or 0 when one could not
 * be made (none is left then). */
static size_t make_parts(const reader *a, const char *data, size_t size, const size_t *cuts,
                         size_t n, int mapped, double obs_per_byte, part *parts)
{
    size_t np = 0;
    for (size_t k = 1; k < n && cuts[k] < size; k++) {
        size_t at = cuts[k], end = cuts[k + 1];
        if (part_init(&parts[np], a, data + at, end - at, mapped) != FDI_OK ||
            fdi__frame_reserve(parts[np].r.frame, (size_t)((double)(end - at) * obs_per_byte)) != 0) {
            for (size_t i = 0; i <= np; i++)
                part_free(&parts[i]);
            return 0;
        }
        np++;
    }
    return np;
}

/* Read a's first part [pos, first_end) on this thread and the other parts
 * on the pool's two threads; whether a's part met a quote (the parts
 * after it are then dropped) and, through took, how far a read.  With a
 * drain the parts are merged as they come (merge_ready; *resume as for
 * merge_parts), else the caller merges them. */
static int read_on_two_threads(reader *a, const char *data, size_t pos, size_t first_end,
                               size_t size, int mapped, part *parts, size_t np,
                               size_t fill_a, size_t *took, size_t *resume)
{
    part_pool pool = {0};
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.merged, NULL);
    pool.resume = resume;
    pool.data = data;
    pool.parts = parts;
    pool.nparts = np;
    atomic_init(&pool.next, 0);
    atomic_init(&pool.first_quoted, SIZE_MAX);
    atomic_init(&pool.bytes_done, 0);
    pool.a = a;
    pool.reporter = pthread_self();
    pool.base = first_end;
    pool.total = size;
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, pool_work, &pool) == 0;
    /* this thread reads the first part into a's frame, then takes parts too
     * (all of them, if no second thread) */
    fdi__frame_populate(a->frame, a->frame->nobs, a->frame->nobs + fill_a);
    *took = fdi__reader_feed_plain(a, data + pos, first_end - pos, mapped, 1, pos, size);
    int quoted = a->status == FDI_OK && *took < first_end - pos;
    if (quoted) /* the parts are past a quote: drop them */
        atomic_store(&pool.first_quoted, 0);
    pthread_mutex_lock(&pool.lock);
    pool.a_done = !quoted;
    pool.halt = quoted || a->status != FDI_OK;
    pool.line = a->cur_line;
    if (a->o->drain)
        merge_ready(&pool);
    pthread_cond_broadcast(&pool.merged);
    pthread_mutex_unlock(&pool.lock);
    pool_work(&pool);
    if (threaded)
        pthread_join(tid, NULL);
    if (a->o->drain && !quoted) {
        merge_ready(&pool);
        a->cur_line = pool.line;
    }
    pthread_cond_destroy(&pool.merged);
    pthread_mutex_destroy(&pool.lock);
    return quoted;
}

/* Part pt's frame after a's, its lines after *line (moved past the
 * part's); a->status holds a failure. */
static void merge_one(reader *a, part *pt, size_t *line)
{
    if (pt->r.status != FDI_OK) {
        if (a->err)
            *a->err = pt->err;
        a->status = pt->r.status;
    } else if (fdi__frame_merge(a->frame, pt->r.frame, *line) != 0) {
        fdi__reader_nomem(a);
    }
    *line += pt->r.cur_line;
}

/* With a drain, under pool->lock once a has read its own part: the parts
 * read, from the next one to merge on, merged in order into a's frame,
 * drained and let go, so that few are held at once; a part that met a
 * quote stops the merging (*resume: its quote's line). */
static void merge_ready(part_pool *pool)
{
    reader *a = pool->a;
    while (pool->a_done && !pool->stopped && a->status == FDI_OK &&
           pool->nmerged < pool->nparts && pool->parts[pool->nmerged].done) {
        part *pt = &pool->parts[pool->nmerged++];
        merge_one(a, pt, &pool->line);
        if (pt->took < pt->len) {
            *pool->resume = (size_t)(pt->data + pt->took - pool->data);
            pool->stopped = 1;
        }
        fdi__reader_drain(a);
        part_free(pt);
    }
    if (pool->stopped || a->status != FDI_OK)
        pool->halt = 1;
    pthread_cond_broadcast(&pool->merged);
}

/* The parts' frames after a's, in order, into arrays made big enough, up
 * to the part that met a quote: *resume is then its quote's line. */
static void merge_parts(reader *a, const char *data, part *parts, size_t np, size_t *resume)
{
    size_t total = a->frame->nobs;
    for (size_t i = 0; i < np; i++)
        total += parts[i].r.frame ? parts[i].r.frame->nobs : 0;
    if (a->status == FDI_OK && fdi__frame_reserve(a->frame, total) != 0)
        fdi__reader_nomem(a);
    size_t line = a->cur_line;
    for (size_t i = 0; i < np && a->status == FDI_OK; i++) {
        part *pt = &parts[i];
        merge_one(a, pt, &line);
        if (pt->took < pt->len) {
            *resume = (size_t)(pt->data + pt->took - data);
            break;
        }
    }
    a->cur_line = line;
}

/* Cut data[pos..size) into parts at line ends and read them on two
 * threads (see above).  Returns 1 when it did, 0 when it could not start
 * (a alone reads everything then: less than PARALLEL_MIN is left, or out
 * of memory); a->status holds any failure.  *resume:
 * where libcsv reads on (size when nothing is left). */
int fdi__reader_read_parts(reader *a, const char *data, size_t pos, size_t size, int mapped,
                      size_t *resume)
{
    /* a file read whole splits evenly in two; with a window, the rows read
     * may all lie in one end, so there are more, smaller parts to share */
    size_t body = size - pos, np,
           n = a->o->drain ? body / DRAIN_PART_BYTES + 1 : a->o->window ? body / PART_BYTES + 1 : 2,
           most = a->o->drain ? DRAIN_MAX_PARTS : MAX_PARTS;
    if (body < PARALLEL_MIN)
        return 0;
    if (n < 2)
        n = 2;
    if (n > most)
        n = most;
    part *parts = calloc(n, sizeof *parts);
    if (!parts)
        return 0;
    /* each part's frame is made big enough at once for as many observations
     * per byte as the held records gave (and a margin): growing by doubling
     * would copy the arrays again and again */
    const fdi_ingest_stats *st = &a->frame->stats;
    const double margin = 1.25; /* reserved over the estimate */
    double est_per_byte = pos ? (double)(st->observations + st->cells_missing + 1) / (double)pos
                              : 0.0,
           obs_per_byte = margin * est_per_byte;
    size_t cuts[DRAIN_MAX_PARTS + 1];
    cut_at_lines(data, pos, size, n, cuts);
    /* the first part is a's own; the others get readers, and a's frame is
     * made at once for all it will hold, as the parts' */
    if ((np = make_parts(a, data, size, cuts, n, mapped, obs_per_byte, parts)) == 0 ||
        fdi__frame_reserve(a->frame, a->frame->nobs + (size_t)((double)body * obs_per_byte)) != 0) {
        free_parts(parts, np);
        return 0;
    }
    /* Read whole, the file's observations land in fresh memory, whose
     * pages cost less made present in one call than faulted in one by one
     * (populate.h): each reader does its own frame, as far as
     * the estimate goes (fdi__frame_merge does where the part goes).  Not
     * with a window, where the estimate says nothing of how many rows
     * fall inside. */
    size_t fill_a = 0, took;
    if (!a->o->window) {
        fill_a = (size_t)((double)(cuts[1] - pos) * est_per_byte);
        for (size_t i = 0; i < np; i++)
            parts[i].fill_obs = (size_t)((double)parts[i].len * est_per_byte);
    }
    *resume = size;
    int quoted = read_on_two_threads(a, data, pos, cuts[1], size, mapped, parts, np, fill_a,
                                     &took, resume);
    if (quoted)
        *resume = pos + took;
    else if (!a->o->drain)
        merge_parts(a, data, parts, np, resume);
    free_parts(parts, np);
    return 1;
}

