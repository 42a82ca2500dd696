/* zip_csv.c - a zip that holds a CSV file rather than a workbook: the
 * World Bank's bulk download (API_<indicator>_DS2_en_csv_v2.zip holds the
 * data file and two Metadata_*.csv files) read as it is downloaded. */
#define _POSIX_C_SOURCE 200809L
#include "ingest/ingest_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* Whether name is a data CSV entry: ends in .csv, not in a folder's
 * metadata, not the World Bank's Metadata_ files. */
static int data_csv(const char *name)
{
    size_t n = strlen(name);
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0 && strncmp(base, "Metadata_", 9) != 0 &&
           strncmp(name, "__MACOSX/", 9) != 0;
}

/* The entry to read: the one data CSV, or an error naming them. */
static fdi_status pick(zip_t *z, const char *path, zip_int64_t *which, fdi_error *err)
{
    zip_int64_t n = zip_get_num_entries(z, 0), found = -1, count = 0;
    char names[400] = "";
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!name || !data_csv(name))
            continue;
        if (count++ < 4) {
            size_t at = strlen(names);
            snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "", name);
        }
        found = i;
    }
    if (count == 1) {
        *which = found;
        return FDI_OK;
    }
    if (!count)
        return fdi_error_set(err, FDI_EPARSE, path, 0, 0,
                             "a zip, but not an Excel workbook (no xl/workbook.xml) and no "
                             "CSV file in it");
    return fdi_error_set(err, FDI_EPARSE, path, 0, 0,
                         "the zip holds %lld CSV files (%s%s): unzip it and give the one "
                         "to read", (long long)count, names, count > 4 ? ", ..." : "");
}

int fdi__zip_csv(const char *data, size_t len, const char *path, char **text, size_t *n,
                 char *entry, size_t entry_size, fdi_error *err, fdi_status *st)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    *st = FDI_OK;
    if (!z) { /* not a zip libzip reads: the workbook reader says why */
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return 0;
    }
    zip_error_fini(&ze);
    if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) {
        zip_close(z);
        return 0; /* a workbook */
    }
    zip_int64_t which = -1;
    zip_stat_t zs;
    if ((*st = pick(z, path, &which, err)) == FDI_OK &&
        zip_stat_index(z, (zip_uint64_t)which, 0, &zs) == 0) {
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)which, 0);
        char *buf = f ? malloc(zs.size ? zs.size : 1) : NULL;
        zip_int64_t got = buf ? zip_fread(f, buf, zs.size) : -1;
        if (got < 0 || (zip_uint64_t)got != zs.size) {
            free(buf);
            *st = fdi_error_set(err, FDI_EPARSE, path, 0, 0, "cannot read %s in the zip: %s",
                                zs.name, f ? zip_file_strerror(f) : zip_strerror(z));
        } else {
            *text = buf;
            *n = (size_t)got;
            snprintf(entry, entry_size, "%s/%s", path, zs.name);
        }
        if (f)
            zip_fclose(f);
    }
    zip_close(z);
    return 1;
}
