/* test_two_threads.c - fdi__strided_run (engine/base/two_threads.h), the
 * one helper forecast and backtest run their series and units through:
 * every item once, even items on lane 0 and odd ones on lane 1 (or all on
 * lane 0, in order), and the failure reported the one of the lowest item
 * that failed, as one thread running the items in order stops at, however
 * the two threads happen to be scheduled.  Expected values by hand. */
#include "base/two_threads.h"
#include "check.h"

#include <stdint.h>

enum { N = 100 };

typedef struct {
    int runs[N], lane[N];
    size_t order[N], nrun[2]; /* per lane: the items in the order run */
    size_t fails[2];          /* the items that fail (SIZE_MAX: none) */
} items;

static fdi_status item(void *ctx, int lane, size_t i, fdi_error *err)
{
    items *t = ctx;
    t->runs[i]++;
    t->lane[i] = lane;
    if (lane == 0) /* lane 1's order is not kept: lane 0 alone is in order */
        t->order[t->nrun[0]++] = i;
    if (i == t->fails[0] || i == t->fails[1])
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "item %zu failed", i);
    return FDI_OK;
}

static void reset(items *t, size_t f0, size_t f1)
{
    memset(t, 0, sizeof *t);
    t->fails[0] = f0;
    t->fails[1] = f1;
}

static void all_once(int two)
{
    items t;
    size_t fail = 0;
    fdi_error err = {0};
    reset(&t, SIZE_MAX, SIZE_MAX);
    CHECK_INT(fdi__strided_run(N, two, item, &t, &fail, &err), FDI_OK);
    CHECK(fail == SIZE_MAX);
    for (size_t i = 0; i < N; i++) {
        CHECK_INT(t.runs[i], 1);
        CHECK_INT(t.lane[i], two ? (int)(i % 2) : 0);
    }
    for (size_t k = 0; !two && k < N; k++)
        CHECK_INT(t.order[k], k); /* one lane: in order */
}

/* items f0 and f1 fail: the lower is reported, and each lane stopped at
 * its own first failure */
static void first_failure(int two, size_t f0, size_t f1)
{
    items t;
    size_t fail = 0, low = f0 < f1 ? f0 : f1;
    fdi_error err = {0};
    char want[64];
    reset(&t, f0, f1);
    CHECK_INT(fdi__strided_run(N, two, item, &t, &fail, &err), FDI_ENOMEM);
    CHECK_INT(fail, low);
    snprintf(want, sizeof want, "item %zu failed", low);
    CHECK_STR(err.message, want);
    for (size_t i = 0; i < N; i++) {
        /* a lane runs its items up to its first failure, then no more */
        size_t lane_first = SIZE_MAX;
        for (int k = 0; k < 2; k++)
            if ((!two || t.fails[k] % 2 == i % 2) && t.fails[k] < lane_first)
                lane_first = t.fails[k];
        CHECK_INT(t.runs[i], i <= lane_first ? 1 : 0);
    }
}

int main(void)
{
    size_t fail = 7;
    fdi_error err = {0};
    all_once(0);
    all_once(1);
    first_failure(1, 37, 52); /* odd lane's 37 */
    first_failure(1, 81, 52); /* even lane's 52 */
    first_failure(1, 90, 3);
    first_failure(0, 52, 37);
    first_failure(1, 0, 99);
    items t;
    reset(&t, SIZE_MAX, SIZE_MAX);
    CHECK_INT(fdi__strided_run(0, 1, item, &t, &fail, &err), FDI_OK);
    CHECK(fail == SIZE_MAX);
    return check_report("two_threads");
}
