// the checks shared by every project IT
evaluate(new File(basedir, '../../verify-project.groovy'))

// Generated from a JDL file with three entities: every service models them, nothing of the task sample is left.
// Its build runs the unit tests (goal.txt: -DskipITs): they run every entity's code in every service against the real
// PostgreSQL, RabbitMQ and Redis; the integration tests run the same tests against the packaged services, whose
// packaging the default project's build proves (and each service archetype's).
File project = new File(basedir, 'project/tracker')
def sample = ~/(?i)(?<![\w-])tasks?(?![\w-])|Task[A-Z]|dueDate|due_date/
def leftovers = []
project.eachFileRecurse { f ->
    if (f.isFile() && !f.path.contains('/target/') && !f.name.endsWith('.jar')) {
        f.readLines('UTF-8').eachWithIndex { line, i ->
            if (line =~ sample) {
                leftovers << "${project.toPath().relativize(f.toPath())}:${i + 1}: ${line.trim()}"
            }
        }
    }
}
assert leftovers.isEmpty() : "task sample left in the generated project:\n" + leftovers.join('\n')
String pkg = 'org/example/tracker'
['Issue', 'Project', 'Comment'].each { e ->
    assert new File(project, "contracts/src/main/java/${pkg}/contract/${e}Api.java").isFile()
    assert new File(project, "data-postgres-service/src/main/java/${pkg}/rest/${e}Resource.java").isFile()
    assert new File(project, "api-service/src/main/java/${pkg}/rest/${e}Resource.java").isFile()
    assert new File(project, "worker-service/src/main/java/${pkg}/worker/${e}ActivityRecorder.java").isFile()
    assert new File(project, "data-mongo-service/src/main/java/${pkg}/rest/${e}ActivityResource.java").isFile()
    assert new File(project, 'README.md').getText('UTF-8').contains("| `${e}` |")
}
// the bot serves the first entity
assert new File(project, "bot-service/src/main/java/${pkg}/bot/IssueSummary.java").isFile()
assert !new File(project, "bot-service/src/main/java/${pkg}/bot/ProjectSummary.java").exists()
assert new File(project, 'domain.jdl').getText('UTF-8').contains('entity Comment')
return true
