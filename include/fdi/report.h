/* fdi/report.h - the paragraph an analyst writes, from computed figures.
 *
 * English or Vietnamese, plain text or Markdown.  The figures are the
 * tables' (yoy, plan, forecast); the sentence rules:
 *   amounts  in the data's unit (fdi_panel_unit), never one it does not
 *            say: without a unit, the number alone.  In million USD
 *            (or triệu USD): 1,000 and more as bn USD ("2.729 bn USD",
 *            "2,729 tỷ USD") truncated to 3 decimals, so a sentence never
 *            claims more than was reached; less as million USD with the
 *            tables' 2 decimals ("297.86 million USD"), ".00" dropped.
 *            Other units with 2 decimals, named in the report's language
 *            when known (tỷ đồng / bn VND, triệu đồng / million VND),
 *            else as given.  Vietnamese writes "." for thousands and ","
 *            for decimals
 *   multiple 2 and above: "more than 6 times" / "gấp hơn 6 lần" (the whole
 *            times, "more than" unless exact); below 2: "135% of the same
 *            period" / "bằng 135% so với cùng kỳ"
 *   plan     "52% above the annual plan" / "vượt 52% kế hoạch năm" (the
 *            overshoot rounded to a whole percent), or "80% of the plan" /
 *            "đạt 80% kế hoạch năm"
 */
#ifndef FDI_REPORT_H
#define FDI_REPORT_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

typedef enum { FDI_LANG_EN, FDI_LANG_VI } fdi_lang;

/* What the series measures, for the opening's verb:
 *   ATTRACTED  registered capital, new and adjusted: "attracted" / "thu hút"
 *   DISBURSED  realised capital: "disbursed" / "giải ngân"
 *   REGISTERED new or adjusted registrations: "registered" / "đăng ký"
 *   INVESTED   investment carried out: "invested" / "thực hiện"
 *   NEUTRAL    anything else: "SUBJECT (LABEL) came to" / "... đạt" */
typedef enum {
    FDI_VERB_ATTRACTED = 0,
    FDI_VERB_DISBURSED = 1,
    FDI_VERB_REGISTERED,
    FDI_VERB_INVESTED,
    FDI_VERB_NEUTRAL
} fdi_report_verb;

/* The verb the words in text say (the series' labels, measure, --filter
 * values): disburs/giải ngân/realised with new/cấp mới or adjust/điều
 * chỉnh (a sum of both kinds) -> NEUTRAL; disburs/giải ngân/realised
 * alone -> DISBURSED; attract/thu hút, or
 * both new and adjusted (cấp mới and điều chỉnh) -> ATTRACTED; regist/
 * đăng ký/new/cấp mới/adjust/điều chỉnh -> REGISTERED; invest/đầu tư ->
 * INVESTED; else NEUTRAL. */
FDI_API fdi_report_verb fdi_report_verb_of(const char *text);

typedef struct {
    const char *subject;   /* "Hai Phong Economic Zone" */
    int verb;              /* fdi_report_verb */
    int32_t as_of;         /* month index */
    double ytd, ytd_prev, multiple;
    double plan, target;   /* NaN when unknown */
    double forecast, lo80, hi80, p_target; /* NaN: no forecast sentence */
    int small_base;        /* the comparison rests on a small base */
    const char *unit;      /* NULL: no unit (the number alone) */
    /* the forecast's notes (FDI_FC_NOTE_* bits of its fdi_yearend), each
     * written as a sentence after the forecast's; fc_method the method
     * used (named when FDI_FC_NOTE_FALLBACK says it replaced the one
     * asked); fc_widen > 1.005: the interval was widened by that factor;
     * fc_why (not NULL): the series has no forecast, and why */
    unsigned fc_notes;
    const char *fc_method;
    double fc_widen;
    const char *fc_why;
    const char *label;     /* the measure's label, for FDI_VERB_NEUTRAL
                              (NULL or the subject itself: not repeated) */
    /* what --by summed away (fdi_panel_summed, "flow=new|adjusted", and
     * fdi_panel_summed_note): said after the comparison; NULL or "": none */
    const char *summed, *summed_note;
    /* fdi_panel_shape_note: figures that look cumulative without --ytd, or
     * a --ytd series that falls; said after the figures; NULL or "": none */
    const char *shape_note;
    /* fdi_panel_members_missing at as_of: a --by sum that lacks members
     * which had values before, said after what was summed; 0: none */
    size_t members_missing;
    /* nonzero when members_missing counts member-periods over the year to
     * date (flow input past the year's first period: a member missing two
     * months counts twice), not members */
    int members_missing_periods;
    /* the first month of the fiscal year (fdi_panel_fy_start); 0 or 1: the
     * calendar year.  Another month makes the opening "From the start of
     * the fiscal year in April 2023 to ..." and the comparison "the same
     * period a year earlier" (the calendar year would name the wrong one) */
    int fy_start;
    /* rows of the file rejected under --lenient (fdi_panel_rows_rejected),
     * said as the tables' note says it; 0: none */
    size_t rows_rejected;
} fdi_report_figures;

/* An amount as the sentences write it, into buf (the rules above): unit
 * NULL or "" writes the number alone ("920"); "million USD" the billions
 * rule ("2.729 bn USD"); any other unit the tables' two decimals and the
 * unit's name ("219,100 bn VND"). */
FDI_API void fdi_report_amount(double amount, fdi_lang lang, const char *unit, char *buf,
                               size_t size);

/* The unit's name in lang ("tỷ đồng" is "bn VND" in English, "million
 * USD" "triệu USD" in Vietnamese; an unknown unit as given); NULL for NULL
 * or "". */
FDI_API const char *fdi_report_unit_name(const char *unit, fdi_lang lang);

/* The paragraph; markdown bolds the figures.  Returns the length written
 * (as snprintf). */
FDI_API int fdi_report_paragraph(const fdi_report_figures *f, fdi_lang lang, int markdown,
                                 char *buf, size_t size);

#endif
