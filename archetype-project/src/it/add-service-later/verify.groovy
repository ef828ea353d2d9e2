// A worker generated into an existing project later must join it exactly like a module generated with it.
def project = new File(basedir, 'acme-shop')
def worker = new File(project, 'billing-worker')
def text = { File f -> assert f.isFile() : "missing ${f}"; f.getText('UTF-8') }

assert text(new File(project, 'pom.xml')).contains('<module>billing-worker</module>')
def pom = text(new File(worker, 'pom.xml'))
assert pom =~ /(?s)<parent>\s*<groupId>com.acme<\/groupId>\s*<artifactId>acme-shop<\/artifactId>/ : 'the project POM must be the parent'
assert pom.contains('<artifactId>acme-shop-contracts</artifactId>') : 'the module must use the contracts module'
assert !new File(worker, 'src/main/java/com/acme/shop/contract').exists() : 'the module must not keep its own contracts'
assert !new File(worker, 'mvnw').exists() && !new File(worker, '.mvn').exists() : 'the project wrapper serves the module'
assert text(new File(project, 'docker-compose.yml')) =~ /(?m)^  billing-worker:$/
assert text(new File(project, 'deploy/prometheus/prometheus.yml')).contains("targets: ['billing-worker:8084']")
assert new File(project, 'deploy/grafana/dashboards/billing-worker.json').isFile()
assert text(new File(project, 'README.md')).contains('| [`billing-worker`](billing-worker/README.md) | 8084 |')
assert new File(worker, 'target/quarkus-app/quarkus-run.jar').isFile() : 'the worker was not built'

// and the operations files are still valid as a whole
binding.setVariable('projectDir', project)
evaluate(new File(basedir, '../../test-classes/verify-project.groovy'))
return true
