/* load.c - input options by their command-line names, and a file opened
 * as a panel with them: what the Python module and C callers use to say
 * what a command line says. */
#include "fdi/load.h"
#include "fdi/period.h"
#include "base/caseeq.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

enum { MAX_FILTERS = 32, MAX_STRINGS = 64, MAX_FILES = 16 };

struct fdi_input {
    fdi_ingest_options in;
    fdi_panel_options po;
    fdi_filter filters[MAX_FILTERS];
    char *strings[MAX_STRINGS]; /* copies of every value set */
    size_t nstrings;
    int thousands_set;
    const char *more[MAX_FILES]; /* files read with in.path (fdi_input_add_file) */
    size_t nmore;
};

static char *keep(fdi_input *in, const char *s)
{
    if (in->nstrings == MAX_STRINGS)
        return NULL;
    char *c = malloc(strlen(s) + 1);
    if (c)
        in->strings[in->nstrings++] = strcpy(c, s);
    return c;
}

void fdi_input_destroy(fdi_input *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->nstrings; i++)
        free(in->strings[i]);
    free(in);
}

fdi_status fdi_input_create(const char *path, fdi_input **out, fdi_error *err)
{
    fdi_input *in = calloc(1, sizeof *in);
    *out = NULL;
    if (!in)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    in->in = fdi_ingest_options_default();
    in->po = fdi_panel_options_default();
    in->po.filters = in->filters;
    if (path && !(in->in.path = keep(in, path))) {
        fdi_input_destroy(in);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = in;
    return FDI_OK;
}

const fdi_ingest_options *fdi_input_ingest_options(const fdi_input *in) { return &in->in; }
const fdi_panel_options *fdi_input_panel_options(const fdi_input *in) { return &in->po; }

static int one_char(const char *s, char *out)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"tab", '\t'}, {"\\t", '\t'}, {"space", ' '}, {"none", 0}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strcmp(s, named[i].name) == 0)
            return *out = named[i].c, 1;
    return strlen(s) == 1 ? (*out = s[0], 1) : 0;
}

static int to_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return *s && !*end && !errno && *out >= lo && *out <= hi;
}

static int is_true(const char *v)
{
    return !v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "True") == 0;
}

/* "--fy_start" -> "fy-start" */
static void canonical(const char *name, char *buf, size_t size)
{
    size_t i = 0;
    name += strncmp(name, "--", 2) == 0 ? 2 : 0;
    for (; name[i] && i + 1 < size; i++)
        buf[i] = name[i] == '_' ? '-' : name[i];
    buf[i] = '\0';
}

static fdi_status bad(fdi_error *err, const char *name, const char *takes, const char *v)
{
    return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "--%s takes %s, not \"%s\"", name, takes,
                         v ? v : "");
}

/* The options whose value is a column name or list, kept as given. */
static const char **text_option(fdi_input *in, const char *n)
{
    if (strcmp(n, "period") == 0)
        return &in->in.period_col;
    if (strcmp(n, "key") == 0)
        return &in->in.key_cols;
    if (strcmp(n, "value") == 0)
        return &in->in.value_cols;
    if (strcmp(n, "measure-col") == 0)
        return &in->in.measure_col;
    if (strcmp(n, "value-col") == 0)
        return &in->in.value_col;
    if (strcmp(n, "by") == 0)
        return &in->po.by;
    if (strcmp(n, "encoding") == 0)
        return &in->in.encoding;
    if (strcmp(n, "map") == 0)
        return &in->in.map;
    if (strcmp(n, "sheet") == 0)
        return &in->in.sheet;
    if (strcmp(n, "unit") == 0)
        return &in->po.unit;
    return NULL;
}

/* --value: the columns ingest reads ("a+b" reads a and b), and as written
 * for the panel, which adds the parts of a sum into one measure "a+b". */
static fdi_status set_value(fdi_input *in, const char *v, fdi_error *err)
{
    char *cols = keep(in, v), *written = strchr(v, '+') ? keep(in, v) : NULL;
    if (!cols || (strchr(v, '+') && !written))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (char *c = cols; *c; c++)
        if (*c == '+')
            *c = ',';
    in->in.value_cols = cols;
    in->po.value_sums = written;
    return FDI_OK;
}

static fdi_status set_filter(fdi_input *in, const char *v, fdi_error *err)
{
    const char *e = v ? strchr(v, '=') : NULL;
    if (!e || e == v)
        return bad(err, "filter", "COLUMN=VALUE (VALUE may list alternatives as a|b)", v);
    if (in->po.nfilters == MAX_FILTERS)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "too many --filter options (32 at most)");
    /* keys are read in NFC (ingest.c): a value typed or pasted in NFD must
     * name the same series */
    const char *c = v;
    while (*c && (unsigned char)*c < 0x80)
        c++;
    char *nfc = *c ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)v) : NULL;
    char *copy = keep(in, nfc ? nfc : v);
    free(nfc);
    if (!copy)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    e = strchr(copy, '='); /* NFC keeps ASCII as it is: the same '=' */
    copy[e - copy] = '\0';
    in->filters[in->po.nfilters].column = copy;
    in->filters[in->po.nfilters].values = e + 1;
    in->po.nfilters++;
    return FDI_OK;
}

enum { MAX_BY = 32, MAX_BY_NAME = 199 };

/* --by: one to MAX_BY names, none twice (compared as the panel compares
 * them: blanks around a name dropped, case ignored). */
static fdi_status check_by(const char *val, fdi_error *err)
{
    const char *name[MAX_BY];
    size_t len[MAX_BY], n = 0;
    for (const char *p = val; *p;) {
        size_t k = strcspn(p, ","), i;
        const char *a = p, *z = p + k;
        while (a < z && *a == ' ')
            a++;
        while (z > a && z[-1] == ' ')
            z--;
        if (z > a) {
            if (n == MAX_BY || (size_t)(z - a) > MAX_BY_NAME)
                return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                     "--by takes at most %d key columns, each name shorter "
                                     "than %d characters", MAX_BY, MAX_BY_NAME + 1);
            for (i = 0; i < n; i++)
                if (fdi__caseeq_n(name[i], len[i], a, (size_t)(z - a)))
                    return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                         "--by %s: \"%.*s\" is named twice", val,
                                         (int)len[i], a);
            name[n] = a;
            len[n++] = (size_t)(z - a);
        }
        p += k + (p[k] == ',');
    }
    if (n == 0) /* it acted as "none": one total, which it does not say */
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--by \"%s\" names no key column: give the columns to sum up to, "
                             "or \"none\" for one total", val);
    return FDI_OK;
}

static const char *const dedupe_names[] = {"error", "first", "last", "sum"};

/* The options with a closed set of values or a number. */
static fdi_status set_choice(fdi_input *in, const char *n, const char *v, fdi_error *err)
{
    long k;
    char c;
    if (strcmp(n, "decimal") == 0) {
        if (strcmp(v, ",") != 0 && strcmp(v, ".") != 0)
            return bad(err, n, "\",\" or \".\"", v);
        in->in.number.decimal = v[0];
        if (!in->thousands_set)
            in->in.number.thousands = v[0] == ',' ? '.' : ',';
    } else if (strcmp(n, "thousands") == 0) {
        if (!one_char(v, &c))
            return bad(err, n, "one character (or \"space\", \"none\")", v);
        in->in.number.thousands = c;
        in->thousands_set = 1;
    } else if (strcmp(n, "delimiter") == 0) {
        if (!one_char(v, &c) || !c)
            return bad(err, n, "one character (or \"tab\")", v);
        in->in.delimiter = c;
    } else if (strcmp(n, "skip") == 0) {
        if (!to_long(v, 0, 1000000000L, &k))
            return bad(err, n, "a number of lines >= 0", v);
        in->in.skip = k;
    } else if (strcmp(n, "fy-start") == 0) {
        if (!to_long(v, 1, 12, &k))
            return bad(err, n, "a month 1..12", v);
        in->po.fy_start = (int)k;
    } else if (strcmp(n, "threads") == 0) {
        if (!to_long(v, 1, 2, &k))
            return bad(err, n, "1 or 2", v);
        in->in.threads = (int)k;
    } else if (strcmp(n, "fill") == 0) {
        if (strcmp(v, "zero") != 0 && strcmp(v, "none") != 0)
            return bad(err, n, "zero or none", v);
        in->po.fill_zero = strcmp(v, "zero") == 0;
    } else if (strcmp(n, "dedupe") == 0) {
        for (k = 0; k < 4 && strcmp(v, dedupe_names[k]) != 0; k++)
            ;
        if (k == 4)
            return bad(err, n, "first, last, sum or error", v);
        in->po.dedupe = (fdi_dedupe)k;
    } else if (strcmp(n, "scale") == 0) {
        char *end;
        double x = strtod(v, &end);
        if (!*v || *end || !isfinite(x) || x == 0)
            return bad(err, n, "a non-zero number", v);
        in->in.scale = x;
    } else {
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "unknown input option \"%s\"", n);
    }
    return FDI_OK;
}

/* --decimal , --thousands , cannot both hold: one character, two meanings. */
static fdi_status check_marks(const fdi_input *in, fdi_error *err)
{
    const fdi_number_format *nf = &in->in.number;
    if (in->thousands_set && nf->thousands == nf->decimal)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--thousands \"%c\" is also the decimal mark; give --decimal "
                             "the other one", nf->thousands);
    return FDI_OK;
}

fdi_status fdi_input_set(fdi_input *in, const char *name, const char *value, fdi_error *err)
{
    char n[32];
    const char **text;
    canonical(name, n, sizeof n);
    if (strcmp(n, "ytd") == 0) {
        in->in.ytd = is_true(value);
        return FDI_OK;
    }
    if (strcmp(n, "lenient") == 0 || strcmp(n, "strict") == 0) {
        /* --strict is the default's name: --strict false is --lenient */
        in->in.lenient = (strcmp(n, "lenient") == 0) == is_true(value) ? FDI_LENIENT : FDI_STRICT;
        return FDI_OK;
    }
    if (strcmp(n, "keep-totals") == 0) {
        in->po.keep_totals = is_true(value);
        return FDI_OK;
    }
    if (strcmp(n, "allow-future") == 0) {
        in->in.latest = is_true(value) ? INT32_MAX : fdi_ingest_options_default().latest;
        return FDI_OK;
    }
    if (!value)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "option --%s needs a value", n);
    if (strcmp(n, "filter") == 0)
        return set_filter(in, value, err);
    if (strcmp(n, "by") == 0 && check_by(value, err) != FDI_OK)
        return FDI_EUSAGE;
    if (strcmp(n, "encoding") == 0 && !fdi_encoding_known(value))
        return bad(err, n, "latin1, cp1258 or utf-8", value);
    if (strcmp(n, "value") == 0)
        return set_value(in, value, err);
    if ((text = text_option(in, n)) != NULL) {
        if (!(*text = keep(in, value)))
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        return FDI_OK;
    }
    fdi_status st = set_choice(in, n, value, err);
    return st == FDI_OK ? check_marks(in, err) : st;
}

fdi_status fdi_input_add_file(fdi_input *in, const char *path, fdi_error *err)
{
    if (!in->in.path)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "no first input file to add to");
    if (in->nmore == MAX_FILES)
        return fdi_error_set(err, FDI_EUSAGE, path, 0, 0, "%d more input files at most",
                             (int)MAX_FILES);
    if (!(in->more[in->nmore] = keep(in, path)))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    in->nmore++;
    return FDI_OK;
}

/* "; the data run from LO to HI" after err's message (nothing when f has
 * no observation). */
static void add_range(const fdi_frame *f, fdi_error *err)
{
    const int32_t *per = fdi_frame_obs_period(f);
    size_t n = fdi_frame_nobs(f);
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    char a[16], b[16];
    for (size_t i = 0; i < n; i++) {
        lo = per[i] < lo ? per[i] : lo;
        hi = per[i] > hi ? per[i] : hi;
    }
    if (!err || lo > hi)
        return;
    fdi_period_format(lo, fdi_frame_freq(f), a, sizeof a);
    fdi_period_format(hi, fdi_frame_freq(f), b, sizeof b);
    size_t len = strlen(err->message);
    if (len < sizeof err->message)
        snprintf(err->message + len, sizeof err->message - len, "; the data run from %s to %s",
                 a, b);
}

fdi_status fdi_explain_as_of(const fdi_ingest_options *in, fdi_error *err)
{
    fdi_ingest_options o = *in;
    fdi_frame *f = NULL;
    fdi_error e2;
    if (!in->path || strcmp(in->path, "-") == 0)
        return FDI_EOUTSIDE;
    o.window = 0;
    o.progress = NULL;
    o.lenient = FDI_LENIENT; /* the range of what reads; its errors are not the question */
    if (fdi_ingest_csv(&o, &f, &e2) == FDI_OK)
        add_range(f, err);
    fdi_frame_destroy(f);
    return FDI_EOUTSIDE;
}

fdi_status fdi_input_open(const fdi_input *in, int32_t as_of, fdi_frame **f, fdi_panel **p,
                          fdi_error *err)
{
    fdi_panel_options po = in->po;
    fdi_status st;
    *f = NULL;
    *p = NULL;
    if (!in->in.path)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "no input file given");
    const char *paths[MAX_FILES + 1] = {in->in.path};
    memcpy(paths + 1, in->more, in->nmore * sizeof *paths);
    if ((st = fdi_ingest_files(&in->in, paths, in->nmore + 1, f, err)) != FDI_OK)
        return st;
    po.as_of = as_of;
    if ((st = fdi_panel_build(*f, &po, p, err)) != FDI_OK) {
        if (st == FDI_EOUTSIDE) /* read without a window: the frame has the range */
            add_range(*f, err);
        /* the error may name the frame's own copy of a path, about to go
         * (of the first file, or of another: a series in two files) */
        if (err && err->file && err->file == fdi_frame_path(*f))
            err->file = in->nmore ? NULL : in->in.path;
        for (size_t i = 0; err && err->file && i < in->nmore + 1; i++)
            if (err->file != paths[i] && strcmp(err->file, paths[i]) == 0)
                err->file = paths[i]; /* the input's copy, which stays */
        fdi_frame_destroy(*f);
        *f = NULL;
    }
    return st;
}
