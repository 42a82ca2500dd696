/* replay.c - a driver for the fuzz targets where libFuzzer is not
 * available (GCC builds): each file named on the command line is fed to the
 * target as is, then ROUNDS deterministic mutations of it (bytes flipped,
 * inserted, deleted, lines duplicated, quotes and separators injected).
 * Under the sanitizer build this is the fuzzing CI can always afford; the
 * real thing is `cmake -DFDI_FUZZ=ON -DCMAKE_C_COMPILER=clang`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
    /* xorshift64*: deterministic, so a failure replays */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717u;
}

static size_t mutate(uint8_t *buf, size_t n, size_t cap)
{
    static const char inject[] = "\",;\n\r()-.0123456789 \t\xEF\xBB\xBFQM/e";
    int edits = 1 + (int)(next() % 8);
    for (int e = 0; e < edits; e++) {
        size_t at = n ? (size_t)(next() % n) : 0;
        switch (next() % 5) {
        case 0: /* replace */
            if (n)
                buf[at] = (uint8_t)inject[next() % (sizeof inject - 1)];
            break;
        case 1: /* insert */
            if (n < cap) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = (uint8_t)inject[next() % (sizeof inject - 1)];
                n++;
            }
            break;
        case 2: /* delete */
            if (n) {
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            }
            break;
        case 3: /* random byte */
            if (n)
                buf[at] = (uint8_t)next();
            break;
        default: { /* duplicate a chunk */
            size_t len = n ? (size_t)(next() % 64) : 0;
            if (at + len > n)
                len = n - at;
            if (n + len <= cap) {
                memmove(buf + at + len, buf + at, n - at);
                n += len;
            }
            break;
        }
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    long rounds = getenv("FDI_FUZZ_ROUNDS") ? atol(getenv("FDI_FUZZ_ROUNDS")) : 300;
    long runs = 0;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        uint8_t *orig, *buf;
        size_t n, cap;
        if (!fp) {
            perror(argv[i]);
            return 1;
        }
        orig = malloc(1 << 20);
        buf = malloc(1 << 20);
        if (!orig || !buf)
            return 1;
        n = fread(orig, 1, (1 << 20) - 4096, fp);
        fclose(fp);
        cap = (1 << 20);
        LLVMFuzzerTestOneInput(orig, n);
        runs++;
        for (long r = 0; r < rounds; r++) {
            size_t m = n > 8192 ? 8192 : n; /* mutate a prefix: fast, same paths */
            memcpy(buf, orig, m);
            m = mutate(buf, m, cap);
            /* a fresh copy of exactly m bytes, so ASan sees overreads */
            uint8_t *exact = malloc(m ? m : 1);
            if (!exact)
                return 1;
            memcpy(exact, buf, m);
            LLVMFuzzerTestOneInput(exact, m);
            free(exact);
            runs++;
        }
        free(orig);
        free(buf);
    }
    printf("replay: %ld inputs, no crash\n", runs);
    return 0;
}
