/* check.h - the assertions of fdi's unit tests.
 *
 * Each CHECK prints both sides on failure and counts it; a test program
 * returns check_report() from main, which prints "N passed, N failed" and
 * gives a non-zero exit status when anything failed.  Floats are compared
 * with a stated relative tolerance, NaN equal only to NaN.
 */
#ifndef FDI_TEST_CHECK_H
#define FDI_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) {                                                            \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

#define CHECK_INT(got, want)                                                   \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        if (g_ == w_) {                                                        \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s = %lld, expected %lld\n", __FILE__,     \
                    __LINE__, #got, g_, w_);                                   \
        }                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                 \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__, \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");   \
        }                                                                      \
    } while (0)

/* got contains the substring want */
#define CHECK_HAS(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (g_ && w_ && strstr(g_, w_)) {                                      \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s = \"%s\", expected to contain \"%s\"\n", \
                    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_);         \
        }                                                                      \
    } while (0)

/* |got - want| <= rel * max(1, |want|); NaN matches NaN only. */
#define CHECK_NEAR(got, want, rel)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        double tol_ = (rel) * (fabs(w_) > 1.0 ? fabs(w_) : 1.0);               \
        if ((isnan(g_) && isnan(w_)) || fabs(g_ - w_) <= tol_) {               \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (rel tol %g)\n",\
                    __FILE__, __LINE__, #got, g_, w_, (double)(rel));          \
        }                                                                      \
    } while (0)

static inline int check_report(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
