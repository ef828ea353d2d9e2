// the checks shared by every project IT
evaluate(new File(basedir, '../../verify-project.groovy'))

// A handful of generated files are kept as snapshots in snapshots/ (same paths as in the project): every change to
// generated code shows in review. After an intended change, copy the new file over its snapshot (the message names both).
File project = new File(basedir, 'project/acme-tasks')
// (not reference/: the archetype plugin would compare the whole project with that directory)
File reference = new File(basedir, 'snapshots')
List<String> changed = []
int checked = 0
reference.eachFileRecurse(groovy.io.FileType.FILES) { File expected ->
    String path = reference.toPath().relativize(expected.toPath()).toString()
    File actual = new File(project, path)
    checked++
    assert actual.isFile() : "the snapshot ${path} has no generated file"
    List<String> want = expected.readLines('UTF-8')
    List<String> got = actual.readLines('UTF-8')
    if (want != got) {
        int line = (0..<Math.max(want.size(), got.size())).find { want[it] != got[it] }
        changed << "${path}, line ${line + 1}:\n  snapshot:  ${want[line]}\n  generated: ${got[line]}\n" +
                "  (cp ${actual} archetype-project/src/test/resources/projects/default/snapshots/${path})"
    }
}
assert changed.isEmpty() : "generated files differ from their snapshots:\n" + changed.join('\n')
assert checked > 0 : "no snapshot in ${reference}"
println "generated files equal to their snapshots: ${checked} files"
return true
