// Runs after archetype:generate. Its logic is Java, dev.msframework.generator.PostGenerate (generator/), whose classes
// every archetype jar carries: the archetype plugin compiles this script with Groovy at every generation, seconds for
// a long one, so it only hands the request's values over (decision 0048). The loader reads the archetype jar and,
// through the plugin's class loader, the plugin's Velocity engine.
def loader = new URLClassLoader(Thread.currentThread().contextClassLoader.URLs, request.class.classLoader)
loader.loadClass('dev.msframework.generator.PostGenerate').afterGenerate(request.properties, request.groupId, request.artifactId,
        request.version, request.'package', request.archetypeArtifactId, request.outputDirectory,
        request.mavenSession?.userProperties?.getProperty('domain') ?: System.getProperty('domain'))
