// Prepares a newer framework in newer-framework/: copies of framework-parent and the runtime libraries at the version
// <collection version>-central-update, in which every problem detail carries one more field, "runtime". Writes the
// properties of steps 2 and 3 with that version.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

String current = collectionVersion
String newer = current.replace('-SNAPSHOT', '') + '-central-update'
Path base = basedir.toPath()
Path target = base.resolve('newer-framework')
Path runtime = Path.of(runtimeDir)

def copyTree = { Path from, Path to ->
    Files.walk(from).filter { !it.toString().contains('/target') }.each { Path p ->
        Path dest = to.resolve(from.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(dest)
        } else {
            Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
copyTree(runtime, target.resolve('runtime'))
Files.createDirectories(target.resolve('framework-parent'))
Files.copy(Path.of(frameworkParentPom), target.resolve('framework-parent/pom.xml'), StandardCopyOption.REPLACE_EXISTING)

def edit = { Path file, Closure change ->
    String before = Files.readString(file)
    String after = change(before)
    assert after != before : "nothing changed in ${file}"
    Files.writeString(file, after)
}
String v = java.util.regex.Matcher.quoteReplacement(newer)
edit(target.resolve('framework-parent/pom.xml')) {
    it.replaceFirst("<version>${current}</version>", "<version>${v}</version>")
      .replaceFirst("<msframework.version>${current}</msframework.version>", "<msframework.version>${v}</msframework.version>")
}
edit(target.resolve('runtime/pom.xml')) {
    it.replaceFirst('</parent>', '  <relativePath/>\n  </parent>')
      .replaceFirst('<artifactId>msframework-runtime</artifactId>', "<artifactId>msframework-runtime</artifactId>\n  <version>${v}</version>")
}
Files.list(target.resolve('runtime')).filter { Files.isRegularFile(it.resolve('pom.xml')) }.each { Path module ->
    edit(module.resolve('pom.xml')) { it.replaceFirst("<version>${current}</version>", "<version>${v}</version>") }
}
edit(target.resolve('runtime/problem/src/main/java/dev/msframework/problem/Problem.java')) {
    it.replaceFirst('    public Response toResponse\\(\\) \\{', """    /** The newer framework's extra field. */
    @com.fasterxml.jackson.annotation.JsonProperty("runtime")
    public String runtime() {
        return "${v}";
    }

    public Response toResponse() {""")
}
Files.writeString(target.resolve('pom.xml'), """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.msframework.it</groupId>
  <artifactId>newer-framework</artifactId>
  <version>${newer}</version>
  <packaging>pom</packaging>
  <modules>
    <module>framework-parent</module>
    <module>runtime</module>
  </modules>
</project>
""")
// the libraries' own tests ran in the collection build; the collection's version rule is for the collection
Files.writeString(base.resolve('newer-framework.properties'), "skipTests=true\nenforcer.skip=true\nmsframework.version=${newer}\n")
Files.writeString(base.resolve('update-parent.properties'), "parentVersion=[${newer}]\ngenerateBackupPoms=false\n")
Files.writeString(base.resolve('newer.version'), newer)
return true
