#!/usr/bin/env bash
# Makes omegat-glossary.txt with OmegaT 3.6 itself (Debian's omegat package): OmegaT runs
# headless in console mode on a fresh ko->en project, and a Groovy script it runs adds the
# entries through GlossaryReaderTSV.append, the call behind the GUI's "Create Glossary Entry"
# dialog, to the project's writeable glossary (glossary/glossary.txt), which is copied here.
# Usage: bash make-omegat-glossary.sh   (writes omegat-glossary.txt beside this script)
set -eu
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
p=$T/project
mkdir -p "$p/source" "$p/target" "$p/tm" "$p/glossary" "$p/omegat" "$p/dictionary" "$T/home" "$T/tmp"
printf '온성군 보위부는 주민 3명을 체포했다.\n' >"$p/source/s.txt"
cat >"$p/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0"><source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
<dictionary_dir>__DEFAULT__</dictionary_dir><source_lang>ko</source_lang><target_lang>en</target_lang>
<source_tok>org.omegat.tokenizer.LuceneKoreanTokenizer</source_tok><target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations><remove_tags>false</remove_tags>
</project></omegat>
XML
cat >"$T/add.groovy" <<'GROOVY'
import org.omegat.gui.glossary.GlossaryEntry
import org.omegat.gui.glossary.GlossaryReaderTSV
if (eventType.toString() != "COMPILE") return "skip"
def file = new File(project.getProjectProperties().getWriteableGlossary())
[
  ["온성군", "Onsong County", "North Hamgyong Province, on the Tumen River border with China"],
  ["국가보위성", "Ministry of State Security", "MSS after the first mention"],
  ["보위부", "Ministry of State Security", "Everyday short name"],
  ["장마당", "market", ""],
  ["꽃제비", "kotjebi", "Homeless children who beg in markets and stations"],
].each { e -> GlossaryReaderTSV.append(file, new GlossaryEntry(e[0], e[1], e[2], true)) }
return "added"
GROOVY
( cd "$T" && env HOME="$T/home" LC_ALL=C.UTF-8 timeout -k 5 60 java -XX:-UsePerfData -Xmx1g \
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Duser.home="$T/home" -Djava.io.tmpdir="$T/tmp" \
    -jar "$JAR" --mode=console-translate --config-dir="$T/config" --disable-project-locking \
    --disable-location-save --no-team --quiet --script="$T/add.groovy" "$p" >"$T/log" 2>&1 </dev/null ) || true
if [ ! -s "$p/glossary/glossary.txt" ]; then
  echo "OmegaT wrote no glossary: $(tail -n 3 "$T/log")" >&2
  exit 1
fi
cp "$p/glossary/glossary.txt" "$HERE/omegat-glossary.txt"
echo "wrote $HERE/omegat-glossary.txt"
