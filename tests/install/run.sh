#!/usr/bin/env bash
# Install fdi into a temporary prefix with `cmake --install`, then build a
# small program against it with pkg-config alone, twice: linked to the
# shared libfdi.so (`pkg-config --libs fdi`) and to the static libfdi.a
# (`pkg-config --libs --static fdi`), and run both on the Hai Phong file;
# the man pages must be in place too.
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
grep -q '^FDI_TSAN:BOOL=ON' "$build/CMakeCache.txt" && san="-fsanitize=thread"
lib=$(dirname "$libdir")
# the shared library with its soname links, as installed
[ -L "$lib/libfdi.so" ] && [ -L "$lib/libfdi.so.0" ] && [ -f "$lib/libfdi.a" ] ||
    { echo "missing libfdi.so, libfdi.so.0 or libfdi.a in $lib" >&2; exit 1; }
soname=$(readelf -d "$lib/libfdi.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$soname" = "libfdi.so.0" ] || { echo "soname '$soname', not libfdi.so.0" >&2; exit 1; }
# shared: the installed headers and -lfdi alone
cc -std=c11 $san $(pkg-config --cflags fdi) "$src/tests/install/example.c" -o "$prefix/example_shared" \
    $(pkg-config --libs fdi)
readelf -d "$prefix/example_shared" | grep -q 'NEEDED.*\[libfdi\.so\.0\]' ||
    { echo "example_shared does not load libfdi.so.0" >&2; exit 1; }
# static: libfdi.a and its dependencies (-lfdi would find the .so first)
cc -std=c11 $san $(pkg-config --cflags fdi) "$src/tests/install/example.c" -o "$prefix/example_static" \
    $(pkg-config --libs --static fdi | sed 's/-lfdi /-Wl,-Bstatic -lfdi -Wl,-Bdynamic /')
readelf -d "$prefix/example_static" | grep -q 'NEEDED.*libfdi' &&
    { echo "example_static loads libfdi.so" >&2; exit 1; }
for how in shared static; do
    out=$(LD_LIBRARY_PATH=$lib "$prefix/example_$how" "$src/datasets/haiphong/haiphong_fdi.csv")
    echo "$how: $out"
    [ "$out" = "ytd 2729.86 multiple 6.2042" ] || { echo "unexpected ($how): $out" >&2; exit 1; }
done
# the Python module, installed beside the library, loads the installed
# libfdi.so.0 (not the build tree's) and answers (not in a sanitizer
# build: python itself is not instrumented)
if [ -z "$san" ] && [ -x /usr/bin/python3 ]; then
    out=$(cd / && PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 -c '
import sys, fdi, fdi._lib as L
p = fdi.load(sys.argv[1], value="value_usd_m", filter=["area=Hai Phong Economic Zone", "flow=new|adjusted"], by="area")
print(L.lib._name.startswith(sys.argv[2]), p.ytd("2016-09")[0]["ytd"])' \
        "$src/datasets/haiphong/haiphong_fdi.csv" "$prefix")
    echo "python: $out"
    [ "$out" = "True 2729.86" ] || { echo "installed python module: $out" >&2; exit 1; }
fi
for page in fdi fdi-info fdi-ytd fdi-yoy fdi-plan fdi-forecast fdi-backtest fdi-whatif fdi-report; do
    [ -s "$prefix/share/man/man1/$page.1" ] || { echo "missing man page $page" >&2; exit 1; }
done
[ -x "$prefix/bin/fdi" ] || { echo "missing bin/fdi" >&2; exit 1; }
# man finds the pages by name from the prefix
if command -v man >/dev/null; then
    MANPATH="$prefix/share/man" man -w fdi-forecast >/dev/null ||
        { echo "man fdi-forecast: not found in $prefix/share/man" >&2; exit 1; }
fi
[ -s "$prefix/share/bash-completion/completions/fdi" ] || { echo "missing bash completion" >&2; exit 1; }
[ -s "$prefix/share/doc/fdi/DESIGN.md" ] || { echo "missing share/doc/fdi/DESIGN.md" >&2; exit 1; }
# The README's examples, as written there (build/fdi -> the installed fdi),
# from a directory with no datasets/ in it: they find the installed ones
# and print the figures the README gives for them.
elsewhere=$(mktemp -d)
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
awk '/^Examples on the bundled data:/ { on = 1; next } on && /^```sh/ { inblock = 1; next }
     inblock && /^```/ { exit } inblock { print }' "$src/README.md" |
    sed "s|build/fdi|\"$prefix/bin/fdi\"|" >"$elsewhere/examples.sh"
grep -q "fdi\" ytd datasets/" "$elsewhere/examples.sh" ||
    { echo "no examples found in README.md" >&2; exit 1; }
out=$(cd "$elsewhere" && bash -e "$elsewhere/examples.sh" 2>&1) ||
    { echo "README examples failed from another directory: $out" >&2; exit 1; }
for want in "24,372.63" "1.28x" "19,731.08" "periods missing"; do
    case $out in *"$want"*) ;; *) echo "README examples: no $want in: $out" >&2; exit 1 ;; esac
done
echo "README examples ran from $elsewhere on the installed datasets"
[ -f "$prefix/include/fdi/fdi.h" ] || { echo "missing headers" >&2; exit 1; }
echo "installed and linked"
