/* data_path.c - the datasets installed with fdi, found from any directory,
 * so that the README's examples (datasets/haiphong/...) run after
 * `cmake --install` wherever the analyst is. */
#define _GNU_SOURCE
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_data_path(const char *path, char *buf, size_t size)
{
    char exe[PATH_MAX], guess[PATH_MAX + 64];
    /* a path that names a file here (or standard input, or an absolute
     * one) is the analyst's own: always that */
    if (!path || !*path || path[0] == '/' || strcmp(path, "-") == 0 ||
        access(path, F_OK) == 0 || size < PATH_MAX)
        return path;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return path;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return path;
    *slash = '\0'; /* <prefix>/bin: the datasets are in <prefix>/share/fdi */
    if (snprintf(guess, sizeof guess, "%s/../share/fdi/%s", exe, path) >= (int)sizeof guess ||
        !realpath(guess, buf))
        return path;
    return buf;
}
