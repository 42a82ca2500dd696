/* data_path.c - the datasets installed with fdi, found from any directory,
 * so that the README's examples (datasets/haiphong/...) run after
 * `cmake --install` wherever the analyst is. */
#define _GNU_SOURCE
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The path under the installed datasets into buf (PATH_MAX bytes), or
 * NULL when there is no such file. */
static const char *installed(const char *path, char *buf)
{
    char exe[PATH_MAX], guess[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0'; /* <prefix>/bin: the datasets are in <prefix>/share/fdi */
    if (snprintf(guess, sizeof guess, "%s/../share/fdi/%s", exe, path) >= (int)sizeof guess ||
        !realpath(guess, buf))
        return NULL;
    return buf;
}

const char *cli_data_path(cli_options *o, const char *path)
{
    char buf[PATH_MAX];
    /* a path that names a file here (or standard input, or an absolute
     * one) is the analyst's own: always that */
    if (!path || !*path || path[0] == '/' || strcmp(path, "-") == 0 ||
        access(path, F_OK) == 0 || !installed(path, buf) ||
        o->nowned == sizeof o->owned / sizeof *o->owned)
        return path;
    char *copy = strdup(buf);
    if (!copy)
        return path;
    o->owned[o->nowned++] = copy;
    return copy;
}
