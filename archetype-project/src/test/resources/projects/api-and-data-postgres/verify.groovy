// the checks shared by every project IT
evaluate(new File(basedir, '../../verify-project.groovy'))
