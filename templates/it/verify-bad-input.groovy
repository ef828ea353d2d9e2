// Shared check of the bad-input tests (src/it/bad-*): archetype:generate ran in batch mode with one invalid
// property, named by `expect.property` in the test's test.properties. The build must have failed naming the
// property, the value and an example, and must have left nothing generated behind.
def props = new Properties()
new File(basedir, 'test.properties').withInputStream { props.load(it) }
def key = props.getProperty('expect.property')
def value = props.getProperty(key)
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains("Invalid value '${value}' for property '${key}'") : "build.log does not name ${key}='${value}'"
assert log.contains("Example: -D${key}=") : "build.log gives no valid example for ${key}"
assert log.contains('nothing was generated')
// optionally, the rule the message must state
def message = props.getProperty('expect.message')
assert message == null || log.contains(message) : "build.log does not say: ${message}"

// .mvn is the invoker's own (empty) marker of the project root
def expected = ['test.properties', 'invoker.properties', 'verify.groovy', 'build.log', '.mvn'] as Set
def leftovers = basedir.list().findAll { !expected.contains(it) && !it.endsWith('.jdl') } + (new File(basedir, '.mvn').list() ?: []).collect { ".mvn/$it" }
assert leftovers.isEmpty() : "generation left files behind: ${leftovers}"
return true
