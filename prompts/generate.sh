#!/usr/bin/env bash
# Regenerates the French audio prompts of Accueil from their text.
#
# Reads prompts/fr/texts.tsv (one prompt a line: NAME<TAB>French text; blank lines and lines
# starting with '#' are ignored) and writes prompts/fr/NAME.wav for each line. A NAME may contain
# '/', which makes sub-directories (parole/nombre/21 -> prompts/fr/parole/nombre/21.wav).
#
# Each prompt is synthesised by Debian's espeak-ng (French voice) and shaped by sox into what the
# telephony layer streams: 8 kHz, mono, signed 16-bit PCM WAV, leading and trailing silence
# trimmed, peak-normalised to -3 dBFS, then 150 ms of silence appended so that fragments joined
# one after the other ("demain" "à" "8" "heures") keep a short natural gap.
#
# Usage:
#   prompts/generate.sh                 regenerate every prompt listed in texts.tsv
#   prompts/generate.sh NAME...         regenerate only these prompts (e.g. systeme/au-revoir)
#   prompts/generate.sh --check         verify that every listed prompt exists as an 8 kHz mono
#                                       16-bit PCM WAV that is not empty; exit 1 otherwise
#   prompts/generate.sh --help
#
# Generation is deterministic (no dither), so regenerating unchanged texts leaves the WAVs
# unchanged in git. An administration never edits these files: it drops its own recording under
# the same NAME in its override directory (see prompts/README.md).
#
# Needs: espeak-ng and sox (--check needs only sox's soxi). On Debian: apt-get install espeak-ng sox
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
texts="$here/fr/texts.tsv"
out="$here/fr"

# Voice tuning, chosen by ear for intelligibility over G.711: a little slower than espeak's
# default 175 words per minute, and a slightly lower pitch, which sounds less shrill at 8 kHz.
voice="fr"
speed=155
pitch=45
word_gap=1          # in units of 10 ms at the default speed: separates words a little
target_peak_db=-3
tail_silence_s=0.15

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

die() {
    echo "generate.sh: $*" >&2
    exit 1
}

need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 \
            || die "'$tool' is missing; install it with: apt-get install espeak-ng sox"
    done
}

# Same rule as fr.accueil.core.directory.PromptRef, so that every listed name is usable.
valid_name() {
    [[ "$1" =~ ^[a-z0-9][a-z0-9_/-]{0,127}$ && "$1" != *..* ]]
}

# Fills the arrays names[] and phrases[] from texts.tsv, refusing malformed or duplicate lines.
declare -a names=() phrases=()
declare -A seen=()
read_texts() {
    [[ -f "$texts" ]] || die "no prompt list at $texts"
    local line name text lineno=0
    while IFS= read -r line || [[ -n "$line" ]]; do
        lineno=$((lineno + 1))
        line="${line%$'\r'}"
        [[ -z "${line//[[:space:]]/}" || "$line" == \#* ]] && continue
        [[ "$line" == *$'\t'* ]] || die "$texts:$lineno: expected NAME<TAB>TEXT"
        name="${line%%$'\t'*}"
        text="${line#*$'\t'}"
        valid_name "$name" || die "$texts:$lineno: invalid prompt name '$name' (lower-case letters, digits, '_', '-', '/')"
        [[ -n "${text//[[:space:]]/}" ]] || die "$texts:$lineno: empty text for '$name'"
        [[ -z "${seen[$name]:-}" ]] || die "$texts:$lineno: '$name' already listed on line ${seen[$name]}"
        seen[$name]=$lineno
        names+=("$name")
        phrases+=("$text")
    done <"$texts"
    ((${#names[@]} > 0)) || die "$texts lists no prompt"
}

generate_one() {
    local name="$1" text="$2"
    local target="$out/$name.wav"
    local raw tmp
    raw="$(mktemp --suffix=.wav)"
    tmp="$(mktemp --suffix=.wav)"
    # The text goes through stdin so that a text starting with '-' is never read as an option.
    printf '%s' "$text" | espeak-ng -v "$voice" -s "$speed" -p "$pitch" -g "$word_gap" --stdin -w "$raw"
    # silence/reverse/silence/reverse trims both ends; rate resamples with anti-aliasing;
    # -D disables dither so the output is reproducible.
    sox -D "$raw" -r 8000 -c 1 -b 16 -e signed-integer "$tmp" \
        silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse \
        rate -h 8000 norm "$target_peak_db" pad 0 "$tail_silence_s"
    mkdir -p "$(dirname "$target")"
    mv "$tmp" "$target"
    rm -f "$raw"
}

generate() {
    need espeak-ng sox
    local i wanted name count=0
    if (($# == 0)); then
        for i in "${!names[@]}"; do
            generate_one "${names[$i]}" "${phrases[$i]}"
            count=$((count + 1))
        done
    else
        for wanted in "$@"; do
            name="${wanted%.wav}"
            [[ -n "${seen[$name]:-}" ]] || die "'$name' is not listed in $texts"
            for i in "${!names[@]}"; do
                if [[ "${names[$i]}" == "$name" ]]; then
                    generate_one "$name" "${phrases[$i]}"
                    count=$((count + 1))
                fi
            done
        done
    fi
    echo "generate.sh: wrote $count prompt(s) under $out"
}

check() {
    command -v soxi >/dev/null 2>&1 || die "'soxi' is missing; install it with: apt-get install espeak-ng sox"
    local name file problems=0 rate channels bits encoding samples
    for name in "${names[@]}"; do
        file="$out/$name.wav"
        if [[ ! -f "$file" ]]; then
            echo "missing: $file" >&2
            problems=$((problems + 1))
            continue
        fi
        if ! rate="$(soxi -r "$file" 2>/dev/null)" || [[ "$(soxi -t "$file")" != "wav" ]]; then
            echo "not a WAV file: $file" >&2
            problems=$((problems + 1))
            continue
        fi
        channels="$(soxi -c "$file")"
        bits="$(soxi -b "$file")"
        encoding="$(soxi -e "$file")"
        samples="$(soxi -s "$file")"
        if [[ "$rate" != 8000 || "$channels" != 1 || "$bits" != 16 || "$encoding" != "Signed Integer PCM" ]]; then
            echo "wrong format: $file is $rate Hz, $channels channel(s), $bits-bit $encoding (want 8000 Hz, 1 channel, 16-bit Signed Integer PCM)" >&2
            problems=$((problems + 1))
        elif ((samples < 800)); then
            echo "too short (under 100 ms): $file" >&2
            problems=$((problems + 1))
        fi
    done
    if ((problems > 0)); then
        echo "generate.sh --check: $problems problem(s) in ${#names[@]} prompt(s)" >&2
        exit 1
    fi
    echo "generate.sh --check: ${#names[@]} prompt(s) OK"
}

case "${1:-}" in
    -h | --help)
        usage
        ;;
    --check)
        (($# == 1)) || die "--check takes no argument"
        read_texts
        check
        ;;
    -*)
        die "unknown option '$1' (see --help)"
        ;;
    *)
        read_texts
        generate "$@"
        ;;
esac
