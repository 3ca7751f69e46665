#!/usr/bin/env bash
# Makes ../omegat-*.tmx with the real OmegaT 3.6 (Debian's package), in console mode, the
# way shared/tools/omegat_check.sh (beside the project) runs it: a ko→en project with onsong.html
# (HTML with <b>, <i>, <a> and <br>, which OmegaT turns into its tags <b0>, <i0>, <a0>, <br0>).
#   1. as kim.minji on 2026-03-02: every sentence translated (first.tsv);
#   2. as lee.sora on 2026-03-09: one sentence revised, a note added to another, an
#      alternative translation for the second "소식통은 이렇게 전했다." (second.tsv);
#   3. console-translate: OmegaT compiles the project and writes its three TMX exports.
# faketime fixes the dates OmegaT records; OmegaT's own code writes every byte of the TMX.
# Needs: java, OmegaT 3.6 ($OMEGAT_JAR or /usr/share/omegat/OmegaT.jar), faketime.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}
T=$(mktemp -d "${TMPDIR:-/tmp}/sajeon-omegat.XXXXXX")
trap 'rm -rf "$T"' EXIT
P=$T/onsong
mkdir -p "$P"/{source,target,tm,glossary,dictionary,omegat} "$T/home" "$T/tmp"
cp "$HERE/onsong.html" "$P/source/"
cat >"$P/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ko</source_lang>
        <target_lang>en</target_lang>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
omegat() {  # omegat TIME USER [TRANSLATIONS]
  local script=()
  [ -n "${3:-}" ] && script=(--script="$HERE/translate.groovy")
  ( cd "$T" && env TZ=UTC HOME="$T/home" LC_ALL=C.UTF-8 faketime "$1" timeout 120 \
      java -XX:-UsePerfData -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
      -Duser.home="$T/home" -Djava.io.tmpdir="$T/tmp" -Duser.name="$2" \
      -Dsajeon.translations="${3:-}" -jar "$JAR" --mode=console-translate \
      --config-dir="$T/config" --disable-project-locking --disable-location-save \
      --no-team --quiet "${script[@]}" "$P" ) >"$T/omegat.log" 2>&1 \
    || { tail -n 20 "$T/omegat.log"; exit 1; }
  if grep -q "Error:" "$T/omegat.log"; then grep "Error:" "$T/omegat.log" | head; exit 1; fi
}
omegat "2026-03-02 09:15:00" kim.minji "$HERE/first.tsv"
omegat "2026-03-09 14:40:00" lee.sora "$HERE/second.tsv"
omegat "2026-03-10 08:00:00" nobody
cp "$P/omegat/project_save.tmx" "$HERE/../omegat-project_save.tmx"
for kind in level1 level2 omegat; do cp "$P/onsong-$kind.tmx" "$HERE/../omegat-$kind.tmx"; done
grep -h "OmegaT-\|Finished" "$T/omegat.log" | head -n 2
