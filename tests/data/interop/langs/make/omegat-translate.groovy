// Run by OmegaT 3.6 in console mode (--script): a translator's work on the third paragraph,
// then the project is saved, so OmegaT writes omegat/project_save.tmx itself.
import org.omegat.core.data.PrepareTMXEntry
if (eventType.toString() != "COMPILE") return "skip " + eventType
def ste = project.getAllEntries().find { it.srcText.startsWith("소식통에") }
def e = new PrepareTMXEntry()
e.source = ste.srcText
e.translation = "According to the source, the detained residents were caught selling Chinese-made mobile phones."
e.creator = "KIM"
e.creationDate = 1741685400000L   // 2025-03-11 09:30 UTC
e.changer = "KIM"
e.changeDate = 1741685400000L
e.note = "Checked against the Korean report; 중국산 = Chinese-made."
project.setTranslation(ste, e, true, null)
// RealProject.saveProject() needs the GUI's main menu, which console mode lacks: call the
// writer it uses for omegat/project_save.tmx (ProjectTMX.save) directly.
def props = project.getProjectProperties()
def tmxField = org.omegat.core.data.RealProject.getDeclaredField("projectTMX")
tmxField.setAccessible(true)
def tmx = tmxField.get(project)
tmx.save(props, props.getProjectInternal() + org.omegat.util.OConsts.STATUS_EXTENSION, true)
return "translated and saved"
