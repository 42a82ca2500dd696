/* two_threads.c - see two_threads.h. */
#include "base/two_threads.h"

#include <pthread.h>
#include <stdint.h>

void fdi__on_two_threads(void *(*fn)(void *), void *a, void *b, int parallel)
{
    pthread_t tid;
    if (parallel && pthread_create(&tid, NULL, fn, a) == 0) {
        fn(b);
        pthread_join(tid, NULL);
    } else {
        fn(a);
        fn(b);
    }
}

/* One lane of a strided run: items first, first + step, ... */
typedef struct {
    fdi__item_fn item;
    void *ctx;
    size_t n, first, step;
    int lane;
    fdi_status st;  /* FDI_OK, or the failure that stopped it */
    size_t fail;    /* the item it stopped at (SIZE_MAX: none) */
    fdi_error err;
} lane_run;

static void *run_lane(void *arg)
{
    lane_run *l = arg;
    for (size_t i = l->first; i < l->n && l->st == FDI_OK; i += l->step)
        if ((l->st = l->item(l->ctx, l->lane, i, &l->err)) != FDI_OK)
            l->fail = i;
    return NULL;
}

fdi_status fdi__strided_run(size_t n, int two, fdi__item_fn item, void *ctx, size_t *fail,
                            fdi_error *err)
{
    size_t step = two ? 2 : 1;
    lane_run l[2] = {{item, ctx, n, 0, step, 0, FDI_OK, SIZE_MAX, {0}},
                     {item, ctx, n, 1, step, 1, FDI_OK, SIZE_MAX, {0}}};
    if (two)
        fdi__on_two_threads(run_lane, &l[0], &l[1], 1);
    else
        run_lane(&l[0]);
    const lane_run *bad = l[1].fail < l[0].fail ? &l[1] : &l[0];
    *fail = bad->fail;
    if (bad->st != FDI_OK && err)
        *err = bad->err;
    return bad->st;
}
