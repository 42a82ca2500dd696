/* csvcount.c - T2's reference (issue 5): raw libcsv on one core, counting
 * fields and records and doing nothing else, the way any libcsv reader
 * starts (1 MB reads, the library's field buffer, no copies of our own).
 * It is the floor of a libcsv-only ingest; fdi's ingest does more (parses
 * numbers and periods, interns keys, builds a frame) on two threads, and
 * splits quote-free text in place instead of feeding libcsv.
 *
 *   build/bench_csvcount FILE      prints "records,fields"
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    size_t fields, records;
} counts;

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((counts *)data)->records++;
}

int main(int argc, char **argv)
{
    struct csv_parser p;
    counts n = {0, 0};
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    char *buf = malloc(1 << 20);
    size_t got;
    if (!f || !buf || csv_init(&p, 0) != 0) {
        fprintf(stderr, "usage: bench_csvcount FILE\n");
        return 1;
    }
    while ((got = fread(buf, 1, 1 << 20, f)) > 0)
        if (csv_parse(&p, buf, got, on_field, on_record, &n) != got) {
            fprintf(stderr, "bench_csvcount: %s\n", csv_strerror(csv_error(&p)));
            return 2;
        }
    csv_fini(&p, on_field, on_record, &n);
    printf("%zu,%zu\n", n.records, n.fields);
    csv_free(&p);
    free(buf);
    fclose(f);
    return 0;
}
