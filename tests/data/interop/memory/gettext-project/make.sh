#!/usr/bin/env bash
# Makes the gettext files in .. with the real tools: GNU gettext's xgettext, msginit and
# msgmerge (Debian's gettext package) and translate-toolkit's pot2po.
#   make.sh init   v1/onsong_report.py → onsong-1.0.pot → en.msginit.po (msginit, untranslated;
#                  msginit copies msgid into msgstr for English). A translator then edited
#                  it by hand into ../gettext-msginit-translated.po (msgstr lines, a
#                  translator comment, Last-Translator and PO-Revision-Date, as Poedit does).
#   make.sh        v2/onsong_report.py (changed a sentence, moved one, dropped the caption,
#                  added one) → onsong-1.1.pot; then
#                  msgmerge ../gettext-msginit-translated.po onsong-1.1.pot → ../gettext-msgmerge.po
#                  pot2po -t ../gettext-msginit-translated.po onsong-1.1.pot → ../pot2po.po
# faketime fixes the dates the tools write. Needs: gettext, faketime, pot2po ($POT2PO or
# on PATH; translate-toolkit is in the project's test dependencies).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export TZ=UTC LC_ALL=C.UTF-8
xgettext_() {  # xgettext_ DIR VERSION TIME
  ( cd "$HERE/$1" && faketime "$3" xgettext --from-code=UTF-8 --add-comments=TRANSLATORS: \
      --keyword=pgettext:1c,2 --package-name=onsong-report --package-version="$2" \
      --msgid-bugs-address=desk@example.org -o "$HERE/onsong-$2.pot" onsong_report.py )
}
if [ "${1:-}" = init ]; then
  xgettext_ v1 1.0 "2026-03-01 08:00:00"
  faketime "2026-03-01 08:05:00" msginit --no-translator -l en -i "$HERE/onsong-1.0.pot" \
    -o "$HERE/en.msginit.po"
  exit 0
fi
xgettext_ v2 1.1 "2026-03-12 07:30:00"
faketime "2026-03-12 07:35:00" msgmerge --quiet -o "$HERE/../gettext-msgmerge.po" \
  "$HERE/../gettext-msginit-translated.po" "$HERE/onsong-1.1.pot"
faketime "2026-03-12 07:36:00" "${POT2PO:-pot2po}" --progress=none \
  -t "$HERE/../gettext-msginit-translated.po" "$HERE/onsong-1.1.pot" "$HERE/../pot2po.po"
