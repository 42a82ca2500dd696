/* chart.c - drawing the report charts with cairo (see fdi/chart.h). */
#define _POSIX_C_SOURCE 200809L
#include "fdi/chart.h"
#include "fdi/table.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { W = 900, H = 540 };
static const double pi = 3.14159265358979323846;
static const double ML = 90, MR = 190, MT = 60, MB = 60; /* margins */
static const char *const font = "DejaVu Sans";

typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    int png;
    char words[4096]; /* every text drawn, for the SVG's <desc> */
    size_t nwords;
} canvas;

static fdi_status open_canvas(canvas *c, const char *path, fdi_error *err)
{
    const char *dot = strrchr(path, '.');
    memset(c, 0, sizeof *c);
    if (!dot || (strcasecmp(dot, ".svg") && strcasecmp(dot, ".png") && strcasecmp(dot, ".pdf")))
        return fdi_error_set(err, FDI_EUSAGE, path, 0, 0,
                             "--chart: the file name must end in .svg, .png or .pdf");
    if (strcasecmp(dot, ".svg") == 0)
        c->surface = cairo_svg_surface_create(path, W, H);
    else if (strcasecmp(dot, ".pdf") == 0)
        c->surface = cairo_pdf_surface_create(path, W, H);
    else {
        c->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
        c->png = 1;
    }
    cairo_status_t status = cairo_surface_status(c->surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(c->surface);
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot write the chart: %s",
                             cairo_status_to_string(status));
    }
    c->cr = cairo_create(c->surface);
    cairo_set_source_rgb(c->cr, 1, 1, 1);
    cairo_paint(c->cr);
    cairo_select_font_face(c->cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    return FDI_OK;
}

static void xml_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
    }
}

/* Put <title> and <desc> right after the <svg ...> tag. */
static fdi_status svg_words(const char *path, const char *title, const char *words,
                            fdi_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot read the chart back");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
    }
    fclose(f);
    buf[n] = '\0';
    char *svg = strstr(buf, "<svg");
    char *end = svg ? strchr(svg, '>') : NULL;
    if (!end) {
        free(buf);
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cairo wrote no <svg> element");
    }
    f = fopen(path, "wb");
    if (!f) {
        free(buf);
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot write the chart");
    }
    fwrite(buf, 1, (size_t)(end + 1 - buf), f);
    fputs("\n<title>", f);
    xml_escaped(f, title);
    fputs("</title>\n<desc>", f);
    xml_escaped(f, words);
    fputs("</desc>", f);
    fputs(end + 1, f);
    int bad = ferror(f);
    fclose(f);
    free(buf);
    return bad ? fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot write the chart") : FDI_OK;
}

static fdi_status close_canvas(canvas *c, const char *path, const char *title,
                               fdi_error *err)
{
    cairo_destroy(c->cr);
    cairo_surface_flush(c->surface);
    cairo_status_t cs = CAIRO_STATUS_SUCCESS;
    if (c->png)
        cs = cairo_surface_write_to_png(c->surface, path);
    cairo_surface_finish(c->surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(c->surface);
    cairo_surface_destroy(c->surface);
    if (cs != CAIRO_STATUS_SUCCESS)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot write the chart: %s",
                             cairo_status_to_string(cs));
    const char *dot = strrchr(path, '.');
    if (dot && strcasecmp(dot, ".svg") == 0)
        return svg_words(path, title, c->words, err);
    return FDI_OK;
}

/* Text at (x, y); align 0 left, 0.5 centre, 1 right; vertical centre. */
static void text(canvas *c, double x, double y, double size, int bold, double align,
                 const char *s)
{
    cairo_text_extents_t e;
    cairo_select_font_face(c->cr, font, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c->cr, size);
    cairo_text_extents(c->cr, s, &e);
    cairo_move_to(c->cr, x - align * e.x_advance, y + e.height / 2 - (e.height + e.y_bearing));
    cairo_show_text(c->cr, s);
    int w = snprintf(c->words + c->nwords, sizeof c->words - c->nwords, "%s%s",
                     c->nwords ? "; " : "", s);
    if (w > 0 && c->nwords + (size_t)w < sizeof c->words)
        c->nwords += (size_t)w;
}

/* A "nice" tick step for a range: 1, 2 or 5 x 10^k. */
static double nice_step(double range, int ticks)
{
    double raw = range / ticks, p = pow(10, floor(log10(raw))), r = raw / p;
    return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
}

static void number(double v, fdi_lang lang, char *buf, size_t size)
{
    fdi_format_grouped(v, 0, lang == FDI_LANG_VI ? '.' : ',', '.', buf, size);
}

static void rgb(cairo_t *cr, unsigned hex, double alpha)
{
    cairo_set_source_rgba(cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0,
                          (hex & 255) / 255.0, alpha);
}

static void legend_item(canvas *c, double y, unsigned color, double alpha, int kind,
                        const char *label)
{
    double x = W - MR + 20;
    cairo_t *cr = c->cr;
    rgb(cr, color, alpha);
    if (kind == 0) { /* a band */
        cairo_rectangle(cr, x, y - 6, 26, 12);
        cairo_fill(cr);
    } else { /* a line: 1 solid, 2 dashed, 3 dotted */
        double d[2] = {kind == 2 ? 6 : 2, 4};
        cairo_set_line_width(cr, kind == 1 ? 3 : 2);
        cairo_set_dash(cr, d, kind == 1 ? 0 : 2, 0);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + 26, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    rgb(cr, 0x222222, 1);
    text(c, x + 34, y, 12, 0, 0, label);
}

/* The year-end chart's plotting area: months 0..11 across, 0..top up. */
typedef struct {
    canvas *c;
    const fdi_chart_yearend_data *d;
    int vi;
    double pw, ph; /* the plotting area's width and height */
    double top, step; /* the y axis' top and tick step */
} yearend_plot;

static double px(const yearend_plot *pl, double t)
{
    return ML + pl->pw * (t + 0.5) / 12.0;
}

static double py(const yearend_plot *pl, double v)
{
    return MT + pl->ph * (1.0 - v / pl->top);
}

/* The largest figure drawn (this year's so far, last year's, the fan from
 * the last observed month, plan and goal); 1 when there is none. */
static double yearend_max(const fdi_chart_yearend_data *d)
{
    double ymax = 0;
    for (int t = 0; t < 12; t++) {
        if (t < d->pos && isfinite(d->cur[t]))
            ymax = fmax(ymax, d->cur[t]);
        if (isfinite(d->prev[t]))
            ymax = fmax(ymax, d->prev[t]);
        if (d->has_fan && t >= d->pos - 1 && isfinite(d->fan[4][t]))
            ymax = fmax(ymax, d->fan[4][t]);
    }
    if (isfinite(d->plan))
        ymax = fmax(ymax, d->plan);
    if (isfinite(d->target))
        ymax = fmax(ymax, d->target);
    return ymax > 0 ? ymax : 1;
}

static void yearend_title(const fdi_chart_yearend_data *d, int vi, char *buf, size_t size)
{
    snprintf(buf, size, vi ? "%s: lũy kế từ đầu năm %d" : "%s: year to date, %d", d->title,
             d->year);
}

/* Title, grid lines with their amounts, the fiscal year's months, unit. */
static void yearend_axes(const yearend_plot *pl, fdi_lang lang)
{
    static const char *const mon_en[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    canvas *c = pl->c;
    cairo_t *cr = c->cr;
    char buf[256], n1[64];
    rgb(cr, 0x111111, 1);
    yearend_title(pl->d, pl->vi, buf, sizeof buf);
    text(c, ML, 28, 17, 1, 0, buf);
    rgb(cr, 0xdddddd, 1);
    cairo_set_line_width(cr, 1);
    for (double v = 0; v <= pl->top + pl->step / 2; v += pl->step) {
        cairo_move_to(cr, ML, py(pl, v));
        cairo_line_to(cr, ML + pl->pw, py(pl, v));
        cairo_stroke(cr);
        number(v, lang, n1, sizeof n1);
        rgb(cr, 0x444444, 1);
        text(c, ML - 8, py(pl, v), 11, 0, 1, n1);
        rgb(cr, 0xdddddd, 1);
    }
    rgb(cr, 0x444444, 1);
    for (int t = 0; t < 12; t++) {
        int month = (pl->d->first_month - 1 + t) % 12;
        if (pl->vi)
            snprintf(buf, sizeof buf, "T%d", month + 1);
        text(c, px(pl, t), H - MB + 16, 11, 0, 0.5, pl->vi ? buf : mon_en[month]);
    }
    cairo_save(cr);
    cairo_translate(cr, 22, MT + pl->ph / 2);
    cairo_rotate(cr, -pi / 2);
    if (pl->d->unit)
        text(c, 0, 0, 12, 0, 0.5, pl->d->unit);
    cairo_restore(cr);
}

/* A line through y[from..11] from the last observed month (the fan's). */
static void fan_line(const yearend_plot *pl, const double *y)
{
    int pos = pl->d->pos;
    cairo_move_to(pl->c->cr, px(pl, pos - 1), py(pl, y[pos - 1]));
    for (int t = pos; t < 12; t++)
        cairo_line_to(pl->c->cr, px(pl, t), py(pl, y[t]));
}

/* The fan: 95% then 80% bands, the forecast dashed. */
static void yearend_fan(const yearend_plot *pl)
{
    const fdi_chart_yearend_data *d = pl->d;
    cairo_t *cr = pl->c->cr;
    for (int band = 0; band < 2; band++) {
        const double *hi = d->fan[4 - band];
        rgb(cr, 0x2b6cb0, band ? 0.30 : 0.15);
        fan_line(pl, d->fan[band]);
        for (int t = 11; t >= d->pos - 1; t--)
            cairo_line_to(cr, px(pl, t), py(pl, hi[t]));
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    double dash[2] = {6, 4};
    rgb(cr, 0x2b6cb0, 1);
    cairo_set_line_width(cr, 2);
    cairo_set_dash(cr, dash, 2, 0);
    fan_line(pl, d->fan[2]);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* Last year, grey dashed, through its known months. */
static void yearend_last_year(const yearend_plot *pl)
{
    const fdi_chart_yearend_data *d = pl->d;
    cairo_t *cr = pl->c->cr;
    double dash[2] = {6, 4};
    int started = 0;
    rgb(cr, 0x888888, 1);
    cairo_set_line_width(cr, 2);
    cairo_set_dash(cr, dash, 2, 0);
    for (int t = 0; t < 12; t++) {
        if (!isfinite(d->prev[t]))
            continue;
        if (started++)
            cairo_line_to(cr, px(pl, t), py(pl, d->prev[t]));
        else
            cairo_move_to(cr, px(pl, t), py(pl, d->prev[t]));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* The plan, a solid line; the goal, dotted with a dot at year end, when it
 * differs from the plan. */
static void yearend_plan_and_goal(const yearend_plot *pl)
{
    const fdi_chart_yearend_data *d = pl->d;
    cairo_t *cr = pl->c->cr;
    if (isfinite(d->plan)) {
        rgb(cr, 0xdd6b20, 1);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, ML, py(pl, d->plan));
        cairo_line_to(cr, ML + pl->pw, py(pl, d->plan));
        cairo_stroke(cr);
    }
    if (isfinite(d->target) && d->target != d->plan) {
        double dot[2] = {2, 4};
        rgb(cr, 0xc53030, 1);
        cairo_set_line_width(cr, 2);
        cairo_set_dash(cr, dot, 2, 0);
        cairo_move_to(cr, ML, py(pl, d->target));
        cairo_line_to(cr, ML + pl->pw, py(pl, d->target));
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_arc(cr, px(pl, 11), py(pl, d->target), 6, 0, 2 * pi);
        cairo_fill(cr);
    }
}

/* This year, solid, with its points. */
static void yearend_this_year(const yearend_plot *pl)
{
    const fdi_chart_yearend_data *d = pl->d;
    cairo_t *cr = pl->c->cr;
    rgb(cr, 0x1a365d, 1);
    cairo_set_line_width(cr, 3);
    for (int t = 0; t < d->pos; t++)
        if (t)
            cairo_line_to(cr, px(pl, t), py(pl, d->cur[t]));
        else
            cairo_move_to(cr, px(pl, t), py(pl, d->cur[t]));
    cairo_stroke(cr);
    for (int t = 0; t < d->pos; t++) {
        cairo_arc(cr, px(pl, t), py(pl, d->cur[t]), 3.5, 0, 2 * pi);
        cairo_fill(cr);
    }
}

static void yearend_legend(const yearend_plot *pl, fdi_lang lang)
{
    const fdi_chart_yearend_data *d = pl->d;
    canvas *c = pl->c;
    int vi = pl->vi;
    char buf[256], n1[64];
    double ly = MT + 10;
    snprintf(buf, sizeof buf, vi ? "Năm %d" : "%d", d->year);
    legend_item(c, ly, 0x1a365d, 1, 1, buf);
    snprintf(buf, sizeof buf, vi ? "Năm %d" : "%d", d->year - 1);
    legend_item(c, ly += 24, 0x888888, 1, 2, buf);
    if (isfinite(d->plan)) {
        number(d->plan, lang, n1, sizeof n1);
        snprintf(buf, sizeof buf, vi ? "Kế hoạch %s" : "Plan %s", n1);
        legend_item(c, ly += 24, 0xdd6b20, 1, 1, buf);
    }
    if (isfinite(d->target) && d->target != d->plan) {
        number(d->target, lang, n1, sizeof n1);
        snprintf(buf, sizeof buf, vi ? "Mục tiêu %s" : "Goal %s", n1);
        legend_item(c, ly += 24, 0xc53030, 1, 3, buf);
    }
    if (d->has_fan) {
        legend_item(c, ly += 24, 0x2b6cb0, 1, 2, vi ? "Dự báo" : "Forecast");
        legend_item(c, ly += 24, 0x2b6cb0, 0.30, 0, vi ? "Khoảng 80%" : "80% interval");
        legend_item(c, ly += 24, 0x2b6cb0, 0.15, 0, vi ? "Khoảng 95%" : "95% interval");
    }
}

fdi_status fdi_chart_yearend(const fdi_chart_yearend_data *d, fdi_lang lang,
                             const char *path, fdi_error *err)
{
    canvas c;
    fdi_status st = open_canvas(&c, path, err);
    if (st != FDI_OK)
        return st;
    double ymax = yearend_max(d), step = nice_step(ymax * 1.05, 6);
    yearend_plot pl = {&c, d, lang == FDI_LANG_VI, W - ML - MR, H - MT - MB,
                       ceil(ymax * 1.05 / step) * step, step};
    char title[256];
    /* drawn in this order: later layers over earlier ones */
    yearend_axes(&pl, lang);
    if (d->has_fan)
        yearend_fan(&pl);
    yearend_last_year(&pl);
    yearend_plan_and_goal(&pl);
    yearend_this_year(&pl);
    yearend_legend(&pl, lang);
    yearend_title(d, pl.vi, title, sizeof title);
    return close_canvas(&c, path, title, err);
}

typedef struct {
    const fdi_chart_bar *bar;
} bar_ref;

static int by_value_desc(const void *a, const void *b)
{
    double x = ((const bar_ref *)a)->bar->value, y = ((const bar_ref *)b)->bar->value;
    if (isnan(x))
        return isnan(y) ? 0 : 1;
    if (isnan(y))
        return -1;
    return (x < y) - (x > y);
}

fdi_status fdi_chart_ranking(const char *title, const fdi_chart_bar *bars, size_t n,
                             fdi_lang lang, const char *path, fdi_error *err)
{
    enum { MAXBARS = 25 };
    bar_ref ref[MAXBARS];
    size_t k = 0;
    canvas c;
    fdi_status st;
    bar_ref *all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        all[i].bar = &bars[i];
    qsort(all, n, sizeof *all, by_value_desc);
    for (; k < n && k < MAXBARS; k++)
        ref[k] = all[k];
    free(all);
    if ((st = open_canvas(&c, path, err)) != FDI_OK)
        return st;
    cairo_t *cr = c.cr;
    double left = 260, right = 110, top = 60, row = (H - top - 30) / (double)(k ? k : 1);
    double vmax = 0;
    for (size_t i = 0; i < k; i++)
        if (isfinite(ref[i].bar->value))
            vmax = fmax(vmax, ref[i].bar->value);
    if (!(vmax > 0))
        vmax = 1;
    rgb(cr, 0x111111, 1);
    text(&c, 20, 28, 17, 1, 0, title);
    for (size_t i = 0; i < k; i++) {
        double v = ref[i].bar->value, y = top + row * (double)i;
        char num[64];
        rgb(cr, 0x222222, 1);
        text(&c, left - 10, y + row / 2, 12, 0, 1, ref[i].bar->label);
        if (isfinite(v) && v > 0) {
            rgb(cr, i == 0 ? 0x1a365d : 0x2b6cb0, 1);
            cairo_rectangle(cr, left, y + row * 0.15, (W - left - right) * v / vmax, row * 0.7);
            cairo_fill(cr);
        }
        number(v, lang, num, sizeof num);
        rgb(cr, 0x222222, 1);
        text(&c, left + (W - left - right) * (isfinite(v) && v > 0 ? v / vmax : 0) + 8,
             y + row / 2, 12, 0, 0, isfinite(v) ? num : "n/a");
    }
    return close_canvas(&c, path, title, err);
}

void fdi_chart_shutdown(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
