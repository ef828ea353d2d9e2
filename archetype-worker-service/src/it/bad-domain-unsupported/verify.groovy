evaluate(new File(templatesDir, 'it/verify-bad-input.groovy'))
