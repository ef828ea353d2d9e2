// A product catalogue generated from -Dfields has none of the task sample's fields; an entity added later with
// archetype-entity joins every layer like one generated with the project; an entity that exists and a reference to
// an unknown entity are refused and change nothing; the project builds and passes its tests (step 5).
def project = new File(basedir, 'acme-shop')
def pkg = 'com/acme/shop'
def text = { String path -> def f = new File(project, path); assert f.isFile() : "missing ${f}"; f.getText('UTF-8') }

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

["contracts/src/main/java/${pkg}/contract/ReviewApi.java", "contracts/src/main/java/${pkg}/contract/ReviewActivityApi.java",
 "data-postgres-service/src/main/java/${pkg}/domain/Review.java", "data-postgres-service/src/test/java/${pkg}/rest/ReviewResourceTest.java",
 "api-service/src/main/java/${pkg}/rest/ReviewResource.java", "api-service/src/test/java/${pkg}/rest/ReviewResourceTest.java",
 "worker-service/src/main/java/${pkg}/worker/ReviewActivityRecorder.java", "worker-service/src/main/java/${pkg}/worker/ReviewPostedOnJob.java"].each { text(it) }

// a new migration after the project's first, with the table and its foreign key to products
def migration = text('data-postgres-service/src/main/resources/db/migration/V2__create_reviews.sql')
assert migration.contains('create table reviews') && migration.contains('references products (id)') : migration
assert !text('data-postgres-service/src/main/resources/db/migration/V1__create_schema.sql').contains('reviews')

// the project's record of its domain and its documentation; the POM merged by the archetype plugin keeps its parent
def domain = text('domain.jdl')
assert domain.contains('entity Product {') && domain.contains('entity Review {') && domain.contains('product Product required')
assert domain.count('entity Product {') == 1 && !domain.contains('Coupon') : 'the refused entities changed nothing'
assert !new File(project, "contracts/src/main/java/${pkg}/contract/CouponApi.java").exists()
assert text('README.md').contains('| `Review` |') && text('AGENTS.md').contains('| `Review` |')
assert text('README.md').count('| `Product` |') == 1 : 'the rows of the other entities stay as they are'
assert text('pom.xml').contains('<relativePath/>')

// the refusals name the property, the value and the rule (build.log holds every step)
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("Invalid value 'Product' for property 'entity': The entity Product exists already in this project")
assert log.contains("Invalid value 'customer Customer required, code String required' for property 'fields': entity Coupon: " +
        "Field 'customer': unknown type 'Customer'") && log.contains('The entities of this project: Product, Review.')
return true
