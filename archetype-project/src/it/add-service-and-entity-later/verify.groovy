// A product catalogue generated from -Dfields has none of the task sample's fields. A worker generated into it later
// joins it like a module generated with it and models its domain (domain.jdl). An entity added later with
// archetype-entity joins every layer, the later worker too; an entity that exists and a reference to an unknown
// entity are refused and change nothing. The project builds and passes its tests (step 6).
def project = new File(basedir, 'acme-shop')
def worker = new File(project, 'billing-worker')
def pkg = 'com/acme/shop'
def text = { String path -> def f = new File(project, path); assert f.isFile() : "missing ${f}"; f.getText('UTF-8') }

// ----- the fields: nothing of the sample -----
def sample = ~/dueDate|due_date|dueBefore|IN_PROGRESS|\bdescription\(\)|TaskStatus/
def leftovers = []
project.eachFileRecurse { f ->
    if (f.isFile() && !f.path.contains('/target/') && (f.name.endsWith('.java') || f.name.endsWith('.sql'))) {
        f.readLines('UTF-8').eachWithIndex { line, i ->
            if (line =~ sample && !line.contains('case IN_PROGRESS')) {
                leftovers << "${project.toPath().relativize(f.toPath())}:${i + 1}: ${line.trim()}"
            }
        }
    }
}
assert leftovers.isEmpty() : "sample fields left in the generated code:\n" + leftovers.join('\n')
text("contracts/src/main/java/${pkg}/contract/Category.java")

// ----- the worker added later -----
assert text('pom.xml').contains('<module>billing-worker</module>')
def pom = text('billing-worker/pom.xml')
assert pom =~ /(?s)<parent>\s*<groupId>com.acme<\/groupId>\s*<artifactId>acme-shop<\/artifactId>/ : 'the project POM must be the parent'
assert pom.contains('<artifactId>acme-shop-contracts</artifactId>') : 'the module must use the contracts module'
assert !new File(worker, "src/main/java/${pkg}/contract").exists() : 'the module must not keep its own contracts'
assert pom.contains('<artifactId>acme-shop-clients</artifactId>') : 'the module must use the clients module'
assert !new File(worker, "src/main/java/${pkg}/client").exists() : 'the module must not keep its own gateways'
assert !new File(worker, 'mvnw').exists() && !new File(worker, '.mvn').exists() : 'the project wrapper serves the module'
assert text('docker-compose.yml') =~ /(?m)^  billing-worker:$/
assert text('deploy/prometheus/prometheus.yml').contains("targets: ['billing-worker:8084']")
assert new File(project, 'deploy/grafana/dashboards/billing-worker.json').isFile()
assert text('README.md').contains('| [`billing-worker`](billing-worker/README.md) | 8084 |')
text("billing-worker/src/main/java/${pkg}/worker/ProductActivityRecorder.java")
assert new File(worker, 'target/quarkus-app/quarkus-run.jar').isFile() : 'the worker was not built'

// ----- the entity added later, in every layer (the worker found by its kind) -----
["contracts/src/main/java/${pkg}/contract/ReviewApi.java", "contracts/src/main/java/${pkg}/contract/ReviewActivityApi.java",
 "clients/src/main/java/${pkg}/client/ReviewGateway.java", "data-postgres-service/src/main/java/${pkg}/domain/Review.java", "data-postgres-service/src/test/java/${pkg}/rest/ReviewResourceTest.java",
 "api-service/src/main/java/${pkg}/rest/ReviewResource.java", "api-service/src/test/java/${pkg}/rest/ReviewResourceTest.java",
 "billing-worker/src/main/java/${pkg}/worker/ReviewActivityRecorder.java", "billing-worker/src/main/java/${pkg}/worker/ReviewPostedOnJob.java"].each { text(it) }
def migration = text('data-postgres-service/src/main/resources/db/migration/V2__create_reviews.sql')
assert migration.contains('create table reviews') && migration.contains('references products (id)') : migration
assert !text('data-postgres-service/src/main/resources/db/migration/V1__create_schema.sql').contains('reviews')
def domain = text('domain.jdl')
assert domain.contains('entity Product {') && domain.contains('entity Review {') && domain.contains('product Product required')
assert text('README.md').contains('| `Review` |') && text('AGENTS.md').contains('| `Review` |')
assert text('README.md').count('| `Product` |') == 1 : 'the rows of the other entities stay as they are'

// ----- the refused ones: named, nothing of them written, the POM merged by the archetype plugin keeps its parent -----
assert domain.count('entity Product {') == 1 && !domain.contains('Coupon')
assert !new File(project, "contracts/src/main/java/${pkg}/contract/CouponApi.java").exists()
assert text('pom.xml').contains('<relativePath/>')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("Invalid value 'Product' for property 'entity': The entity Product exists already in this project")
assert log.contains("Invalid value 'customer Customer required, code String required' for property 'fields': entity Coupon: " +
        "Field 'customer': unknown type 'Customer'") && log.contains('The entities of this project: Product, Review.')

// and the operations files are still valid as a whole
binding.setVariable('projectDir', project)
evaluate(new File(basedir, '../../test-classes/verify-project.groovy'))
return true
