// The project changed nothing but its parent's version, and the packaged service answers with the newer runtime's
// problem field.
String newer = new File(basedir, 'newer.version').text.trim()
File project = new File(basedir, 'central-data')
String pom = new File(project, 'pom.xml').getText('UTF-8')
assert pom =~ /(?s)<parent>\s*<groupId>dev.msframework<\/groupId>\s*<artifactId>framework-parent<\/artifactId>\s*<version>${java.util.regex.Pattern.quote(newer)}<\/version>/ :
        "the parent was not bumped to ${newer}"
assert !pom.contains('msframework-problem</artifactId>\n      <version>') : 'the runtime libraries take their version from the parent'
File lib = new File(project, "target/quarkus-app/lib/main/dev.msframework.msframework-problem-${newer}.jar")
assert lib.isFile() : "the service was not packaged with the newer runtime: no ${lib}"

int port = new ServerSocket(0).withCloseable { it.localPort }
def command = [System.getProperty('java.home') + '/bin/java', '-jar', 'target/quarkus-app/quarkus-run.jar']
def builder = new ProcessBuilder(command).directory(project).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'service.log'))
builder.environment().putAll([QUARKUS_HTTP_PORT: String.valueOf(port), QUARKUS_OTEL_SDK_DISABLED: "true"])
// the database of the tests (README: QUARKUS_DATASOURCE_*), the local one where none is named
builder.environment().putIfAbsent('QUARKUS_DATASOURCE_JDBC_URL', 'jdbc:postgresql://localhost:5432/test')
builder.environment().putIfAbsent('QUARKUS_DATASOURCE_USERNAME', 'postgres')
builder.environment().putIfAbsent('QUARKUS_DATASOURCE_PASSWORD', 'postgres')
// like the data-postgres tests, it starts from a clean schema (other projects' tests use the same database)
builder.environment().putAll([QUARKUS_FLYWAY_CLEAN_DISABLED: 'false', QUARKUS_FLYWAY_CLEAN_AT_START: 'true'])
Process service = builder.start()
try {
    def get = { String path ->
        def connection = new URL("http://localhost:${port}${path}").openConnection()
        connection.connectTimeout = 1000
        connection.readTimeout = 5000
        int status = connection.responseCode
        String body = (status < 400 ? connection.inputStream : connection.errorStream)?.getText('UTF-8')
        [status, body]
    }
    long deadline = System.currentTimeMillis() + 60_000
    while (true) {
        assert service.alive : "the service stopped:\n" + new File(basedir, 'service.log').text
        try {
            if (get('/q/health/ready')[0] == 200) break
        } catch (IOException notYet) {
        }
        assert System.currentTimeMillis() < deadline : "the service was not ready in 60 s:\n" + new File(basedir, 'service.log').text
        Thread.sleep(250)
    }
    def (status, body) = get('/tasks/2147483647')
    assert status == 404 : "GET /tasks/2147483647: ${status} ${body}"
    assert body.contains("\"runtime\":\"${newer}\"") : "the problem lacks the newer runtime's field: ${body}"
    println "central update: the project bumped its parent to ${newer} and answers ${body}"
} finally {
    service.destroy()
    service.waitFor()
}
return true
