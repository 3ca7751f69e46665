// Run by OmegaT 3.6 in console mode (--script): enters the translations listed in the file
// named by -Dsajeon.translations the way OmegaT's editor does (IProject.setTranslation, so
// OmegaT itself records the translator, -Duser.name, and the time), then saves
// omegat/project_save.tmx. Columns: source (with OmegaT's tags), translation, note, and the
// occurrence for an alternative translation (empty: the default translation).
import org.omegat.core.data.PrepareTMXEntry
if (eventType.toString() != "COMPILE") return "skip " + eventType
def props = project.getProjectProperties()
def wanted = [:]
new File(System.getProperty("sajeon.translations")).readLines("UTF-8").each { line ->
  def cells = line.split("\t", -1)
  if (cells.size() == 4) wanted[[cells[0], cells[3]]] = cells
}
def seen = [:].withDefault { 0 }
def done = 0
project.getAllEntries().each { ste ->
  seen[ste.srcText] += 1
  def alternative = wanted[[ste.srcText, seen[ste.srcText].toString()]]
  def cells = alternative ?: wanted[[ste.srcText, ""]]
  if (cells == null || (alternative == null && seen[ste.srcText] > 1)) return
  def entry = new PrepareTMXEntry()
  entry.source = ste.srcText
  entry.translation = cells[1]
  if (cells[2]) entry.note = cells[2]
  project.setTranslation(ste, entry, alternative == null, null)
  done++
}
// RealProject.saveProject() needs the GUI's main window, which console mode lacks; it
// saves through ProjectTMX.save, called here directly.
project.projectTMX.save(props, props.getProjectInternal() + "project_save.tmx", true)
return "translated " + done
