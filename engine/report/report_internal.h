/* report_internal.h - the report's chart, drawn from the figures and the
 * forecast its paragraphs were written from. */
#ifndef FDI_REPORT_INTERNAL_H
#define FDI_REPORT_INTERNAL_H

#include "fdi/ask.h"
#include "fdi/measures.h"

/* One series: the year to date against last year, plan, goal and the fan
 * of fc (NULL: no fan); several: a ranking of their year to date.  Drawn
 * into ro->chart when set and, when svg is not NULL, as SVG text into
 * *svg (malloc'ed; left alone when there is no chart to draw: one series
 * of data that is not monthly). */
fdi_status fdi__report_chart(const fdi_panel *p, int32_t as_of, const fdi_yoy *y,
                             const fdi_plans *pl, const fdi_fc_panel *fc,
                             const fdi_report_options *ro, char **svg, fdi_error *err);

/* The report as a table (fdi_report_table) from the paragraphs' figures;
 * en[s], vi[s]: paragraph s in English and Vietnamese. */
fdi_status fdi__report_table(const fdi_panel *p, int32_t as_of, const fdi_yoy *y,
                             const fdi_plans *pl, const fdi_fc_panel *fc, char *const *en,
                             char *const *vi, fdi_table **out, fdi_error *err);

#endif
