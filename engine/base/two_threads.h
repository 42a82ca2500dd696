/* two_threads.h - the one shape of parallel work fdi has: two halves. */
#ifndef FDI_TWO_THREADS_H
#define FDI_TWO_THREADS_H

#include <stddef.h>

#include "fdi/error.h"

/* Run fn(a) and fn(b), on two threads when `parallel` (and a thread can
 * be had), else one after the other. */
void fdi__on_two_threads(void *(*fn)(void *), void *a, void *b, int parallel);

/* One item of a strided run: item i on lane 0 or 1 (a lane's scratch is
 * the caller's, in ctx); FDI_OK, or a failure with err set. */
typedef fdi_status (*fdi__item_fn)(void *ctx, int lane, size_t i, fdi_error *err);

/* item(ctx, lane, i, err) for i = 0 .. n-1.  With `two`, lane 0 runs the
 * even items and lane 1 the odd ones, on two threads (fdi__on_two_threads);
 * else lane 0 runs them all in order.  Items must not depend on each other.
 * A lane stops at its first failure; the result is the failure of the
 * lowest item that failed, where one thread running the items in order
 * would have stopped: its status, *fail its index and *err its error.
 * FDI_OK and *fail SIZE_MAX when none failed. */
fdi_status fdi__strided_run(size_t n, int two, fdi__item_fn item, void *ctx, size_t *fail,
                            fdi_error *err);

#endif
