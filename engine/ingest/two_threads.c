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
 *
 * With a drain (fdi_ingest_options.drain) each thread keeps one reader
 * from part to part instead (a worker): a key is interned once by each
 * worker, not once by each part, and the merge looks up in a's frame only
 * the labels and series the worker made since its last merge
 * (fdi__frame_merge_mapped).  A worker merges the part it read itself, as
 * soon as the parts before it are merged, and reads the next one.
 */
#include "ingest/reader.h"
#include "ingest/test_switches.h"

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
    /* With a drain (fdi_ingest_options.drain) a part is merged and
     * forgotten as soon as the parts before it are: smaller parts keep
     * less read at once (its worker's reader keeps the keys it met) */
    DRAIN_PART_BYTES = 16 << 20,
    NWORKERS = 2, /* the readers kept from part to part with a drain */
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

struct part_pool;
/* With a drain: a thread's reader (in pt, whose data changes from part to
 * part) and what its merges have mapped of its frame to a's (used under
 * the pool's lock). */
typedef struct {
    struct part_pool *pool;
    part pt;
    fdi__merge_map map;
} worker;

/* The parts and the next one to take; first_quoted: the lowest part that
 * met a quote (parts after it are skipped). */
typedef struct part_pool {
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
static void merge_one(reader *a, part *pt, size_t *line, fdi__merge_map *map);

/* Progress, by the reporting thread, once a part of len bytes is read. */
static void report_part(part_pool *pool, size_t len)
{
    size_t done = atomic_fetch_add(&pool->bytes_done, len) + len;
    if (pool->a->o->progress && pthread_equal(pthread_self(), pool->reporter))
        pool->a->o->progress(pool->a->o->progress_ctx, pool->base + done, pool->total);
}

/* Part pt has stopped at a quote (took < len): parts after it are
 * skipped. */
static void note_quote(part_pool *pool, const part *pt, size_t i)
{
    if (pt->took >= pt->len)
        return;
    size_t q = atomic_load(&pool->first_quoted);
    while (i < q && !atomic_compare_exchange_weak(&pool->first_quoted, &q, i))
        ;
}

static void *pool_work(void *arg)
{
    part_pool *pool = arg;
    size_t i;
    while ((i = atomic_fetch_add(&pool->next, 1)) < pool->nparts) {
        part *pt = &pool->parts[i];
        if (i > atomic_load(&pool->first_quoted))
            continue;
        fdi__frame_populate(pt->r.frame, 0, pt->fill_obs);
        pt->took = fdi__reader_feed_plain(&pt->r, pt->data, pt->len, pt->mapped, 0, 0, 0);
        fdi__reader_finish(&pt->r);
        note_quote(pool, pt, i);
        pt->done = 1;
        report_part(pool, pt->len);
    }
    return NULL;
}

/* Under pool->lock: worker w's part i (just read) merged into a's frame
 * once a has read its own part and the parts before i are merged, then
 * drained and forgotten; a part that met a quote stops the merging
 * (*resume: its quote's line), as does a failure. */
static void merge_worker(part_pool *pool, worker *w, const part *pt, size_t i)
{
    reader *a = pool->a;
    while (!pool->halt && !(pool->a_done && pool->nmerged == i))
        pthread_cond_wait(&pool->merged, &pool->lock);
    if (!pool->halt) {
        merge_one(a, &w->pt, &pool->line, &w->map);
        pool->nmerged++;
        if (pt->took < pt->len) {
            *pool->resume = (size_t)(pt->data + pt->took - pool->data);
            pool->stopped = 1;
        }
        fdi__reader_drain(a);
    }
    fdi__frame_forget_read(w->pt.r.frame);
    if (pool->stopped || a->status != FDI_OK)
        pool->halt = 1;
    pthread_cond_broadcast(&pool->merged);
}

/* With a drain: the parts taken in turn, each read by the worker's reader
 * (its lines from 0) and merged by it (merge_worker). */
static void *drain_work(void *arg)
{
    worker *w = arg;
    part_pool *pool = w->pool;
    reader *r = &w->pt.r;
    size_t i;
    while ((i = atomic_fetch_add(&pool->next, 1)) < pool->nparts) {
        part *pt = &pool->parts[i];
        pthread_mutex_lock(&pool->lock); /* not too far ahead of the merging */
        while (!pool->halt && i > pool->nmerged + DRAIN_AHEAD)
            pthread_cond_wait(&pool->merged, &pool->lock);
        int halted = pool->halt;
        pthread_mutex_unlock(&pool->lock);
        if (halted || i > atomic_load(&pool->first_quoted))
            continue;
        r->cur_line = 0;
        fdi__frame_populate(r->frame, 0, pt->fill_obs);
        pt->took = fdi__reader_feed_plain(r, pt->data, pt->len, pt->mapped, 0, 0, 0);
        fdi__reader_finish(r);
        note_quote(pool, pt, i);
        pthread_mutex_lock(&pool->lock);
        merge_worker(pool, w, pt, i);
        pthread_mutex_unlock(&pool->lock);
        report_part(pool, pt->len);
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
    pt->r.map_fd = a->map_fd;
    pt->r.map_base = a->map_base;
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

/* The parts after a's own first one, each with a reader whose frame is
 * reserved for obs_per_byte observations a byte (without readers, for the
 * workers, when `bare`); their count, or 0 when a reader could not be made
 * (none is left then). */
static size_t make_parts(const reader *a, const char *data, size_t size, const size_t *cuts,
                         size_t n, int mapped, double obs_per_byte, int bare, part *parts)
{
    size_t np = 0;
    for (size_t k = 1; k < n && cuts[k] < size; k++) {
        size_t at = cuts[k], end = cuts[k + 1];
        if (bare) {
            parts[np].data = data + at;
            parts[np].len = end - at;
            parts[np].mapped = mapped;
            parts[np++].reader_freed = 1; /* (it has none) */
            continue;
        }
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

/* The workers' readers (a drain's), each frame reserved for obs
 * observations; 0, or -1 when one could not be made (free_workers lets go
 * of those made). */
static int make_workers(const reader *a, int mapped, size_t obs, worker *w)
{
    for (size_t k = 0; k < NWORKERS; k++)
        w[k].pt.freed = 1; /* (none made yet: free_workers passes them) */
    for (size_t k = 0; k < NWORKERS; k++) {
        w[k].pt.freed = 0;
        if (part_init(&w[k].pt, a, NULL, 0, mapped) != FDI_OK ||
            fdi__frame_reserve(w[k].pt.r.frame, obs) != 0)
            return -1;
    }
    return 0;
}

static void free_workers(worker *w)
{
    for (size_t k = 0; k < NWORKERS; k++) {
        part_free(&w[k].pt);
        fdi__merge_map_free(&w[k].map);
    }
}

/* Read a's first part [pos, first_end) on this thread and the other parts
 * on the pool's two threads; whether a's part met a quote (the parts
 * after it are then dropped) and, through took, how far a read.  With a
 * drain (workers) the parts are merged as they come (merge_worker;
 * *resume as for merge_parts), else the caller merges them. */
static int read_on_two_threads(reader *a, const char *data, size_t pos, size_t first_end,
                               size_t size, int mapped, part *parts, size_t np, worker *workers,
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
    for (size_t k = 0; workers && k < NWORKERS; k++)
        workers[k].pool = &pool;
    pthread_t tid;
    int threaded = workers ? pthread_create(&tid, NULL, drain_work, &workers[1]) == 0
                           : pthread_create(&tid, NULL, pool_work, &pool) == 0;
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
    pthread_cond_broadcast(&pool.merged);
    pthread_mutex_unlock(&pool.lock);
    if (workers)
        drain_work(&workers[0]);
    else
        pool_work(&pool);
    if (threaded)
        pthread_join(tid, NULL);
    if (workers && !quoted)
        a->cur_line = pool.line;
    pthread_cond_destroy(&pool.merged);
    pthread_mutex_destroy(&pool.lock);
    return quoted;
}

/* Part pt's frame after a's, its lines after *line (moved past the
 * part's); through map when the part's reader goes on reading (a
 * worker's), else NULL; a->status holds a failure. */
static void merge_one(reader *a, part *pt, size_t *line, fdi__merge_map *map)
{
    if (pt->r.status != FDI_OK) {
        if (a->err)
            *a->err = pt->err;
        a->status = pt->r.status;
    } else if ((map ? fdi__frame_merge_mapped(a->frame, pt->r.frame, *line, map)
                    : fdi__frame_merge(a->frame, pt->r.frame, *line)) != 0) {
        fdi__reader_nomem(a);
    }
    *line += pt->r.cur_line;
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
        merge_one(a, pt, &line, NULL);
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
           drain_bytes = fdi__ingest_test_switches.drain_part_bytes
                             ? fdi__ingest_test_switches.drain_part_bytes
                             : DRAIN_PART_BYTES,
           n = a->o->drain ? body / drain_bytes + 1 : a->o->window ? body / PART_BYTES + 1 : 2,
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
    worker workers[NWORKERS], *w = a->o->drain ? workers : NULL;
    memset(workers, 0, sizeof workers);
    if ((np = make_parts(a, data, size, cuts, n, mapped, obs_per_byte, w != NULL, parts)) == 0 ||
        (w && make_workers(a, mapped, (size_t)((double)(cuts[2] - cuts[1]) * obs_per_byte * 1.1),
                           w) != 0) ||
        fdi__frame_reserve(a->frame, a->frame->nobs + (size_t)((double)body * obs_per_byte)) != 0) {
        free_parts(parts, np);
        if (w)
            free_workers(w);
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
    int quoted = read_on_two_threads(a, data, pos, cuts[1], size, mapped, parts, np, w, fill_a,
                                     &took, resume);
    if (quoted)
        *resume = pos + took;
    else if (!w)
        merge_parts(a, data, parts, np, resume);
    free_parts(parts, np);
    if (w)
        free_workers(w);
    return 1;
}

