// An entity added later with archetype-entity joins every layer like one generated with the project; bad entities
// are refused with the property named and change nothing; the project builds and passes its tests (step 5).
def project = new File(basedir, 'acme-shop')
def pkg = 'com/acme/shop'
def text = { String path -> def f = new File(project, path); assert f.isFile() : "missing ${f}"; f.getText('UTF-8') }

['contracts/src/main/java/${pkg}/contract/ReviewApi.java', 'contracts/src/main/java/${pkg}/contract/ReviewActivityApi.java',
 'data-postgres-service/src/main/java/${pkg}/domain/Review.java', 'data-postgres-service/src/test/java/${pkg}/rest/ReviewResourceTest.java',
 'api-service/src/main/java/${pkg}/rest/ReviewResource.java', 'api-service/src/test/java/${pkg}/rest/ReviewResourceTest.java',
 'worker-service/src/main/java/${pkg}/worker/ReviewActivityRecorder.java', 'worker-service/src/main/java/${pkg}/worker/ReviewPostedOnJob.java',
 'data-mongo-service/src/main/java/${pkg}/rest/ReviewActivityResource.java'].each { text(it.replace('${pkg}', pkg)) }

// a new migration after the project's first, with the table and its foreign key to products
def migration = text('data-postgres-service/src/main/resources/db/migration/V2__create_reviews.sql')
assert migration.contains('create table reviews') && migration =~ /references products/ : migration
assert !text('data-postgres-service/src/main/resources/db/migration/V1__create_schema.sql').contains('reviews')

// the project's record of its domain and its documentation
def domain = text('domain.jdl')
assert domain.contains('entity Product {') && domain.contains('entity Review {') && domain.contains('product Product required')
assert text('README.md').contains('| `Review` |') && text('AGENTS.md').contains('| `Review` |')
assert text('README.md').count('| `Product` |') == 1 : 'the rows of the other entities stay as they are'

// the refused ones: named, and nothing of them was written
assert !domain.contains('Coupon') && !new File(project, "contracts/src/main/java/${pkg}/contract/CouponApi.java").exists()
assert domain.count('entity Product {') == 1
return true
