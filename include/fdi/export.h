/* fdi/export.h - what libfdi exports.
 *
 * The library is compiled with -fvisibility=hidden: only the functions
 * marked FDI_API, the documented API of these headers, are in the shared
 * library's dynamic symbol table.  Functions shared between the library's
 * own files are named fdi__ and stay hidden.
 */
#ifndef FDI_EXPORT_H
#define FDI_EXPORT_H

#if defined(__GNUC__)
#define FDI_API __attribute__((visibility("default")))
#else
#define FDI_API
#endif

#endif
