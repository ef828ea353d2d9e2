// Checks of the generated project after its build: the compose stack, the Prometheus configuration and
// the Grafana dashboards are valid and cover exactly the project's service modules. None needs a Docker daemon.
// The tools, each the best one this machine has, named in the one line this script prints at the end:
// - docker-compose.yml: `docker-compose config` (Debian package docker-compose), else `docker compose config`
//   (Docker's compose plugin), else in-process checks with SnakeYAML (syntax, keys, interpolation, references);
// - deploy/prometheus/prometheus.yml: `promtool check config`, promtool found or fetched by prometheus-tool.sh
//   (next to this script: PATH, else the Debian package prometheus unpacked into ~/.cache/msframework/tools);
//   when it cannot get one, a warning says that promtool did not check it and the YAML is parsed in-process;
// - the Grafana dashboards: a JSON parser;
// - the OpenAPI documents that the services write at build time (<module>/target/openapi/openapi.yaml, see
//   quarkus.smallrye-openapi.store-schema-directory): `@redocly/cli lint` with its recommended rules, no error allowed,
//   run with npx (Node.js); without npx, a warning says that they are not linted and in-process checks of the
//   openapi.json written with them take over (summaries, unique operation ids, security, problem+json error responses).
import groovy.json.JsonSlurper

// the linter of the OpenAPI documents, pinned: a new release may add rules (bump it on purpose)
String redocly = '@redocly/cli@2.77.0'

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

// The directory of this script (target/test-classes): prometheus-tool.sh is next to it
File scriptDir
URL scriptLocation = getClass().protectionDomain.codeSource?.location
if (scriptLocation?.protocol == 'file') {
    scriptDir = new File(scriptLocation.toURI()).parentFile
} else {
    File base = basedir instanceof File ? basedir : new File(basedir.toString())
    scriptDir = [new File(base, '../..'), new File(base, '../../test-classes')].find { new File(it, 'verify-project.groovy').isFile() }
}

// Runs a command: [exit: its exit code, or -1 when it cannot start, output: its stdout and stderr]
Map exec(File dir, List<String> command) {
    try {
        Process process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
        String output = process.inputStream.getText('UTF-8')
        return [exit: process.waitFor(), output: output]
    } catch (IOException e) {
        return [exit: -1, output: e.message]
    }
}

// Runs a command with more environment variables: [exit: as exec's, out: its stdout, err: its stderr]
Map execSplit(File dir, List<String> command, Map<String, String> environment) {
    try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir)
        builder.environment().putAll(environment)
        Process process = builder.start()
        StringBuilder out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        return [exit: process.exitValue(), out: out.toString(), err: err.toString()]
    } catch (IOException e) {
        return [exit: -1, out: '', err: e.message]
    }
}

String run(File dir, List<String> command) {
    Map result = exec(dir, command)
    if (result.exit != 0) {
        throw new AssertionError("`${command.join(' ')}` failed with exit code ${result.exit}:\n${result.output}")
    }
    return result.output
}

// SnakeYAML, when the script's classpath has it (the archetype plugin's has; the invoker plugin's by a plugin
// dependency); duplicate keys are errors, as for Compose. Loaded by name: only the in-process checks need it.
Object yamlParser() {
    try {
        ClassLoader loader = getClass().classLoader
        Class<?> optionsClass = Class.forName('org.yaml.snakeyaml.LoaderOptions', true, loader)
        def options = optionsClass.getDeclaredConstructor().newInstance()
        options.allowDuplicateKeys = false
        return Class.forName('org.yaml.snakeyaml.Yaml', true, loader).getConstructor(optionsClass).newInstance(options)
    } catch (ClassNotFoundException e) {
        return null
    }
}

Object parseYaml(Object parser, File f) {
    try {
        return f.withReader('UTF-8') { Reader reader -> parser.load(reader) }
    } catch (Exception e) {
        throw new AssertionError("invalid YAML in ${f}: ${e.message}")
    }
}

// For a machine with neither docker-compose nor Docker's compose plugin: what `docker compose config` checks, in-process.
// The YAML (no duplicate keys), the keys of the Compose specification (top level, services, build, healthcheck),
// the interpolation of every value with .env.example (syntax; ${VAR:?...} set), what a service refers to (depends_on
// without cycles, named volumes, networks, local build contexts), ports, restart policies, environment and durations.
// Returns the services; fails with every problem found.
Set<String> composeServicesInProcess(Object parser, File project, File compose, Map<String, String> env) {
    List<String> problems = []
    def data = parseYaml(parser, compose)
    assert data instanceof Map : "${compose}: not a mapping"
    Set<String> topKeys = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'configs', 'secrets', 'models'] as Set
    Set<String> serviceKeys = ('annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs ' +
            'container_name cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset ' +
            'credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint ' +
            'env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc ' +
            'isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit models ' +
            'network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop privileged ' +
            'profiles provider pull_policy pull_refresh_after read_only restart runtime scale secrets security_opt shm_size ' +
            'stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts ' +
            'volumes volumes_from working_dir').split(' ') as Set
    Set<String> buildKeys = ('additional_contexts args cache_from cache_to context dockerfile dockerfile_inline entitlements ' +
            'extra_hosts isolation labels network no_cache platforms privileged provenance pull sbom secrets shm_size ssh tags ' +
            'target ulimits').split(' ') as Set
    Set<String> healthcheckKeys = ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'] as Set
    def unknown = { String where, Map map, Set<String> allowed ->
        map.keySet().collect { it.toString() }.findAll { !allowed.contains(it) && !it.startsWith('x-') }
                .each { problems << "${where}: unknown key '${it}'".toString() }
    }

    // interpolation, as Compose does it: $$ is a $; ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
    // ${VAR?error}, ${VAR:+other}, ${VAR+other} and $VAR; any other $ is an error
    def interpolate
    interpolate = { String where, Object value ->
        if (value instanceof Map) {
            return value.collectEntries { k, v -> [(k): interpolate("${where}.${k}", v)] }
        }
        if (value instanceof List) {
            return value.withIndex().collect { v, i -> interpolate("${where}[${i}]", v) }
        }
        if (!(value instanceof String)) {
            return value
        }
        // (Groovy takes what the closure returns literally)
        return value.replaceAll(/\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*)|)/) { String all, String escaped, String braced, String bare ->
            if (escaped != null) {
                return '$'
            }
            if (bare != null) {
                return env[bare] ?: ''
            }
            def expression = braced == null ? null : (braced =~ /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/)
            if (expression == null || !expression.matches()) {
                problems << "${where}: invalid interpolation in '${value}'".toString()
                return ''
            }
            String name = expression.group(1), operator = expression.group(2), argument = expression.group(3)
            boolean set = env.containsKey(name), nonEmpty = set && env[name]
            String resolved
            switch (operator) {
                case ':-': resolved = nonEmpty ? env[name] : argument; break
                case '-': resolved = set ? env[name] : argument; break
                case ':+': resolved = nonEmpty ? argument : ''; break
                case '+': resolved = set ? argument : ''; break
                case ':?':
                case '?':
                    if (operator == ':?' ? !nonEmpty : !set) {
                        problems << "${where}: required variable ${name} is not set in .env.example (${argument})".toString()
                    }
                    resolved = env[name] ?: ''
                    break
                default: resolved = env[name] ?: ''
            }
            return resolved
        }
    }

    unknown('top level', data, topKeys)
    Map<String, Object> volumes = data.volumes instanceof Map ? data.volumes : [:]
    Map<String, Object> networks = data.networks instanceof Map ? data.networks : [:]
    if (!(data.services instanceof Map) || data.services.isEmpty()) {
        problems << 'services: missing or empty'
    }
    Map<String, Object> services = data.services instanceof Map ? interpolate('services', data.services) : [:]
    Map<String, Set<String>> dependencies = [:]
    String duration = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/
    String port = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/
    services.each { Object key, Object service ->
        String name = key.toString(), where = "services.${name}"
        if (!(name ==~ /[a-zA-Z0-9._-]+/)) {
            problems << "${where}: invalid service name".toString()
        }
        if (!(service instanceof Map)) {
            problems << "${where}: not a mapping".toString()
            return
        }
        unknown(where, service, serviceKeys)
        if (!service.image && !service.build) {
            problems << "${where}: neither image nor build".toString()
        }
        if (service.containsKey('image') && !(service.image instanceof String && service.image)) {
            problems << "${where}.image: not an image name".toString()
        }
        if (service.build != null) {
            def build = service.build instanceof Map ? service.build : [context: service.build]
            unknown("${where}.build", build, buildKeys)
            String context = build.context?.toString() ?: '.'
            if (!(context =~ /^[a-z]+:\/\/|^git@|^github\.com\//) && !new File(project, context).isDirectory()) {
                problems << "${where}.build.context: no directory ${context}".toString()
            }
        }
        if (service.restart != null && !(service.restart.toString() ==~ /no|always|unless-stopped|on-failure(:\d+)?/)) {
            problems << "${where}.restart: invalid policy '${service.restart}'".toString()
        }
        if (service.environment != null) {
            boolean valid = service.environment instanceof Map
                    ? service.environment.values().every { !(it instanceof Map || it instanceof List) }
                    : service.environment instanceof List && service.environment.every { it instanceof String }
            if (!valid) {
                problems << "${where}.environment: neither a mapping of values nor a list of NAME=value".toString()
            }
        }
        (service.ports instanceof List ? service.ports : service.ports == null ? [] : [service.ports]).each {
            if (!(it instanceof Map || it instanceof Integer || it.toString() ==~ port)) {
                problems << "${where}.ports: invalid port '${it}'".toString()
            }
        }
        (service.volumes instanceof List ? service.volumes : service.volumes == null ? [] : [service.volumes]).each {
            String source = it instanceof Map ? (it.type in [null, 'volume'] ? it.source : null)
                    : it.toString().contains(':') ? it.toString().substring(0, it.toString().indexOf(':')) : null
            if (source && !(source =~ /^[.\/~]/) && !source.contains('/') && !volumes.containsKey(source)) {
                problems << "${where}.volumes: volume '${source}' is not declared under the top-level volumes".toString()
            }
        }
        (service.networks instanceof Map ? service.networks.keySet() : service.networks ?: []).each {
            if (it.toString() != 'default' && !networks.containsKey(it.toString())) {
                problems << "${where}.networks: network '${it}' is not declared under the top-level networks".toString()
            }
        }
        if (service.healthcheck != null) {
            if (service.healthcheck instanceof Map) {
                def healthcheck = service.healthcheck
                unknown("${where}.healthcheck", healthcheck, healthcheckKeys)
                if (healthcheck.test instanceof List && !(healthcheck.test[0] in ['NONE', 'CMD', 'CMD-SHELL'])) {
                    problems << "${where}.healthcheck.test: a list must start with NONE, CMD or CMD-SHELL".toString()
                }
                ['interval', 'timeout', 'start_period', 'start_interval'].findAll { healthcheck[it] != null }.each {
                    if (!(healthcheck[it].toString() ==~ duration)) {
                        problems << "${where}.healthcheck.${it}: invalid duration '${healthcheck[it]}'".toString()
                    }
                }
            } else {
                problems << "${where}.healthcheck: not a mapping".toString()
            }
        }
        def dependsOn = service.depends_on
        dependencies[name] = (dependsOn instanceof Map ? dependsOn.keySet() : dependsOn ?: []).collect { it.toString() } as Set
        if (dependsOn instanceof Map) {
            dependsOn.each { target, condition ->
                def value = condition instanceof Map ? condition.condition : null
                if (value != null && !(value in ['service_started', 'service_healthy', 'service_completed_successfully'])) {
                    problems << "${where}.depends_on.${target}: invalid condition '${value}'".toString()
                }
            }
        }
        dependencies[name].findAll { !services.containsKey(it) }.each {
            problems << "${where}.depends_on: no service '${it}'".toString()
        }
    }
    // a cycle of depends_on
    Set<String> done = [] as Set
    def visit
    visit = { String service, List<String> path ->
        if (path.contains(service)) {
            problems << "depends_on: cycle ${(path.subList(path.indexOf(service), path.size()) + service).join(' -> ')}".toString()
            return
        }
        if (done.add(service)) {
            dependencies[service]?.findAll { services.containsKey(it) }?.each { visit(it, path + service) }
        }
    }
    dependencies.keySet().each { visit(it, []) }
    assert problems.isEmpty() : "${compose} (checked in-process):\n  " + problems.unique().join('\n  ')
    return services.keySet().collect { it.toString() } as Set
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
Map<String, String> env = envExample.readLines('UTF-8')
        .findAll { it ==~ /[A-Za-z_][A-Za-z0-9_]*=.*/ }
        .collectEntries { [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1).trim().replaceAll(/^(["'])(.*)\1$/, '$2')] }
Set<String> envNames = env.keySet()
Set<String> interpolated = (composeText =~ /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/).collect { it[1] } as Set
assert envNames.containsAll(interpolated) : ".env.example lacks ${interpolated - envNames}, used by docker-compose.yml"

// the best validator this machine has: docker-compose, else Docker's compose plugin, else the in-process checks
List<String> composeFiles = ['--env-file', envExample.absolutePath, '-f', compose.absolutePath]
List<String> composeCommand = null
String composeChecker
for (List<String> tool : [['docker-compose'], ['docker', 'compose']]) {
    Map version = exec(project, tool + ['version', '--short'])
    if (version.exit == 0) {
        composeCommand = tool + composeFiles
        composeChecker = "`${tool.join(' ')} config` ${version.output.readLines().findAll { it.trim() }.last().trim()}"
        break
    }
}
Object yaml = yamlParser()
Set<String> composeServices
if (composeCommand != null) {
    run(project, composeCommand + ['config', '-q'])
    composeServices = run(project, composeCommand + ['config', '--services']).readLines()*.trim().findAll() as Set
} else {
    assert yaml != null : "cannot check ${compose}: neither docker-compose nor Docker's compose plugin is installed, and the " +
            "in-process checks need SnakeYAML (org.yaml:snakeyaml) on this script's classpath, e.g. as a dependency of the plugin " +
            "that runs it; or install docker-compose (apt-get install docker-compose) or Docker's compose plugin"
    composeServices = composeServicesInProcess(yaml, project, compose, env)
    composeChecker = 'in-process checks with SnakeYAML, as neither docker-compose nor `docker compose` is installed ' +
            '(syntax, keys, interpolation, references, ports, healthchecks; for the whole Compose schema: apt-get install docker-compose)'
}
Set<String> infrastructure = ['postgres', 'mongodb', 'redis', 'rabbitmq', 'prometheus', 'grafana', 'jaeger',
                              'elasticsearch', 'logstash', 'kibana'] as Set
assert composeServices == infrastructure + services :
        "compose services ${composeServices} != infrastructure ${infrastructure} + service modules ${services}"

// ----- deploy/prometheus/prometheus.yml -----
File prometheus = file(project, 'deploy/prometheus/prometheus.yml')
// promtool: found on PATH, or fetched into a cache, by prometheus-tool.sh; its last output line is the path
File promtoolFinder = scriptDir == null ? null : new File(scriptDir, 'prometheus-tool.sh')
Map promtool = promtoolFinder?.isFile() ? exec(project, ['bash', promtoolFinder.absolutePath, 'promtool'])
        : [exit: -1, output: "no prometheus-tool.sh next to verify-project.groovy (${scriptDir})"]
List<String> promtoolOutput = promtool.output.readLines().findAll { it.trim() }
String prometheusChecker
if (promtool.exit == 0 && promtoolOutput) {
    promtoolOutput.dropRight(1).each { println "verify-project: ${it}" }
    String path = promtoolOutput.last().trim()
    run(project, [path, 'check', 'config', prometheus.absolutePath])
    def version = exec(project, [path, '--version']).output =~ /version (\S+)/
    prometheusChecker = "`promtool check config` ${version.find() ? version.group(1) : ''} (${path})"
} else {
    println "verify-project: WARNING: ${prometheus} is NOT checked with promtool: ${promtoolOutput.join('; ')}"
    if (yaml != null) {
        def config = parseYaml(yaml, prometheus)
        assert config instanceof Map : "${prometheus}: not a mapping"
        Set<String> keys = ['global', 'scrape_configs', 'scrape_config_files', 'rule_files', 'alerting', 'remote_write',
                            'remote_read', 'storage', 'tracing', 'otlp', 'runtime'] as Set
        assert keys.containsAll(config.keySet()*.toString()) : "${prometheus}: unknown keys ${config.keySet()*.toString() - keys}"
        List<String> jobNames = (config.scrape_configs ?: []).collect { it instanceof Map ? it.job_name?.toString() : null }
        assert !jobNames.contains(null) && jobNames.unique(false) == jobNames : "${prometheus}: every scrape config needs its own job_name: ${jobNames}"
        prometheusChecker = 'NOT checked with promtool (see the warning above), only parsed with SnakeYAML'
    } else {
        prometheusChecker = 'NOT checked with promtool (see the warning above) nor a YAML parser, only its jobs and targets'
    }
}
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

// ----- OpenAPI: every document a service writes at build time passes `@redocly/cli lint` (recommended rules) -----
// The services with quarkus-smallrye-openapi write it (store-schema-directory in application.properties); the IT has
// built them. Errors fail the IT; warnings are counted in the summary line.
List<String> documented = services.findAll { file(project, "${it}/pom.xml").getText('UTF-8').contains('<artifactId>quarkus-smallrye-openapi</artifactId>') }
Map<String, File> documents = documented.collectEntries { String service ->
    File document = new File(project, "${service}/target/openapi/openapi.yaml")
    assert document.isFile() : "no OpenAPI document ${document}: the build of ${service} writes it when its application.properties " +
            "has quarkus.smallrye-openapi.store-schema-directory=target/openapi"
    [(service): document]
}
String openapiChecker
Map<String, String> quiet = [REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1',
                             npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false']
Map npx = documents ? execSplit(project, ['npx', '--yes', redocly, '--version'], quiet) : null
if (documents.isEmpty()) {
    openapiChecker = 'no service module writes a document'
} else if (npx.exit == 0) {
    int warnings = 0
    Map<String, Integer> warningRules = new TreeMap<>()
    List<String> errors = []
    documents.each { String service, File document ->
        Map lint = execSplit(project, ['npx', '--yes', redocly, 'lint', '--extends=recommended', '--format=json',
                                       document.absolutePath], quiet)
        def report
        try {
            report = new JsonSlurper().parseText(lint.out)
        } catch (Exception e) {
            throw new AssertionError("`npx ${redocly} lint ${document}` gave no report (exit code ${lint.exit}):\n${lint.out}\n${lint.err}")
        }
        report.problems.each { problem ->
            String where = problem.location ? problem.location[0].pointer : ''
            if (problem.severity == 'error') {
                errors << "${service}/target/openapi/openapi.yaml ${where}: ${problem.message} (rule ${problem.ruleId})".toString()
            } else if (problem.severity == 'warn') {
                warnings++
                warningRules[problem.ruleId.toString()] = (warningRules[problem.ruleId.toString()] ?: 0) + 1
            }
        }
    }
    assert errors.isEmpty() : "the OpenAPI documents do not pass `${redocly} lint --extends=recommended`:\n  " + errors.join('\n  ')
    openapiChecker = "${documents.size()} documents ${documents.keySet()}, `${redocly} lint --extends=recommended`: 0 errors, " +
            "${warnings} warnings${warningRules ? ' ' + warningRules.collect { rule, n -> "${rule} x${n}" } : ''}"
} else {
    String why = npx.exit == -1 ? 'no npx (Node.js) on PATH; install Node.js 20 or later (Debian/Ubuntu: apt-get install nodejs npm)'
            : "`npx ${redocly}` failed (exit code ${npx.exit}; offline?): ${(npx.out + npx.err).readLines().findAll { it.trim() }.take(5).join(' / ')}"
    println "verify-project: WARNING: the OpenAPI documents are NOT linted with ${redocly}: ${why}"
    // what the lint's errors are about, in-process, on the openapi.json written next to each openapi.yaml
    List<String> problems = []
    documents.each { String service, File document ->
        def doc = new JsonSlurper().parse(file(document.parentFile, 'openapi.json'), 'UTF-8')
        Set<String> ids = [] as Set
        if (!doc.servers) {
            problems << "${service}: no servers".toString()
        }
        doc.paths.each { String path, Map item ->
            item.findAll { it.key in ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] }.each { method, op ->
                String where = "${service}: ${method.toUpperCase()} ${path}"
                if (!op.summary) problems << "${where}: no summary".toString()
                if (!op.operationId || !ids.add(op.operationId)) problems << "${where}: no operationId or a duplicate one (${op.operationId})".toString()
                if (op.security == null && doc.security == null) problems << "${where}: no security (use [] for none)".toString()
                (op.responses ?: [:]).each { code, response ->
                    if (code ==~ /[45]../ && !response.content?.containsKey('application/problem+json')) {
                        problems << "${where}: response ${code} is not application/problem+json".toString()
                    }
                }
                if (op.security) {
                    op.security.each { requirement -> requirement.keySet().findAll { !doc.components?.securitySchemes?.containsKey(it) }
                            .each { problems << "${where}: security scheme ${it} is not declared".toString() } }
                }
            }
        }
    }
    assert problems.isEmpty() : "the OpenAPI documents (checked in-process):\n  " + problems.join('\n  ')
    openapiChecker = "${documents.size()} documents ${documents.keySet()} NOT linted with ${redocly} (see the warning above), " +
            'only checked in-process (servers, summaries, unique operation ids, security, problem+json errors)'
}

// ----- the tests' own names on the message broker -----
// Every service that uses RabbitMQ names its exchanges and queues from broker.prefix (the system's name), and its
// tests from the test one (%test,it.broker.prefix): no test code may name the system's own exchange or queues, which a
// system running on the same broker uses (a test would publish into its queues, consume or purge them).
List<String> brokerNames = []
String systemPrefix = null
services.each { String service ->
    File properties = file(project, "${service}/src/main/resources/application.properties")
    Map<String, String> values = properties.readLines('UTF-8').findAll { it ==~ /[^#!\s][^=]*=.*/ }
            .collectEntries { [(it.substring(0, it.indexOf('=')).trim()): it.substring(it.indexOf('=') + 1).trim()] }
    values.findAll { key, value -> key ==~ /mp\.messaging\.(incoming|outgoing)\.[^.]+\.(exchange\.name|queue\.name|dead-letter-exchange|dead-letter-queue-name)/ }
            .each { key, value ->
                if (!value.startsWith('${broker.prefix}.')) {
                    brokerNames << "${service}/src/main/resources/application.properties: ${key}=${value} does not start with \${broker.prefix}.".toString()
                }
            }
    if (values.containsKey('mp.messaging.outgoing.events.exchange.name') || values.keySet().any { it.startsWith('mp.messaging.incoming.') }) {
        String prefix = values['broker.prefix']
        String testPrefix = values['%test,it.broker.prefix']
        if (!prefix || !testPrefix || prefix == testPrefix) {
            brokerNames << "${service}: broker.prefix (${prefix}) and %test,it.broker.prefix (${testPrefix}) must both be set and differ".toString()
        }
        systemPrefix = systemPrefix ?: prefix
    }
}
if (systemPrefix) {
    services.each { String service ->
        File tests = new File(project, "${service}/src/test/java")
        if (tests.isDirectory()) {
            tests.eachFileRecurse(groovy.io.FileType.FILES) { File f ->
                f.readLines('UTF-8').eachWithIndex { String line, int i ->
                    if (line.contains("\"${systemPrefix}.") || line =~ /\w+Events\.EXCHANGE\b/) {
                        brokerNames << "${project.toPath().relativize(f.toPath())}:${i + 1}: a system's broker name in a test: ${line.trim()}".toString()
                    }
                }
            }
        }
    }
}
assert brokerNames.isEmpty() : "broker names:\n  " + brokerNames.join('\n  ')
String brokerChecker = systemPrefix ? "the tests name no exchange or queue of ${systemPrefix}" : 'no service uses the broker'

// ----- start-up: the packaged services start without a warning -----
// @QuarkusIntegrationTest writes what the packaged service logs (prod profile: JSON lines) to <module>/target/quarkus.log.
// A record at WARN or above before Quarkus' "started in" is logged at every start in production too: a setting that
// does not apply, a library's complaint. Ignored: the test launcher hands WireMock's port to the services that stub
// their downstream calls with it, whose packaged app has no WireMock (quarkus.wiremock.devservices.port is unknown there).
Set<String> severe = ['WARN', 'WARNING', 'ERROR', 'SEVERE', 'FATAL'] as Set
List<String> startupWarnings = []
List<String> started = services.findAll { new File(project, "${it}/target/quarkus.log").isFile() }
started.each { String service ->
    for (String line : new File(project, "${service}/target/quarkus.log").readLines('UTF-8')) {
        def record
        try {
            record = new JsonSlurper().parseText(line)
        } catch (Exception e) {
            startupWarnings << "${service}: not a JSON log line: ${line.take(200)}".toString()
            continue
        }
        if (record.loggerName == 'io.quarkus' && record.message?.contains(' started in ')) {
            break
        }
        if (record.level in severe && !record.message?.contains('"quarkus.wiremock.devservices.port"')) {
            startupWarnings << "${service}: ${record.level} [${record.loggerName}] ${record.message?.take(300)}".toString()
        }
    }
}
assert startupWarnings.isEmpty() : "the packaged services log at start-up (target/quarkus.log of their integration tests):\n  " +
        startupWarnings.join('\n  ')
String startupChecker = started ? "${started.size()} services started without a warning" : 'no service ran its integration tests'

println "verify-project: ${project.name} checked - docker-compose.yml: ${composeChecker}; " +
        "deploy/prometheus/prometheus.yml: ${prometheusChecker}; Grafana: ${dashboards.size()} dashboards, JSON parser; " +
        "OpenAPI: ${openapiChecker}; start-up logs: ${startupChecker}; broker: ${brokerChecker}; service modules ${services}"
return true
