#!/usr/bin/env bash
# Remake the tool-made files of tests/data/interop/langs/ (see README.md there):
#   omegat-3.6-project_save.tmx, omegat-3.6-level2.tmx   OmegaT 3.6 (Debian), console mode
#   msginit-en_US.po                                      xgettext + msginit (gettext), filled
#   po2tmx-ko-en.tmx                                      translate-toolkit's po2tmx
# Usage: make.sh [PYTHON_WITH_TRANSLATE_TOOLKIT_BIN_DIR]   (default: the project's .venv/bin)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(dirname "$HERE")
BIN=${1:-$HERE/../../../../../.venv/bin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# OmegaT: a ko-KR → en-US project whose tm/auto fills two paragraphs; the Groovy script
# (run by OmegaT itself) translates the third as user KIM and saves project_save.tmx.
cp -r "$HERE/omegat-project" "$T/onsong"
mkdir -p "$T/onsong/omegat" "$T/onsong/target" "$T/onsong/glossary" "$T/home" "$T/tmp"
JAR=$(grep -o '[^ "]*OmegaT\.jar' "$(command -v omegat)" | head -n 1)
( cd "$T" && env HOME="$T/home" LC_ALL=C.UTF-8 timeout -k 5 120 java -XX:-UsePerfData -Xmx1g \
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Duser.name=KIM -Duser.home="$T/home" \
    -Djava.io.tmpdir="$T/tmp" -Djava.util.prefs.userRoot="$T/home/prefs" \
    -jar "${JAR:-/usr/share/omegat/OmegaT.jar}" --mode=console-translate \
    --config-dir="$T/config" --disable-project-locking --disable-location-save --no-team \
    --quiet --script="$HERE/omegat-translate.groovy" "$T/onsong" >"$T/omegat.log" 2>&1 )
cp "$T/onsong/omegat/project_save.tmx" "$OUT/omegat-3.6-project_save.tmx"
cp "$T/onsong/onsong-level2.tmx" "$OUT/omegat-3.6-level2.tmx"

# gettext: Korean msgids from a script, an en_US catalogue from msginit, filled by hand
cp "$HERE/bulletin.py" "$T/"
( cd "$T" && xgettext --from-code=UTF-8 --package-name=bulletin --package-version=1.0 \
    -o bulletin.pot bulletin.py && LC_ALL=C.UTF-8 msginit --no-translator -l en_US \
    -i bulletin.pot -o en_US.po )
python3 "$HERE/fill_po.py" "$T/en_US.po"
msgfmt --check -o /dev/null "$T/en_US.po"
cp "$T/en_US.po" "$OUT/msginit-en_US.po"

# translate-toolkit: the same catalogue as TMX (Korean msgids are the source)
"$BIN/po2tmx" --source-language ko -l en -i "$T/en_US.po" -o "$OUT/po2tmx-ko-en.tmx" >/dev/null
echo "made: omegat-3.6-project_save.tmx omegat-3.6-level2.tmx msginit-en_US.po po2tmx-ko-en.tmx"
