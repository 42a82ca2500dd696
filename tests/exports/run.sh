#!/usr/bin/env bash
# The shared library exports the documented API and nothing else: every
# symbol it defines in its dynamic table starts with fdi_ (never fdi__, the
# prefix of what the library's files share among themselves), and every
# function marked FDI_API in include/fdi/ is among them.
# usage: run.sh LIBFDI_SO SOURCE_DIR
set -eu
so=$1
src=$2
syms=$(nm -D --defined-only "$so" | awk 'NF >= 3 { print $3 }' | sort -u)
[ -n "$syms" ] || { echo "no exported symbols in $so" >&2; exit 1; }
bad=$(printf '%s\n' "$syms" | grep -v '^fdi_' || true)
inner=$(printf '%s\n' "$syms" | grep '^fdi__' || true)
api=$(sed -n 's/^FDI_API .*[^a-z0-9_]\(fdi_[a-z0-9_]*\)(.*/\1/p' "$src"/include/fdi/*.h | sort -u)
missing=$(comm -23 <(printf '%s\n' "$api") <(printf '%s\n' "$syms"))
# a public function without FDI_API would be hidden from libfdi.so
unmarked=$(grep -n '^[a-z][a-z0-9_ ]*[ *]fdi_[a-z0-9_]*(' "$src"/include/fdi/*.h |
           grep -v ':\(static\|typedef\|FDI_API\)' || true)
status=0
if [ -n "$unmarked" ]; then
    echo "public functions without FDI_API (hidden from the shared library):" >&2
    printf '%s\n' "$unmarked" >&2
    status=1
fi
if [ -n "$bad" ]; then
    echo "exported without the fdi_ prefix:" >&2
    printf '  %s\n' $bad >&2
    status=1
fi
if [ -n "$inner" ]; then
    echo "internal fdi__ symbols exported:" >&2
    printf '  %s\n' $inner >&2
    status=1
fi
if [ -n "$missing" ]; then
    echo "declared FDI_API but not exported:" >&2
    printf '  %s\n' $missing >&2
    status=1
fi
[ "$status" = 0 ] && echo "$(printf '%s\n' "$syms" | wc -l) symbols exported, all fdi_"
exit $status
