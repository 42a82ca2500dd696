/* xlsx_parts.c - a workbook's zip and its small parts (xlsx.h): which
 * sheet, where it is, which cell styles show dates, the shared strings.
 * Every part is streamed through expat a chunk at a time; only the shared
 * strings and the styles' date flags are kept. */
#include "ingest/xlsx.h"
#include "base/caseeq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { XML_CHUNK = 1 << 16, MAX_SHEETS = 4096 };

int fdi__xlsx_magic(const char *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

int fdi__xlsx_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap ? *cap : 16;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    void *n = realloc(*p, c * elem);
    if (!n)
        return -1;
    *p = n;
    *cap = c;
    return 0;
}

const char *fdi__xml_local(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *fdi__xml_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(fdi__xml_local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

fdi_status fdi__xlsx_stream(fdi__xlsx_book *b, const char *entry, XML_Parser p, fdi_status *st,
                            fdi_error *err)
{
    zip_file_t *zf = zip_fopen(b->zip, entry, 0);
    char *buf = malloc(XML_CHUNK);
    fdi_status ret = FDI_OK;
    if (!zf || !buf) {
        ret = !buf ? fdi_error_set(err, FDI_ENOMEM, b->file, 0, 0, "out of memory")
                   : fdi_error_set(err, FDI_EPARSE, b->file, 0, 0,
                                   "the workbook is damaged: cannot open its part %s: %s",
                                   entry, zip_strerror(b->zip));
        goto out;
    }
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, XML_CHUNK);
        if (n < 0) {
            ret = fdi_error_set(err, FDI_EPARSE, b->file, 0, 0,
                                "the workbook is damaged: its part %s cannot be read: %s",
                                entry, zip_file_strerror(zf));
            break;
        }
        b->bytes += (size_t)n;
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (XML_GetErrorCode(p) == XML_ERROR_ABORTED)
                ret = *st;
            else
                ret = fdi_error_set(err, FDI_EPARSE, b->file, 0, 0,
                                    "the workbook is damaged: its part %s is not XML "
                                    "(line %lu: %s)",
                                    entry, (unsigned long)XML_GetCurrentLineNumber(p),
                                    XML_ErrorString(XML_GetErrorCode(p)));
            break;
        }
        if (n == 0)
            break;
    }
out:
    if (zf)
        zip_fclose(zf);
    free(buf);
    return ret;
}

/* ---- xl/workbook.xml and its relationships */

typedef struct {
    char name[128], rid[64];
} sheet_ref;

typedef struct {
    fdi__xlsx_book *b;
    fdi_status st;
    XML_Parser p;
    sheet_ref *sheets;
    size_t nsheets, cap;
    const char *want_rid;    /* relationships: the sheet's id */
    char styles[512], strings[512];
} book_parse;

static void stop(book_parse *bp, fdi_status st)
{
    bp->st = st;
    XML_StopParser(bp->p, XML_FALSE);
}

static void on_workbook(void *ud, const char *el, const char **atts)
{
    book_parse *bp = ud;
    const char *n = fdi__xml_local(el);
    if (strcmp(n, "workbookPr") == 0) {
        const char *d = fdi__xml_attr(atts, "date1904");
        bp->b->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
    } else if (strcmp(n, "sheet") == 0 && bp->nsheets < MAX_SHEETS) {
        const char *name = fdi__xml_attr(atts, "name"), *rid = fdi__xml_attr(atts, "id");
        if (fdi__xlsx_grow((void **)&bp->sheets, &bp->cap, bp->nsheets + 1,
                           sizeof *bp->sheets) != 0) {
            stop(bp, FDI_ENOMEM);
            return;
        }
        sheet_ref *s = &bp->sheets[bp->nsheets++];
        snprintf(s->name, sizeof s->name, "%s", name ? name : "");
        snprintf(s->rid, sizeof s->rid, "%s", rid ? rid : "");
    }
}

/* A relationship's target as the zip names it: under xl/ unless absolute. */
static void entry_of(const char *target, char *out, size_t size)
{
    if (target[0] == '/')
        snprintf(out, size, "%s", target + 1);
    else
        snprintf(out, size, "xl/%s", target);
}

static int type_is(const char *type, const char *what)
{
    size_t t = strlen(type), w = strlen(what);
    return t > w && type[t - w - 1] == '/' && strcmp(type + t - w, what) == 0;
}

static void on_rels(void *ud, const char *el, const char **atts)
{
    book_parse *bp = ud;
    if (strcmp(fdi__xml_local(el), "Relationship") != 0)
        return;
    const char *id = fdi__xml_attr(atts, "Id"), *target = fdi__xml_attr(atts, "Target"),
               *type = fdi__xml_attr(atts, "Type");
    if (!id || !target)
        return;
    if (bp->want_rid && strcmp(id, bp->want_rid) == 0)
        entry_of(target, bp->b->sheet_entry, sizeof bp->b->sheet_entry);
    else if (type && type_is(type, "styles"))
        entry_of(target, bp->styles, sizeof bp->styles);
    else if (type && type_is(type, "sharedStrings"))
        entry_of(target, bp->strings, sizeof bp->strings);
}

/* Stream one part with these handlers; FDI_OK when absent and optional. */
static fdi_status parse_part(book_parse *bp, const char *entry, XML_StartElementHandler start,
                             XML_EndElementHandler end, XML_CharacterDataHandler text,
                             int required, fdi_error *err)
{
    if (zip_name_locate(bp->b->zip, entry, 0) < 0)
        return required ? fdi_error_set(err, FDI_EPARSE, bp->b->file, 0, 0,
                                        "the workbook is damaged: it has no part %s", entry)
                        : FDI_OK;
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return fdi_error_set(err, FDI_ENOMEM, bp->b->file, 0, 0, "out of memory");
    bp->p = p;
    bp->st = FDI_OK;
    XML_SetUserData(p, bp);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    fdi_status st = fdi__xlsx_stream(bp->b, entry, p, &bp->st, err);
    if (st == FDI_ENOMEM)
        fdi_error_set(err, FDI_ENOMEM, bp->b->file, 0, 0, "out of memory");
    XML_ParserFree(p);
    return st;
}

/* The sheet named want: spelt exactly, else the one sheet whose name
 * differs only by case (as Excel matches them); SIZE_MAX when none does,
 * *two set when two do (the error is set: the exact spelling is needed). */
static size_t sheet_by_name(book_parse *bp, const char *want, int *two, fdi_error *err)
{
    size_t hit = SIZE_MAX;
    for (size_t i = 0; i < bp->nsheets; i++)
        if (strcmp(bp->sheets[i].name, want) == 0)
            return i;
    for (size_t i = 0; i < bp->nsheets; i++) {
        if (!fdi__caseeq(bp->sheets[i].name, want))
            continue;
        if (hit == SIZE_MAX) {
            hit = i;
            continue;
        }
        *two = 1;
        fdi_error_set(err, FDI_ESCHEMA, bp->b->file, 0, 0,
                      "--sheet %s: sheets \"%s\" (%zu) and \"%s\" (%zu) differ only by case; "
                      "give the exact spelling or the number",
                      want, bp->sheets[hit].name, hit + 1, bp->sheets[i].name, i + 1);
        return SIZE_MAX;
    }
    return hit;
}

/* The sheet named, or numbered, by want (NULL: the first); SIZE_MAX with
 * the error set when there is none such. */
static size_t choose_sheet(book_parse *bp, const char *want, fdi_error *err)
{
    char list[1024];
    size_t at = 0;
    int two = 0;
    if (bp->nsheets && !want)
        return 0;
    size_t named = want ? sheet_by_name(bp, want, &two, err) : SIZE_MAX;
    if (named != SIZE_MAX || two)
        return named;
    char *end;
    unsigned long k = want ? strtoul(want, &end, 10) : 0;
    if (want && *want >= '0' && *want <= '9' && !*end && k >= 1 && k <= bp->nsheets)
        return k - 1;
    list[0] = '\0';
    for (size_t i = 0; i < bp->nsheets && at < sizeof list; i++)
        at += (size_t)snprintf(list + at, sizeof list - at, "%s\"%s\"", i ? ", " : "",
                               bp->sheets[i].name);
    if (!bp->nsheets)
        fdi_error_set(err, FDI_EPARSE, bp->b->file, 0, 0, "the workbook has no sheet");
    else
        fdi_error_set(err, FDI_ESCHEMA, bp->b->file, 0, 0,
                      "--sheet %s: the workbook has no such sheet; its sheets are %s "
                      "(or give their number, 1 to %zu)",
                      want, list, bp->nsheets);
    return SIZE_MAX;
}

/* The workbook's sheets, the chosen one's part, the styles' and shared
 * strings' parts (into bp). */
static fdi_status find_sheet(book_parse *bp, const char *want, fdi_error *err)
{
    fdi_status st = parse_part(bp, "xl/workbook.xml", on_workbook, NULL, NULL, 1, err);
    if (st != FDI_OK)
        return st;
    size_t i = choose_sheet(bp, want, err);
    if (i == SIZE_MAX)
        return err ? err->status : FDI_ESCHEMA;
    snprintf(bp->b->sheet, sizeof bp->b->sheet, "%s", bp->sheets[i].name);
    bp->want_rid = bp->sheets[i].rid;
    snprintf(bp->styles, sizeof bp->styles, "xl/styles.xml");
    snprintf(bp->strings, sizeof bp->strings, "xl/sharedStrings.xml");
    st = parse_part(bp, "xl/_rels/workbook.xml.rels", on_rels, NULL, NULL, 1, err);
    if (st == FDI_OK && !bp->b->sheet_entry[0])
        st = fdi_error_set(err, FDI_EPARSE, bp->b->file, 0, 0,
                           "the workbook is damaged: sheet \"%s\" has no part",
                           bp->b->sheet);
    return st;
}

/* ---- xl/styles.xml: which cell formats (cellXfs) show dates */

typedef struct {
    book_parse bp;
    int in_xfs;
} styles_parse;

static void on_styles(void *ud, const char *el, const char **atts)
{
    styles_parse *sp = ud;
    fdi__xlsx_book *b = sp->bp.b;
    const char *n = fdi__xml_local(el), *id = fdi__xml_attr(atts, "numFmtId");
    unsigned fmt = id ? (unsigned)strtoul(id, NULL, 10) : 0;
    if (strcmp(n, "numFmt") == 0) {
        const char *code = fdi__xml_attr(atts, "formatCode");
        if (!id || !code || !fdi__xlsx_date_code(code))
            return;
        if (fdi__xlsx_grow((void **)&b->date_fmts, &b->date_fmt_cap, b->ndate_fmts + 1,
                           sizeof *b->date_fmts) != 0) {
            stop(&sp->bp, FDI_ENOMEM);
            return;
        }
        b->date_fmts[b->ndate_fmts++] = fmt;
    } else if (strcmp(n, "cellXfs") == 0) {
        sp->in_xfs = 1;
    } else if (strcmp(n, "xf") == 0 && sp->in_xfs) {
        int date = fdi__xlsx_date_builtin(fmt);
        for (size_t i = 0; i < b->ndate_fmts && !date; i++)
            date = b->date_fmts[i] == fmt;
        if (fdi__xlsx_grow((void **)&b->xf_date, &b->xf_cap, b->nxf + 1, 1) != 0) {
            stop(&sp->bp, FDI_ENOMEM);
            return;
        }
        b->xf_date[b->nxf++] = (unsigned char)date;
    }
}

static void off_styles(void *ud, const char *el)
{
    styles_parse *sp = ud;
    if (strcmp(fdi__xml_local(el), "cellXfs") == 0)
        sp->in_xfs = 0;
}

/* ---- xl/sharedStrings.xml: <si> each a string, its <t> texts (rich
 * text runs <r><t> concatenated; phonetic runs <rPh> left out) */

typedef struct {
    book_parse bp;
    int in_t, in_rph;
} strings_parse;

static void on_string(void *ud, const char *el, const char **atts)
{
    strings_parse *sp = ud;
    const char *n = fdi__xml_local(el);
    (void)atts;
    if (strcmp(n, "rPh") == 0)
        sp->in_rph++;
    else if (strcmp(n, "t") == 0 && !sp->in_rph)
        sp->in_t = 1;
}

static void off_string(void *ud, const char *el)
{
    strings_parse *sp = ud;
    fdi__xlsx_book *b = sp->bp.b;
    const char *n = fdi__xml_local(el);
    if (strcmp(n, "rPh") == 0 && sp->in_rph)
        sp->in_rph--;
    else if (strcmp(n, "t") == 0)
        sp->in_t = 0;
    else if (strcmp(n, "si") == 0) {
        if (fdi__xlsx_grow((void **)&b->sst_off, &b->sst_off_cap, b->nsst + 2,
                           sizeof *b->sst_off) != 0) {
            stop(&sp->bp, FDI_ENOMEM);
            return;
        }
        b->sst_off[++b->nsst] = b->sst_used;
    }
}

static void string_text(void *ud, const char *s, int len)
{
    strings_parse *sp = ud;
    fdi__xlsx_book *b = sp->bp.b;
    if (!sp->in_t || len <= 0)
        return;
    if (fdi__xlsx_grow((void **)&b->sst, &b->sst_cap, b->sst_used + (size_t)len, 1) != 0) {
        stop(&sp->bp, FDI_ENOMEM);
        return;
    }
    memcpy(b->sst + b->sst_used, s, (size_t)len);
    b->sst_used += (size_t)len;
}

/* The zip opened over data, or FDI_EPARSE saying why it cannot be. */
static fdi_status open_zip(fdi__xlsx_book *b, const char *data, size_t len, fdi_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src && !(b->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
        zip_source_free(src);
    fdi_status st = FDI_OK;
    if (!b->zip)
        st = fdi_error_set(err, FDI_EPARSE, b->file, 0, 0,
                           "the workbook is damaged: not a readable zip file (%s)",
                           zip_error_strerror(&ze));
    else if (zip_name_locate(b->zip, "xl/workbook.xml", 0) < 0)
        st = fdi_error_set(err, FDI_EPARSE, b->file, 0, 0,
                           "a zip file but not an Excel workbook (no xl/workbook.xml): "
                           "fdi reads .xlsx workbooks and CSV text");
    zip_error_fini(&ze);
    return st;
}

fdi_status fdi__xlsx_open(fdi__xlsx_book *b, const char *data, size_t len, const char *file,
                          const char *sheet, fdi_error *err)
{
    styles_parse sty;
    strings_parse str;
    memset(b, 0, sizeof *b);
    memset(&sty, 0, sizeof sty);
    memset(&str, 0, sizeof str);
    b->file = file;
    sty.bp.b = b;
    fdi_status st = open_zip(b, data, len, err);
    if (st == FDI_OK)
        st = find_sheet(&sty.bp, sheet, err);
    free(sty.bp.sheets);
    if (st == FDI_OK)
        st = parse_part(&sty.bp, sty.bp.styles, on_styles, off_styles, NULL, 0, err);
    str.bp = sty.bp;
    str.bp.sheets = NULL;
    if (st == FDI_OK && !(b->sst_off = calloc(1, sizeof *b->sst_off)))
        st = fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    b->sst_off_cap = b->sst_off ? 1 : 0;
    if (st == FDI_OK)
        st = parse_part(&str.bp, sty.bp.strings, on_string, off_string, string_text, 0, err);
    if (st != FDI_OK)
        fdi__xlsx_close(b);
    return st;
}

void fdi__xlsx_close(fdi__xlsx_book *b)
{
    if (b->zip)
        zip_discard(b->zip);
    b->zip = NULL;
    free(b->xf_date);
    free(b->date_fmts);
    free(b->sst);
    free(b->sst_off);
    b->xf_date = NULL;
    b->date_fmts = NULL;
    b->sst = NULL;
    b->sst_off = NULL;
}
