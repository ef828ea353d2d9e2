// Runs after archetype:generate. Batch mode (-B, used by IDEs, scripts and AI agents) does not apply the
// validationRegex of archetype-metadata.xml, so every property is checked again here. On an invalid value the
// command fails with a message naming the property, the value, the rule and a valid example, and everything
// the generation wrote is removed again.

def props = request.properties
def outputDir = new File(request.outputDirectory)
def moduleDir = new File(outputDir, request.artifactId)

def JAVA_KEYWORDS = ('abstract assert boolean break byte case catch char class const continue default do double else '
        + 'enum extends final finally float for goto if implements import instanceof int interface long native new '
        + 'package private protected public return short static strictfp super switch synchronized this throw throws '
        + 'transient try void volatile while true false null var record yield sealed permits non-sealed when').split(' ') as Set
// class names that would shadow java.lang or the generated code itself
def TAKEN_CLASS_NAMES = ['Object', 'Class', 'String', 'Record', 'Enum', 'Void', 'Integer', 'Long', 'Short', 'Byte',
        'Boolean', 'Character', 'Double', 'Float', 'Number', 'Math', 'System', 'Thread', 'Runtime', 'Process',
        'Exception', 'Error', 'Throwable', 'Override', 'Iterable', 'Module', 'Package', 'Problem', 'ProblemMappers',
        'PageResponse', 'Response', 'Path', 'Entity', 'Table', 'Version', 'Id', 'Activity'] as Set
def KEBAB = ~/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
def PASCAL = ~/^[A-Z][A-Za-z0-9]*$/
def SERVICES = ['api-service', 'bot-service', 'worker-service', 'data-postgres-service', 'data-mongo-service']
def BUSINESS_SERVICES = ['api-service', 'bot-service', 'worker-service']

// property -> closure returning null when the value is valid, else [rule, example]
def rules = [
    groupId     : { v -> v ==~ /^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$/ ? null :
                        ['a Maven groupId: letters, digits, "-" and "_" in dot-separated parts', 'com.acme'] },
    artifactId  : { v -> v ==~ KEBAB ? null :
                        ['lower-case letters and digits in words joined by "-", starting with a letter', 'billing-data'] },
    version     : { v -> v ==~ /^[A-Za-z0-9][A-Za-z0-9._\-]*$/ ? null :
                        ['a Maven version: letters, digits, ".", "-" and "_"', '1.0.0-SNAPSHOT'] },
    'package'   : { v ->
                        def parts = v.split('\\.', -1) as List
                        def bad = parts.find { !(it ==~ /^[a-z_][a-z0-9_]*$/) }
                        if (bad != null) return ["dot-separated lower-case Java identifiers (\"${bad}\" is not one)", 'com.acme.billing']
                        def keyword = parts.find { JAVA_KEYWORDS.contains(it) }
                        keyword ? ["dot-separated Java identifiers that are not Java keywords (\"${keyword}\" is one)", 'com.acme.billing'] : null },
    entity      : { v ->
                        if (!(v ==~ PASCAL)) return ['a PascalCase singular Java class name: an upper-case letter, then letters and digits', 'Invoice']
                        TAKEN_CLASS_NAMES.contains(v) ? ["a class name that does not clash with java.lang or the generated code (\"${v}\" does)", 'Invoice'] : null },
    entityPlural: { v ->
                        if (!(v ==~ PASCAL)) return ['a PascalCase Java name: an upper-case letter, then letters and digits', 'Invoices']
                        v == props.getProperty('entity') ? ['different from the entity name', props.getProperty('entity') + 's'] : null },
    entityVar   : { v -> (v ==~ /^[a-z][A-Za-z0-9]*$/ && !JAVA_KEYWORDS.contains(v)) ? null :
                        ['a lowerCamelCase Java variable name that is not a keyword', 'invoice'] },
    resourcePath: { v -> v ==~ KEBAB ? null : ['a kebab-case URL path segment', 'invoices'] },
    tableName   : { v -> v ==~ /^[a-z][a-z0-9_]*$/ ? null : ['a snake_case SQL table name', 'invoices'] },
    eventPrefix : { v -> v ==~ KEBAB ? null : ['a kebab-case event type prefix', 'invoice'] },
    activityPath: { v -> v ==~ KEBAB ? null : ['a kebab-case URL path segment', 'invoice-activities'] },
    javaVersion : { v -> v in ['17', '21', '25'] ? null : ['one of 17, 21 or 25', '25'] },
    appName     : { v -> v ==~ KEBAB ? null :
                        ['lower-case letters and digits in words joined by "-", starting with a letter', 'billing'] },
    services    : { v ->
                        def names = v.split(',').collect { it.trim() }.findAll { it }
                        def unknown = names.findAll { !SERVICES.contains(it) }
                        if (unknown) return ["a comma-separated list of: ${SERVICES.join(', ')} (unknown: ${unknown.join(', ')})", 'api-service,data-postgres-service']
                        names ? null : ['at least one service', 'api-service,data-postgres-service'] },
]

def problems = []
rules.each { key, rule ->
    def value = key == 'groupId' ? request.groupId : key == 'artifactId' ? request.artifactId
            : key == 'version' ? request.version : key == 'package' ? request.'package' : props.getProperty(key)
    if (value == null) {
        return
    }
    def broken = rule(value.toString())
    if (broken) {
        problems << "Invalid value '${value}' for property '${key}': it must be ${broken[0]}. Example: -D${key}=${broken[1]}"
    }
}

// A JDL domain file (several entities) is read by archetype-project and archetype-data-postgres; the other service
// archetypes model one entity (-Dentity and -Dfields) on their own, and the project's domain (domain.jdl) inside a project.
def systemDomain = request.mavenSession?.userProperties?.getProperty('domain') ?: System.getProperty('domain')
if (systemDomain && props.getProperty('domain') == null) {
    problems << "Invalid value '${systemDomain}' for property 'domain': it must be none, ${request.archetypeArtifactId} models one entity " +
            "(-Dentity and -Dfields); archetype-project and archetype-data-postgres read a JDL domain. Example: -Ddomain=none"
}
def projectDomain = new File(outputDir, 'domain.jdl')
def addingEntity = request.archetypeArtifactId == 'archetype-entity'
if (addingEntity && new File(outputDir, 'pom.xml').isFile()) {
    // the archetype plugin merged its (empty) POM into the project's and wrote it back without <relativePath/>:
    // put it back, whether the entity is added or refused
    def rootPom = new File(outputDir, 'pom.xml')
    def merged = rootPom.getText('UTF-8')
    def parent = (merged =~ /(?s)<parent>.*?<\/parent>/)
    if (parent.find() && !parent.group().contains('relativePath')) {
        rootPom.write(merged.replaceFirst('(?s)(<parent>.*?)(\\s*</parent>)', '$1\n    <relativePath/>$2'), 'UTF-8')
    }
}
def ADD_TO_PROJECT = 'addToProject'

// The domain: the fields description (JDL field syntax) parsed once, by the generator whose classes this archetype jar
// carries (built from generator/ of the collection). It sees the archetype plugin's Velocity engine through the
// plugin's class loader.
def generator = null
if (props.getProperty('entity') != null && !problems) {
    def archetypeJar = Thread.currentThread().contextClassLoader
    def loader = new URLClassLoader(archetypeJar.URLs, request.class.classLoader)
    def properties = new HashMap(props)
    properties.putAll([groupId: request.groupId, artifactId: request.artifactId, version: request.version, 'package': request.'package',
                       outputDirectory: request.outputDirectory])
    if (addingEntity) {
        // archetype-entity: the project's domain (domain.jdl, which also records its package and appName) plus the entity
        properties[ADD_TO_PROJECT] = outputDir.path
    } else if (projectDomain.isFile() && !systemDomain) {
        // a service added to a generated project models the project's domain (its domain.jdl), not entity and fields
        properties.domain = projectDomain.path
    }
    try {
        generator = loader.loadClass('dev.msframework.generator.Generator').fromArchetype(properties)
    } catch (Exception e) {
        if (e.class.name != 'dev.msframework.generator.DomainException') {
            throw e
        }
        if (addingEntity) {
            def key = e.message.contains('exists already') ? 'entity' : e.message.contains('not a project') ? 'outputDirectory' : 'fields'
            def example = key == 'entity' ? 'Order' : key == 'outputDirectory' ? "the project's root directory" : '"name String required maxlength(80), placedOn LocalDate"'
            problems << "Invalid value '${key == 'outputDirectory' ? outputDir.path : props.getProperty(key)}' for property '${key}': ${e.message}\n" +
                    "  archetype-entity adds one entity to a project generated by archetype-project. Example: -D${key}=${example}"
        } else if (props.getProperty('domain') && props.getProperty('domain') != 'none') {
            problems << "Invalid value '${props.getProperty('domain')}' for property 'domain': ${e.message}\n" +
                    "  The file is JDL: entity, enum and relationship ManyToOne/OneToMany blocks (docs/properties.md). Example: -Ddomain=model.jdl"
        } else {
            problems << "Invalid value '${props.getProperty('fields')}' for property 'fields': ${e.message}\n" +
                    "  The syntax is JDL's: declarations separated by ',', each 'name Type [validations]' (docs/properties.md). " +
                    "Example: -Dfields=\"name String required maxlength(80), price BigDecimal min(0), category Category{BOOKS|GAMES}\""
        }
    }
}

// Leaves nothing behind: the generated module and, inside a multi-module project, its <module> entry.
def removeGenerated = {
    if (moduleDir.exists()) {
        moduleDir.deleteDir()
    }
    def parentPom = new File(outputDir, 'pom.xml')
    if (parentPom.exists()) {
        def text = parentPom.getText('UTF-8')
        def cleaned = text.replaceAll("(?m)^[ \\t]*<module>${java.util.regex.Pattern.quote(request.artifactId)}</module>[ \\t]*\\r?\\n", '')
        if (cleaned != text) {
            parentPom.write(cleaned, 'UTF-8')
        }
    }
}

if (problems) {
    removeGenerated()
    throw new IllegalArgumentException('archetype:generate stopped, nothing was generated.\n' + problems.join('\n'))
}

// The build needs a JDK of at least javaVersion (the enforcer rule of framework-parent says so): say it now, not later.
def javaVersion = props.getProperty('javaVersion')
if (javaVersion && Runtime.version().feature() < (javaVersion as int)) {
    println "[WARNING] ${request.artifactId} compiles for Java ${javaVersion}, and this Maven runs on Java ${Runtime.version().feature()}: " +
            "build it with a JDK ${javaVersion} in JAVA_HOME, or generate it again with -DjavaVersion=${Runtime.version().feature() >= 21 ? 21 : 17}"
}

// ---------------------------------------------------------------------------------------------------------------
// A module inside a multi-module project (a whole system from archetype-project, or a service archetype run inside
// a generated project later) becomes a child of the project: the project's POM as parent, the project's contracts
// module instead of its own copy of the contracts, and the project's Maven Wrapper.

def text = { File f -> f.getText('UTF-8') }
def tagOf = { String xml, String tag -> (xml =~ "<${tag}>([^<]+)</${tag}>") ? (xml =~ "<${tag}>([^<]+)</${tag}>")[0][1].trim() : null }
def withoutParent = { String xml -> xml.replaceFirst('(?s)<parent>.*?</parent>', '') }

// The module joins the project's operations files, where the project has them: its block in docker-compose.yml
// (from the module's src/main/docker/compose-service.yml), its Prometheus scrape job, its Grafana dashboard
// (from deploy/grafana/service-dashboard.json) and its row in the README's table of services.
def registerModule = { File projectDir, File module, String description ->
    def name = module.name
    def appendOnce = { File file, String marker, String addition ->
        if (file.exists() && !text(file).contains(marker)) {
            def current = text(file)
            file.write(current + (current.endsWith('\n') ? '' : '\n') + addition, 'UTF-8')
        }
    }
    def fragment = new File(module, 'src/main/docker/compose-service.yml')
    if (fragment.exists()) {
        def block = text(fragment).readLines().findAll { !it.startsWith('#') }.join('\n').replace('__service__', name).trim()
        appendOnce(new File(projectDir, 'docker-compose.yml'), "\n  ${name}:\n", '  ' + block + '\n')
    }
    def properties = new File(module, 'src/main/resources/application.properties')
    def port = properties.exists() ? (text(properties) =~ /(?m)^quarkus\.http\.port=(\d+)/).with { it ? it[0][1] : null } : null
    if (!port && fragment.exists()) {
        port = (text(fragment) =~ /QUARKUS_HTTP_PORT:\s*"?(\d+)/).with { it ? it[0][1] : null }
    }
    if (port) {
        appendOnce(new File(projectDir, 'deploy/prometheus/prometheus.yml'), "job_name: ${name}\n",
                "  - job_name: ${name}\n    metrics_path: /q/metrics\n    static_configs:\n      - targets: ['${name}:${port}']\n")
    }
    def dashboard = new File(projectDir, 'deploy/grafana/service-dashboard.json')
    if (dashboard.exists()) {
        def target = new File(projectDir, "deploy/grafana/dashboards/${name}.json")
        target.parentFile.mkdirs()
        target.write(text(dashboard).replace('__service__', name), 'UTF-8')
    }
    def readme = new File(projectDir, 'README.md')
    def endOfTable = '<!-- end of services -->'
    if (readme.exists() && text(readme).contains(endOfTable) && !text(readme).contains("| [`${name}`](${name}/README.md) |")) {
        readme.write(text(readme).replace(endOfTable,
                "| [`${name}`](${name}/README.md) | ${port ?: ''} | ${description ?: ''} |\n${endOfTable}"), 'UTF-8')
    }
}

def adoptModule = { File projectDir, File module ->
    def projectPom = text(new File(projectDir, 'pom.xml'))
    def own = withoutParent(projectPom.replaceFirst('(?s)<dependencyManagement>.*</dependencyManagement>', '')
            .replaceFirst('(?s)<build>.*</build>', '').replaceFirst('(?s)<modules>.*</modules>', ''))
    def groupId = tagOf(own, 'groupId') ?: tagOf(projectPom, 'groupId')
    def artifactId = tagOf(own, 'artifactId')
    def version = tagOf(own, 'version') ?: tagOf(projectPom, 'version')
    def pomFile = new File(module, 'pom.xml')
    def pom = text(pomFile).replaceFirst('(?si)[ \t]*<!--[^>]*?framework updates[^>]*?-->\s*\n', '')
    pom = pom.replaceFirst('(?s)<parent>.*?</parent>',
            "<parent>\n    <groupId>${groupId}</groupId>\n    <artifactId>${artifactId}</artifactId>\n    <version>${version}</version>\n  </parent>")
    def packagePath = request.'package'.replace('.', '/')
    def projectContracts = new File(projectDir, "contracts/src/main/java/${packagePath}/contract")
    def ownContracts = new File(module, "src/main/java/${packagePath}/contract")
    if (projectContracts.isDirectory()) {
        ownContracts.deleteDir()
        def contractsId = tagOf(withoutParent(text(new File(projectDir, 'contracts/pom.xml'))), 'artifactId')
        pom = pom.replaceFirst('<dependencies>', "<dependencies>\n    <!-- the HTTP contracts and event schemas of the system, defined once -->\n"
                + "    <dependency>\n      <groupId>${groupId}</groupId>\n      <artifactId>${contractsId}</artifactId>\n    </dependency>")
    }
    // the gateways of the data services live once, in the project's clients module, where it has one
    def projectClients = new File(projectDir, "clients/src/main/java/${packagePath}/client")
    def ownClients = new File(module, "src/main/java/${packagePath}/client")
    def businessService = pom.contains('<msframework.businessRules.skip>false</msframework.businessRules.skip>')
    if (projectClients.isDirectory() && businessService) {
        ownClients.deleteDir()
        def clientsId = tagOf(withoutParent(text(new File(projectDir, 'clients/pom.xml'))), 'artifactId')
        pom = pom.replaceFirst('<dependencies>', "<dependencies>\n    <!-- the gateways of the data services, defined once -->\n"
                + "    <dependency>\n      <groupId>${groupId}</groupId>\n      <artifactId>${clientsId}</artifactId>\n    </dependency>")
    }
    pomFile.write(pom, 'UTF-8')
    ['mvnw', 'mvnw.cmd', '.mvn'].each { name ->
        def f = new File(module, name)
        f.isDirectory() ? f.deleteDir() : f.delete()
    }
    registerModule(projectDir, module, tagOf(withoutParent(pom), 'description'))
}

// The per-entity files (contracts, entity, migration, resources, gateways, handlers and their tests): rendered by the
// generator for each entity of the domain. A failure leaves nothing behind.
def renderEntities = { Closure pieces ->
    if (generator == null) {
        return
    }
    try {
        pieces(generator)
        generator.write()
    } catch (Exception e) {
        removeGenerated()
        throw new IllegalStateException('archetype:generate stopped, nothing was generated: ' + e.message, e)
    }
}

def servicesProperty = props.getProperty('services')
if (addingEntity) {
    // archetype-entity (partial): the new entity's files in each module of the project, its rows, domain.jdl
    renderEntities { gen ->
        outputDir.listFiles().findAll { it.isDirectory() }.each { dir ->
            gen.piecesOfModule(dir).each { piece -> gen.render(piece, dir) }
        }
        gen.renderRows(outputDir)
    }
    println "[archetype-entity] added ${props.getProperty('entity')} to ${outputDir}: build it with ./mvnw verify"
} else if (servicesProperty != null) {
    // archetype-project: keep the selected service modules only, then adopt them
    def selected = servicesProperty.split(',').collect { it.trim() }.findAll { it } as Set
    def rootPom = new File(moduleDir, 'pom.xml')
    def pom = text(rootPom)
    SERVICES.findAll { !selected.contains(it) }.each { service ->
        new File(moduleDir, service).deleteDir()
        pom = pom.replaceAll("(?m)^[ \\t]*<module>${service}</module>[ \\t]*\\r?\\n", '')
    }
    // the end-to-end test of the compose stack drives the API and its data service
    if (!(selected.contains('api-service') && selected.contains('data-postgres-service'))) {
        new File(moduleDir, 'e2e-tests').deleteDir()
        pom = pom.replaceAll("(?m)^[ \\t]*<module>e2e-tests</module>[ \\t]*\\r?\\n", '')
    }
    // the gateways serve the business services only
    if (!BUSINESS_SERVICES.any { selected.contains(it) }) {
        new File(moduleDir, 'clients').deleteDir()
        pom = pom.replaceAll("(?m)^[ \\t]*<module>clients</module>[ \\t]*\\r?\\n", '')
    }
    rootPom.write(pom, 'UTF-8')
    renderEntities { gen ->
        moduleDir.listFiles().findAll { it.isDirectory() }.each { dir ->
            gen.piecesOfModule(dir.name).each { piece -> gen.render(piece, dir) }
        }
        gen.renderRows(moduleDir)
        gen.renderDomainFile(moduleDir)
    }
    SERVICES.findAll { selected.contains(it) && new File(moduleDir, it).isDirectory() }.each { service ->
        adoptModule(moduleDir, new File(moduleDir, service))
    }
    new File(moduleDir, 'mvnw').setExecutable(true, false)
} else {
    renderEntities { gen ->
        gen.piecesOfArchetype(request.archetypeArtifactId).each { piece -> gen.render(piece, moduleDir) }
    }
    if (new File(outputDir, 'pom.xml').exists()) {
        adoptModule(outputDir, moduleDir)
    } else {
        new File(moduleDir, 'mvnw').setExecutable(true, false)
    }
}
