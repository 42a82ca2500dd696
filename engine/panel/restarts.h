/* restarts.h (internal) - where year-to-date input restarts, to tell
 * calendar years to date read with a fiscal year (--fy-start) apart from
 * fiscal ones: the panel build refuses the first (panel.c). */
#ifndef FDI_PANEL_RESTARTS_H
#define FDI_PANEL_RESTARTS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t n;     /* steps into a year's first period, from a positive figure */
    size_t drops; /* of them, to under half of it: a restart */
    size_t s, t;  /* the first restart's series and row */
} fdi__restarts;

/* Over src (T rows of S year-to-date figures, row t the period ending at
 * month first + t * step, NaN: none), the steps into the first period of
 * the years starting in month fy (1: calendar years). */
void fdi__restarts_count(const double *src, size_t T, size_t S, int32_t first, int step,
                         int freq, int fy, fdi__restarts *r);

#endif
