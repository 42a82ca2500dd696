/* text.c - report sentences in English and Vietnamese (see fdi/report.h
 * for the writing rules). */
#include "fdi/report.h"
#include "base/units.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fdi/forecast.h"
#include "fdi/period.h"
#include "fdi/table.h"

/* room for any finite amount written out in full (309 digits, grouped,
 * decimals, unit), and for it in bold */
enum { AMT = 512, FIG = AMT + 8 };

static const char *const month_en[12] = {"January", "February", "March", "April",
                                         "May", "June", "July", "August",
                                         "September", "October", "November", "December"};

/* |v| grouped (fdi_format_grouped) without trailing zeros in the decimals
 * ("3.000" -> "3", "2.50" -> "2.5") */
static void group(double v, int dec, char th, char dm, char *buf, size_t size)
{
    fdi_format_grouped(v, dec, th, dm, buf, size);
    char *mark = dec > 0 ? strrchr(buf, dm) : NULL;
    if (mark) {
        char *end = buf + strlen(buf);
        while (end > mark + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == mark + 1)
            *mark = '\0';
    }
}

const char *fdi_report_unit_name(const char *unit, fdi_lang lang)
{
    if (!unit || !*unit)
        return NULL;
    int k = fdi__unit_known(unit);
    return k < 0 ? unit : fdi__unit_name(k, lang == FDI_LANG_VI);
}

void fdi_report_amount(double m, fdi_lang lang, const char *unit, char *buf, size_t size)
{
    char num[AMT];
    char th = lang == FDI_LANG_VI ? '.' : ',', dm = lang == FDI_LANG_VI ? ',' : '.';
    const char *name = fdi_report_unit_name(unit, lang);
    if (!isfinite(m)) {
        snprintf(buf, size, "n/a");
        return;
    }
    if (name && fdi__unit_known(unit) == 0 && fabs(m) >= 1000) {
        /* million USD: truncate (towards zero) to a thousandth of a billion */
        double bn = trunc(m) / 1000.0;
        bn = trunc(bn * 1000.0 + (bn >= 0 ? 1e-9 : -1e-9)) / 1000.0;
        group(bn, 3, th, dm, num, sizeof num);
        snprintf(buf, size, "%s %s", num, lang == FDI_LANG_VI ? "tỷ USD" : "bn USD");
        return;
    }
    /* any other unit, or none: the tables' two decimals */
    group(m, 2, th, dm, num, sizeof num);
    snprintf(buf, size, name ? "%s %s" : "%s", num, name ? name : "");
}

typedef struct {
    char *buf;
    size_t size, len;
} out_t;

static void put(out_t *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(out_t *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(o->buf + (o->len < o->size ? o->len : o->size),
                      o->len < o->size ? o->size - o->len : 0, fmt, ap);
    va_end(ap);
    if (w > 0)
        o->len += (size_t)w;
}

/* a figure, bold in Markdown */
static const char *fig(int md, const char *s, char *tmp, size_t size)
{
    snprintf(tmp, size, md ? "**%s**" : "%s", s);
    return tmp;
}

/* Does text hold word, not inside a longer word ("new" in "newly" yes:
 * only the start must be a boundary)? */
static int has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *c = text; *c; c++)
        if (strncasecmp(c, word, n) == 0 &&
            (c == text || !isalnum((unsigned char)c[-1])))
            return 1;
    return 0;
}

static int has_any(const char *text, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (has_word(text, words[i]))
            return 1;
    return 0;
}

fdi_report_verb fdi_report_verb_of(const char *text)
{
    static const char *const disb[] = {"disburs", "giải ngân", "realised", "realized", NULL};
    static const char *const attr[] = {"attract", "thu hút", NULL};
    static const char *const fresh[] = {"new", "cấp mới", NULL};
    static const char *const adj[] = {"adjust", "điều chỉnh", NULL};
    static const char *const reg[] = {"regist", "đăng ký", NULL};
    static const char *const inv[] = {"invest", "đầu tư", NULL};
    if (!text)
        return FDI_VERB_NEUTRAL;
    /* disbursed capital summed with new or adjusted (registered) capital
     * (--by area over flow=new|adjusted|disbursed) is neither: "disbursed"
     * would call the registrations disbursements */
    if (has_any(text, disb) && (has_any(text, fresh) || has_any(text, adj)))
        return FDI_VERB_NEUTRAL;
    if (has_any(text, disb))
        return FDI_VERB_DISBURSED;
    if (has_any(text, attr) || (has_any(text, fresh) && has_any(text, adj)))
        return FDI_VERB_ATTRACTED;
    if (has_any(text, reg) || has_any(text, fresh) || has_any(text, adj))
        return FDI_VERB_REGISTERED;
    return has_any(text, inv) ? FDI_VERB_INVESTED : FDI_VERB_NEUTRAL;
}

/* A fiscal year that does not start in January: its first month
 * (1..12) and the calendar year of it, for the year holding as_of; 0
 * for the calendar year. */
static int fiscal_start(const fdi_report_figures *f, int *year)
{
    int month = fdi_period_month(f->as_of);
    if (f->fy_start <= 1 || f->fy_start > 12)
        return 0;
    *year = (int)fdi_period_year(f->as_of) - (month < f->fy_start);
    return f->fy_start;
}

/* "From the start of the year to 30 September 2016, X attracted 2.729 bn USD"
 * ("From the start of the fiscal year in April 2023 to 29 February 2024") */
static void put_opening(out_t *o, const fdi_report_figures *f, fdi_lang lang, int md)
{
    static const char *const verb_en[] = {"attracted", "disbursed", "registered", "invested",
                                          "came to"};
    static const char *const verb_vi[] = {"thu hút", "giải ngân", "đăng ký", "thực hiện", "đạt"};
    char a[AMT], t1[FIG], who[1024];
    int year = (int)fdi_period_year(f->as_of), month = fdi_period_month(f->as_of);
    int day = fdi_days_in_month(year, month);
    int v = f->verb >= FDI_VERB_ATTRACTED && f->verb <= FDI_VERB_NEUTRAL ? f->verb
                                                                          : FDI_VERB_NEUTRAL;
    fdi_report_amount(f->ytd, lang, f->unit, a, sizeof a);
    /* the neutral verb says nothing of the measure: its label does */
    if (v == FDI_VERB_NEUTRAL && f->label && *f->label && strcmp(f->label, f->subject) != 0)
        snprintf(who, sizeof who, "%s (%s)", f->subject, f->label);
    else
        snprintf(who, sizeof who, "%s", f->subject);
    int fy_year = 0, fy = fiscal_start(f, &fy_year);
    if (lang == FDI_LANG_VI && fy)
        put(o, "Từ đầu năm tài chính (tháng %d/%d) đến %d/%d/%d", fy, fy_year, day, month,
            year);
    else if (lang == FDI_LANG_VI)
        put(o, "Từ đầu năm đến %d/%d/%d", day, month, year);
    else if (fy)
        put(o, "From the start of the fiscal year in %s %d to %d %s %d", month_en[fy - 1],
            fy_year, day, month_en[month - 1], year);
    else
        put(o, "From the start of the year to %d %s %d", day, month_en[month - 1], year);
    put(o, ", %s %s %s", who, lang == FDI_LANG_VI ? verb_vi[v] : verb_en[v],
        fig(md, a, t1, sizeof t1));
}

/* ", more than 6 times the same period of 2015" after the comparison
 * (", ... the same period a year earlier" in a fiscal year) */
static void put_period_before(out_t *o, const fdi_report_figures *f, int vi)
{
    int fy_year;
    if (fiscal_start(f, &fy_year))
        put(o, vi ? " cùng kỳ năm trước" : " the same period a year earlier");
    else
        put(o, vi ? " cùng kỳ năm %d" : " the same period of %d",
            (int)fdi_period_year(f->as_of) - 1);
}

/* Against the same period last year: "more than 6 times", "85% of". */
static void put_vs_last_year(out_t *o, const fdi_report_figures *f, int vi, int md)
{
    char b[AMT], t2[FIG];
    double m = f->multiple;
    if (!(isfinite(m) && m > 0))
        return;
    if (m >= 2) {
        int n = (int)floor(m + 1e-9);
        int exact = m - n < 0.005;
        snprintf(b, sizeof b, vi ? (exact ? "gấp %d lần" : "gấp hơn %d lần")
                                 : (exact ? "%d times" : "more than %d times"),
                 n);
        put(o, ", %s", fig(md, b, t2, sizeof t2));
        put_period_before(o, f, vi);
    } else {
        snprintf(b, sizeof b, "%.0f%%", m * 100.0);
        put(o, vi ? ", bằng %s so với" : ", %s of", fig(md, b, t2, sizeof t2));
        put_period_before(o, f, vi);
    }
}

/* Against the annual plan: above it by, or the share of it reached. */
static void put_vs_plan(out_t *o, const fdi_report_figures *f, fdi_lang lang, int md)
{
    char b[AMT], c[AMT], t2[FIG];
    int vi = lang == FDI_LANG_VI;
    if (!(isfinite(f->plan) && f->plan > 0))
        return;
    double pct = f->ytd / f->plan * 100.0, over = pct - 100.0;
    fdi_report_amount(f->plan, lang, f->unit, c, sizeof c);
    if (over >= 0.5) {
        snprintf(b, sizeof b, "%.0f%%", over);
        put(o, vi ? " và vượt %s kế hoạch năm (%s)" : " and %s above the annual plan of %s",
            fig(md, b, t2, sizeof t2), c);
    } else {
        snprintf(b, sizeof b, "%.0f%%", pct);
        put(o, vi ? " và đạt %s kế hoạch năm (%s)" : " and %s of the annual plan of %s",
            fig(md, b, t2, sizeof t2), c);
    }
}

/* The year-end goal against the plan, when there are both and they differ. */
static void put_goal(out_t *o, const fdi_report_figures *f, fdi_lang lang, int md)
{
    char b[AMT], c[AMT], t1[FIG], t2[FIG];
    if (!(isfinite(f->target) && isfinite(f->plan) && f->plan > 0 && f->target != f->plan))
        return;
    double g = (f->target / f->plan - 1.0) * 100.0;
    fdi_report_amount(f->target, lang, f->unit, c, sizeof c);
    snprintf(b, sizeof b, "%.0f%%", fabs(g));
    if (lang == FDI_LANG_VI)
        put(o, " Mục tiêu cả năm là %s, %s %s kế hoạch.", fig(md, c, t1, sizeof t1),
            g >= 0 ? "vượt" : "thấp hơn", fig(md, b, t2, sizeof t2));
    else
        put(o, " The year-end goal of %s is %s %s the plan.", fig(md, c, t1, sizeof t1),
            fig(md, b, t2, sizeof t2), g >= 0 ? "above" : "below");
}

/* Where the year will end, its 80% interval, and the chance of the goal
 * (or the plan) being reached. */
static void put_forecast(out_t *o, const fdi_report_figures *f, fdi_lang lang, int md)
{
    char a[AMT], b[64], c[AMT], lo[AMT], hi[AMT], t1[FIG], t2[FIG];
    int vi = lang == FDI_LANG_VI;
    if (!isfinite(f->forecast))
        return;
    fdi_report_amount(f->forecast, lang, f->unit, a, sizeof a);
    fdi_report_amount(f->lo80, lang, f->unit, lo, sizeof lo);
    fdi_report_amount(f->hi80, lang, f->unit, hi, sizeof hi);
    if (vi)
        put(o, " Theo dự báo, cả năm ước đạt khoảng %s (khoảng tin cậy 80%%: %s đến %s)",
            fig(md, a, t1, sizeof t1), lo, hi);
    else
        put(o, " On the months so far the year would end at about %s (80%% interval %s to %s)",
            fig(md, a, t1, sizeof t1), lo, hi);
    double goal = isfinite(f->target) ? f->target : f->plan;
    if (isfinite(f->p_target) && isfinite(goal)) {
        fdi_report_amount(goal, lang, f->unit, c, sizeof c);
        snprintf(b, sizeof b, "%.0f%%", f->p_target * 100.0);
        put(o, vi ? "; khả năng đạt %s là %s" : ", with a %s chance of reaching %s",
            vi ? c : fig(md, b, t2, sizeof t2), vi ? fig(md, b, t2, sizeof t2) : c);
    }
    put(o, ".");
}

/* Every note the forecast carries, a sentence each (the note column of
 * fdi forecast, written out), and why a series has no forecast. */
static void put_fc_notes(out_t *o, const fdi_report_figures *f, int vi)
{
    static const char *const en[] = {
        "The forecast rests on less than two full years of history.",
        NULL, /* the fallback: below */
        "The history has gaps: the forecast uses its last unbroken stretch.",
        "The history has values at or below zero.",
        "One month holds most of a year's total (a large project): the year end is "
        "uncertain.",
        "The forecast starts from a small base: read it with care.",
        "There is no past year to check the interval against: it is the model's own.",
        "Months missing from the cumulative figures were spread evenly over the gap.",
        "The series is lumpy: months far above its usual level (mega projects) count in "
        "the year to date but not in the projection of the months left, and the interval "
        "does not allow for another such month.",
        "The forecast lies outside its own 80% interval: at this month of past years the "
        "method missed the year's end mostly on one side, and the interval follows those "
        "errors."};
    static const char *const vn[] = {
        "Dự báo dựa trên chuỗi số liệu chưa đủ hai năm.",
        NULL,
        "Chuỗi số liệu có khoảng trống: dự báo chỉ dùng đoạn liên tục cuối cùng.",
        "Chuỗi số liệu có giá trị bằng hoặc dưới 0.",
        "Một tháng chiếm phần lớn tổng cả năm (dự án lớn): kết quả cuối năm kém chắc chắn.",
        "Dự báo xuất phát từ một mức nền nhỏ: cần thận trọng.",
        "Chưa có năm trước để kiểm tra khoảng tin cậy: đây là khoảng của mô hình.",
        "Các tháng thiếu trong số liệu lũy kế được chia đều cho khoảng trống.",
        "Chuỗi số liệu đột biến: các tháng vượt xa mức thường thấy (dự án rất lớn) được "
        "tính vào lũy kế nhưng không dùng để dự báo các tháng còn lại, và khoảng tin cậy "
        "không tính đến một tháng như vậy nữa.",
        "Giá trị dự báo nằm ngoài khoảng tin cậy 80% của chính nó: ở cùng tháng của các năm "
        "trước, phương pháp này chủ yếu sai lệch về một phía, và khoảng tin cậy theo các sai "
        "số đó."};
    if (f->fc_why) {
        put(o, vi ? " Không có dự báo cuối năm: %s." : " No year-end forecast: %s.", f->fc_why);
        return;
    }
    if (!isfinite(f->forecast))
        return;
    for (unsigned i = 0; i < sizeof en / sizeof en[0]; i++) {
        if (!(f->fc_notes & (1u << i)))
            continue;
        if ((1u << i) == FDI_FC_NOTE_FALLBACK)
            put(o, vi ? " Không dùng được phương pháp đã chọn; dự báo theo phương pháp %s."
                      : " The method asked for could not be used; the forecast is %s's.",
                f->fc_method && *f->fc_method ? f->fc_method : "?");
        else
            put(o, " %s", vi ? vn[i] : en[i]);
    }
    if (isfinite(f->fc_widen) && fabs(f->fc_widen - 1.0) > 0.005) {
        char x[32];
        snprintf(x, sizeof x, "%.2f", f->fc_widen);
        if (vi && strchr(x, '.'))
            *strchr(x, '.') = ',';
        if (f->fc_widen > 1.0)
            put(o, vi ? " Khoảng tin cậy được nới rộng %s lần để bao được sai số của các năm trước."
                      : " The interval was widened %s times to cover the errors of past years.",
                x);
        else /* calibration narrows a model that was too cautious */
            put(o, vi ? " Khoảng tin cậy được thu hẹp còn %s lần vì sai số của các năm trước nhỏ hơn."
                      : " The interval was narrowed to %s times the model's: the errors of past "
                        "years were smaller.",
                x);
    }
}

/* What --by added up (and left out), as the tables' note says it:
 * "(Note: sums flow: new, adjusted.)" / "(Số liệu cộng gộp flow: new,
 * adjusted.)". */
static void put_summed(out_t *o, const fdi_report_figures *f, int vi)
{
    if (!vi) {
        if (f->summed_note && *f->summed_note)
            put(o, " (Note: %s.)", f->summed_note);
        return;
    }
    if (f->summed && *f->summed) {
        put(o, " (Số liệu cộng gộp ");
        for (const char *c = f->summed; *c; c++) /* "a=x|y; b=z" -> "a: x, y; b: z" */
            put(o, "%s", *c == '=' ? ": " : *c == '|' ? ", " : (char[]){*c, 0});
        put(o, ".)");
    }
    if (f->summed_note && strstr(f->summed_note, "leaves out"))
        put(o, " (Không tính các dòng tổng; --keep-totals để tính.)");
}

/* A --by sum without some members that had values before: "(Note: the
 * sum is incomplete: 8 of its members have no value for the period,
 * though they had values before.)"; counted over the year's periods,
 * "(Note: the sum is incomplete: members that had values before lack 2
 * values in the year to date.)" */
static void put_members_missing(out_t *o, const fdi_report_figures *f, int vi)
{
    size_t n = f->members_missing;
    if (!n)
        return;
    if (vi && f->members_missing_periods)
        put(o, " (Lưu ý: tổng chưa đầy đủ: thiếu %zu số liệu từ đầu năm của các thành phần đã "
               "có số liệu trước đây.)", n);
    else if (vi)
        put(o, " (Lưu ý: tổng chưa đầy đủ: %zu thành phần đã có số liệu trước đây nhưng không có "
               "số liệu trong kỳ.)", n);
    else if (f->members_missing_periods)
        put(o, " (Note: the sum is incomplete: members that had values before lack %zu value%s "
               "in the year to date.)", n, n == 1 ? "" : "s");
    else
        put(o, " (Note: the sum is incomplete: %zu of its members %s no value for the period, "
               "though %s values before.)", n, n == 1 ? "has" : "have",
            n == 1 ? "it had" : "they had");
}

/* What the figures' shape says of how they were read (fdi_panel_shape_note):
 * the note as the tables give it, in English; its meaning in Vietnamese. */
static void put_shape(out_t *o, const fdi_report_figures *f, int vi)
{
    if (!f->shape_note || !*f->shape_note)
        return;
    int cumulative = strncmp(f->shape_note, "looks cumulative", 16) == 0;
    if (!vi && cumulative)
        put(o, " (Note: the figures look cumulative: they rise through each year and drop "
               "at its start; year-to-date figures are read with --ytd.)");
    else if (!vi)
        put(o, " (Note: the figures were %s.)", f->shape_note);
    else if (cumulative)
        put(o, " (Lưu ý: số liệu có vẻ là số lũy kế: tăng dần trong năm và giảm vào đầu "
               "năm; số liệu lũy kế cần đọc với --ytd.)");
    else
        put(o, " (Lưu ý: số liệu đọc là lũy kế (--ytd) nhưng giảm trong năm.)");
}

/* Rows rejected under --lenient, as the tables' note says it: "(Note: 1
 * row of the file rejected (--lenient) is not in the figures.)" */
static void put_rejected(out_t *o, const fdi_report_figures *f, int vi)
{
    size_t n = f->rows_rejected;
    if (!n)
        return;
    if (vi)
        put(o, " (Lưu ý: %zu dòng của tệp bị loại (--lenient), không có trong số liệu.)", n);
    else
        put(o, " (Note: %zu row%s of the file rejected (--lenient) %s not in the figures.)", n,
            n == 1 ? "" : "s", n == 1 ? "is" : "are");
}

int fdi_report_paragraph(const fdi_report_figures *f, fdi_lang lang, int md, char *buf,
                         size_t size)
{
    out_t o = {buf, size, 0};
    int vi = lang == FDI_LANG_VI;
    if (size)
        buf[0] = '\0';
    put_opening(&o, f, lang, md);
    put_vs_last_year(&o, f, vi, md);
    put_vs_plan(&o, f, lang, md);
    put(&o, ".");
    if (f->small_base && isfinite(f->multiple) && f->multiple > 0) /* a comparison made */
        put(&o, vi ? " (So sánh dựa trên một mức nền nhỏ: cần thận trọng.)"
                   : " (The comparison rests on a small base: read it with care.)");
    put_summed(&o, f, vi);
    put_members_missing(&o, f, vi);
    put_shape(&o, f, vi);
    put_rejected(&o, f, vi);
    put_goal(&o, f, lang, md);
    put_forecast(&o, f, lang, md);
    put_fc_notes(&o, f, vi);
    return (int)o.len;
}
