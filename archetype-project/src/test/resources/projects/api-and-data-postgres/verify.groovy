// the checks shared by every project IT
evaluate(new File(basedir, '../../verify-project.groovy'))

// Generated from -Dfields (a product catalogue): nothing of the task sample's fields is left in the code.
File project = new File(basedir, 'project/shop')
def sample = ~/dueDate|due_date|dueBefore|IN_PROGRESS|\bdescription\(\)|TaskStatus/
def leftovers = []
project.eachFileRecurse { f ->
    if (f.isFile() && !f.path.contains('/target/') && (f.name.endsWith('.java') || f.name.endsWith('.sql'))) {
        f.readLines('UTF-8').eachWithIndex { line, i ->
            if (line =~ sample) {
                leftovers << "${project.toPath().relativize(f.toPath())}:${i + 1}: ${line.trim()}"
            }
        }
    }
}
assert leftovers.isEmpty() : "sample fields left in the generated code:\n" + leftovers.join('\n')
assert new File(project, 'contracts/src/main/java/org/example/shop/contract/Category.java').isFile()
return true
