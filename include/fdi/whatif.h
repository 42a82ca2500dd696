/* fdi/whatif.h - scripted what-if scenarios on the year-end forecast.
 *
 * A scenario file is CSV: scenario,filter,from,to,op,value (any column
 * order; a comment column may be added).  Rows sharing a scenario name
 * form one scenario and apply in file order.  filter selects series by key
 * values, "area=Hai Phong Economic Zone;flow=new|adjusted" (empty: all);
 * from..to are months of the forecast horizon (to empty: from alone).
 * Operations on each simulated month x in the range:
 *   scale v    x = v x
 *   add v      x = x + v
 *   set v      x = v
 *   growth g   x = x (1 + g/100)^k, k = 1, 2, ... over the range's months
 *   shift v    move v from month `from` to month `to` (x_from -= v,
 *              x_to += v)
 * Every scenario is, per series and month, an affine map x -> a x + b, so
 * the year-end totals of all scenarios and all sample paths are one matrix
 * product (paths x months) x (months x scenarios) through CBLAS.
 */
#ifndef FDI_WHATIF_H
#define FDI_WHATIF_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fdi/error.h"
#include "fdi/panel.h"

typedef enum {
    FDI_OP_SCALE,
    FDI_OP_ADD,
    FDI_OP_SET,
    FDI_OP_GROWTH,
    FDI_OP_SHIFT
} fdi_op;

typedef struct {
    const char *scenario;
    const char *filter;   /* "" for all series */
    int32_t from, to;     /* month indexes */
    fdi_op op;
    double value;
    size_t line;          /* where the row is, for messages */
    size_t col_filter, col_from, col_to; /* 1-based columns */
} fdi_scenario_row;

typedef struct fdi_scenarios fdi_scenarios;

/* Read and check a scenario file: the header, an op name, a number, a
 * period; each problem is an error naming file:line:column and what was
 * expected.  fdi_scenarios_parse does the same from memory. */
FDI_API fdi_status fdi_scenarios_read(const char *path, fdi_scenarios **out, fdi_error *err);
FDI_API fdi_status fdi_scenarios_parse(const char *data, size_t len, const char *name,
                                       fdi_scenarios **out, fdi_error *err);
FDI_API void fdi_scenarios_free(fdi_scenarios *s);

FDI_API size_t fdi_scenarios_nrows(const fdi_scenarios *s);
FDI_API const fdi_scenario_row *fdi_scenarios_row(const fdi_scenarios *s, size_t i);
/* Distinct scenario names in order of first appearance. */
FDI_API size_t fdi_scenarios_count(const fdi_scenarios *s);
FDI_API const char *fdi_scenarios_name(const fdi_scenarios *s, size_t j);

/* A copy of the scenarios where every row of scenario `name` has `value`
 * and the scenario is renamed "name=value" (sweeps and goal seeking).
 * Without `name` among the scenarios: FDI_EUSAGE. */
FDI_API fdi_status fdi_scenarios_with_value(const fdi_scenarios *s, const char *name,
                                            const double *values, size_t nvalues,
                                            fdi_scenarios **out, fdi_error *err);

/* Set the value of every row of scenario j (fdi_scenarios_name order).  A
 * bound fdi_whatif reads the rows' values when it evaluates, so a search
 * over one value (whatif --seek) binds once and sets the value per step. */
FDI_API void fdi_scenarios_set_value(fdi_scenarios *s, size_t j, double value);

/* Scenarios bound to a panel and a forecast horizon (the months first ..
 * first + h - 1): each row's series selection is resolved, each period
 * checked to lie in the horizon.  Errors name the row's line and column.
 * The binding borrows s: free it after. */
typedef struct fdi_whatif fdi_whatif;
FDI_API fdi_status fdi_whatif_bind(const fdi_scenarios *s, const fdi_panel *p, int32_t first,
                                   size_t h, const char *file, fdi_whatif **out, fdi_error *err);
FDI_API void fdi_whatif_free(fdi_whatif *w);
/* Scenarios evaluated: the baseline (index 0, no change) then the file's. */
FDI_API size_t fdi_whatif_count(const fdi_whatif *w);
FDI_API const char *fdi_whatif_name(const fdi_whatif *w, size_t j);

/* The affine maps of series s: a and b are h x J row-major (month t,
 * scenario j), the baseline's column a = 1, b = 0. */
FDI_API void fdi_whatif_maps(const fdi_whatif *w, size_t s, double *a, double *b);

/* One series' results per scenario. */
typedef struct {
    double mean;      /* year-end total, mean over the paths */
    double change;    /* mean - the baseline's mean */
    double lo80, hi80;
    double p_target;  /* NaN without a target */
} fdi_whatif_result;

/* Scratch space for evaluating npaths paths (reused across series; one
 * per thread). */
typedef struct fdi_whatif_scratch fdi_whatif_scratch;
FDI_API fdi_whatif_scratch *fdi_whatif_scratch_new(const fdi_whatif *w, size_t npaths);
FDI_API void fdi_whatif_scratch_free(fdi_whatif_scratch *sc);

/* Evaluate every scenario on series s: paths (npaths x h, row-major: the
 * simulated months left, as fdi_fc_yearend_paths keeps them), ytd, the
 * widening of the totals (fdi_yearend.widen), nonneg (fdi_yearend.nonneg:
 * widening never takes a total below ytd, as the forecast's own totals;
 * a scenario that takes a path below ytd itself keeps that total as its
 * floor), target (NaN: none).
 * res[0..J-1], res[0] the baseline.  The totals are one dgemm; scenarios
 * with the same maps as an earlier one (scale 1, add 0: the baseline) are
 * computed once, so they reproduce it bit for bit. */
FDI_API fdi_status fdi_whatif_eval(const fdi_whatif *w, size_t s, const double *paths,
                                   size_t npaths, double ytd, double widen, int nonneg,
                                   double target, fdi_whatif_scratch *scratch,
                                   fdi_whatif_result *res);

/* The same by brute force, one scenario at a time, applying each row to
 * every path month by month (the reference the tests and the benchmark
 * compare with). */
FDI_API fdi_status fdi_whatif_eval_naive(const fdi_whatif *w, size_t s,
                                         const double *paths, size_t npaths,
                                         double ytd, double widen, int nonneg,
                                         double target, fdi_whatif_result *res);

#endif
