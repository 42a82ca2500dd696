#!/usr/bin/env bash
# Install fdi into a temporary prefix with `cmake --install`, then build a
# small program against it with pkg-config alone and run it on the Hai Phong
# file; the man pages must be in place too.
# usage: run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -1)
export PKG_CONFIG_PATH=$libdir
# the .pc was written for the build's prefix: point it at this one
sed -i "s|^prefix=.*|prefix=$prefix|" "$libdir/fdi.pc"
# a sanitizer build's library needs the sanitizer runtime in the program too
san=""
grep -q '^FDI_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" && san="-fsanitize=address,undefined"
cc -std=c11 $san $(pkg-config --cflags fdi) "$src/tests/install/example.c" -o "$prefix/example" \
    $(pkg-config --libs --static fdi)
out=$("$prefix/example" "$src/datasets/haiphong/haiphong_fdi.csv")
echo "$out"
[ "$out" = "ytd 2729.86 multiple 6.2042" ] || { echo "unexpected: $out" >&2; exit 1; }
for page in fdi fdi-forecast fdi-whatif fdi-report; do
    [ -s "$prefix/share/man/man1/$page.1" ] || { echo "missing man page $page" >&2; exit 1; }
done
[ -x "$prefix/bin/fdi" ] || { echo "missing bin/fdi" >&2; exit 1; }
[ -f "$prefix/include/fdi/fdi.h" ] || { echo "missing headers" >&2; exit 1; }
echo "installed and linked"
