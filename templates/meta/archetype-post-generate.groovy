// Runs after archetype:generate. Its logic is Java, dev.msframework.generator.PostGenerate (generator/), whose classes
// every archetype jar carries: the archetype plugin compiles this script with Groovy at every generation, so it is one
// call that hands the request over (decision 0048). The loader reads the archetype jar and, through the plugin's class
// loader, the plugin's Velocity engine.
new URLClassLoader(Thread.currentThread().contextClassLoader.URLs, request.class.classLoader)
        .loadClass('dev.msframework.generator.PostGenerate').afterGenerate(request)
