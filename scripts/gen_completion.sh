#!/usr/bin/env bash
# Write completion/fdi, bash completion for the fdi command, from the same
# option tables as --help and the man pages: the commands from `fdi --help`,
# each command's options from `fdi COMMAND --help`.  An option whose value
# is a choice (on|off, first|last|sum, ...) completes to its choices; one
# whose value is a file (FILE, PLAN.csv, OUT.svg|OUT.png, ...) to file
# names; the input FILE of a command to file names.
# usage: scripts/gen_completion.sh FDI_BINARY [OUT_FILE]
# tests/cli/completion.sh fails when the committed file differs from this.
set -eu
FDI=$1
OUT=${2:-$(dirname "$0")/../completion/fdi}
commands=$("$FDI" --help | awk '/^  [a-z]+ +[a-z(]/ { print $1 }')
[ -n "$commands" ] || { echo "gen_completion.sh: no commands in $FDI --help" >&2; exit 1; }
{
    echo "# bash completion for fdi: written by scripts/gen_completion.sh from the"
    echo "# option tables (fdi COMMAND --help); do not edit."
    echo
    echo "_fdi_options() {"
    echo "    case \$1 in"
    for c in $commands; do
        opts=$("$FDI" "$c" --help | sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p' | sort -u | tr '\n' ' ')
        echo "    $c) echo \"${opts% }\" ;;"
    done
    echo "    esac"
    echo "}"
    echo
    echo "# the values of option \$2 of command \$1: a word list, or \"@file\""
    echo "_fdi_values() {"
    echo "    case \$1:\$2 in"
    for c in $commands; do
        "$FDI" "$c" --help | sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z][a-z0-9-]*\) \([^ ]\{1,\}\).*/\2 \3/p' |
            while read -r opt arg; do
                case $arg in
                *FILE* | *.csv* | *.svg* | *.png* | *.xlsx*) echo "    $c:$opt) echo @file ;;" ;;
                *'|'*)
                    case $arg in *[A-Z]*) ;; *) echo "    $c:$opt) echo \"${arg//|/ }\" ;;" ;; esac ;;
                esac
            done
    done
    echo "    esac"
    echo "}"
    echo
    cat <<'FN'
_fdi() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="COMMANDS"
    if [ "$COMP_CWORD" -eq 1 ]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
        return
    fi
    local cmd=${COMP_WORDS[1]} vals
    vals=$(_fdi_values "$cmd" "$prev")
    if [ "$vals" = @file ]; then
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
    elif [ -n "$vals" ]; then
        mapfile -t COMPREPLY < <(compgen -W "$vals" -- "$cur")
        return
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_fdi_options "$cmd")" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -o filenames -F _fdi fdi
FN
} | sed "s/COMMANDS/$(echo $commands)/" >"$OUT"
