// Checks of the generated project after its build: the compose stack, the Prometheus configuration and
// the Grafana dashboards are valid (docker-compose config, promtool, a JSON parser) and cover exactly the
// project's service modules. Needs /usr/bin/docker-compose (Debian package docker-compose) and promtool
// (package prometheus); neither needs a Docker daemon.
import groovy.json.JsonSlurper

// `projectDir` when the caller names the project; else the one project an archetype IT generated under project/
File project
if (binding.hasVariable('projectDir')) {
    project = projectDir as File
} else {
    File itDir = basedir instanceof File ? basedir : new File(basedir.toString())
    File[] generated = new File(itDir, 'project').listFiles({ File f -> f.isDirectory() } as FileFilter)
    assert generated != null && generated.length == 1 : "expected one generated project in ${new File(itDir, 'project')}"
    project = generated[0]
}

String run(File dir, List<String> command) {
    Process process
    try {
        process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
    } catch (IOException e) {
        throw new AssertionError("cannot run `${command.join(' ')}` (install it: apt-get install docker-compose prometheus): ${e.message}")
    }
    String output = process.inputStream.getText('UTF-8')
    int exit = process.waitFor()
    if (exit != 0) {
        throw new AssertionError("`${command.join(' ')}` failed with exit code ${exit}:\n${output}")
    }
    return output
}

File file(File dir, String path) {
    File f = new File(dir, path)
    assert f.isFile() : "missing ${f}"
    return f
}

// The service modules: the root pom's modules that build a container image.
String rootPom = file(project, 'pom.xml').getText('UTF-8')
List<String> modules = (rootPom =~ /<module>\s*([^<\s]+)\s*<\/module>/).collect { it[1] }
List<String> services = modules.findAll { new File(project, "${it}/src/main/docker/Dockerfile.jvm").isFile() }
assert !services.isEmpty() : "no service module (with src/main/docker/Dockerfile.jvm) among ${modules}"

// ----- docker-compose.yml -----
File compose = file(project, 'docker-compose.yml')
File envExample = file(project, '.env.example')
String composeText = compose.getText('UTF-8')
Set<String> envNames = envExample.readLines('UTF-8')
        .findAll { it ==~ /[A-Za-z_][A-Za-z0-9_]*=.*/ }
        .collect { it.substring(0, it.indexOf('=')) } as Set
Set<String> interpolated = (composeText =~ /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/).collect { it[1] } as Set
assert envNames.containsAll(interpolated) : ".env.example lacks ${interpolated - envNames}, used by docker-compose.yml"

List<String> composeCommand = ['docker-compose', '--env-file', envExample.absolutePath, '-f', compose.absolutePath]
run(project, composeCommand + ['config', '-q'])
Set<String> composeServices = run(project, composeCommand + ['config', '--services']).readLines()*.trim().findAll() as Set
Set<String> infrastructure = ['postgres', 'mongodb', 'redis', 'rabbitmq', 'prometheus', 'grafana', 'jaeger',
                              'elasticsearch', 'logstash', 'kibana'] as Set
assert composeServices == infrastructure + services :
        "compose services ${composeServices} != infrastructure ${infrastructure} + service modules ${services}"

// ----- deploy/prometheus/prometheus.yml -----
File prometheus = file(project, 'deploy/prometheus/prometheus.yml')
run(project, ['promtool', 'check', 'config', prometheus.absolutePath])
String prometheusText = prometheus.getText('UTF-8')
Set<String> jobs = (prometheusText =~ /job_name:\s*["']?([^"'\s]+)/).collect { it[1] } as Set
assert jobs == (['prometheus'] as Set) + services : "Prometheus jobs ${jobs} != prometheus + service modules ${services}"
services.each { assert prometheusText.contains("${it}:") : "no scrape target ${it}:<port> in ${prometheus}" }

// ----- Grafana: every JSON parses; one dashboard per service module, named after it -----
def json = new JsonSlurper()
File grafana = new File(project, 'deploy/grafana')
grafana.eachFileRecurse { File f ->
    if (f.name.endsWith('.json')) {
        try {
            json.parse(f, 'UTF-8')
        } catch (Exception e) {
            throw new AssertionError("invalid JSON in ${f}: ${e.message}")
        }
    }
}
file(project, 'deploy/grafana/provisioning/datasources/datasources.yml')
file(project, 'deploy/grafana/provisioning/dashboards/dashboards.yml')
services.each { String service ->
    def dashboard = json.parse(file(project, "deploy/grafana/dashboards/${service}.json"), 'UTF-8')
    assert dashboard.uid == service && dashboard.title == service : "dashboard ${service}.json: uid/title ${dashboard.uid}/${dashboard.title}"
    assert dashboard.panels*.targets.flatten()*.expr.every { it.contains("job=\"${service}\"") } :
            "dashboard ${service}.json: every query must select job=\"${service}\""
}
Set<String> dashboards = new File(grafana, 'dashboards').list().findAll { it.endsWith('.json') }.collect { it - '.json' } as Set
assert dashboards == services as Set : "dashboards ${dashboards} != service modules ${services}"

// ----- no template token is left -----
List<File> stack = [compose, prometheus]
grafana.eachFileRecurse { File f -> if (f.isFile() && !f.path.endsWith('/service-dashboard.json')) stack << f }
stack.each { File f ->
    String text = f.getText('UTF-8')
    assert !(text =~ /@(service|image\.[a-z-]+)@/).find() : "template token left in ${f}"
}

println "compose stack, Prometheus and Grafana configuration valid for ${services}"
return true
