"""Summarises the tests run by the generated projects (archetype ITs), the bad-input tests, the system tests
and the distribution tests, and
prints the build log tail of every failed generated project."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
passed = failed = skipped = 0
failed_projects = []

reports = [report for pattern in (
    "**/target/test-classes/projects/**/target/*-reports/TEST-*.xml",  # the generated projects' own tests
    "system-tests/target/failsafe-reports/TEST-*.xml",                 # end-to-end and Kubernetes manifests
    "distribution/target/distribution-reports/TEST-*.xml",             # catalog, JSON, deploy-then-generate
) for report in glob.glob(os.path.join(root, pattern), recursive=True)]
for report in reports:
    suite = ET.parse(report).getroot()
    tests, fails = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skips = int(suite.get("skipped", 0))
    passed += tests - fails - skips
    failed += fails
    skipped += skips
    if fails:
        failed_projects.append(report.split("/target/")[0] + "/target/..")

for report in glob.glob(os.path.join(root, "**/target/invoker-reports/BUILD-*.xml"), recursive=True):
    result = ET.parse(report).getroot().get("result")
    if result == "success":
        passed += 1
    elif result in ("failure-build", "failure-post-hook", "error", "failure-pre-hook"):
        failed += 1
        failed_projects.append(report)

for build_log in glob.glob(os.path.join(root, "**/target/test-classes/projects/**/build.log"), recursive=True):
    with open(build_log, errors="replace") as f:
        text = f.read()
    if "BUILD FAILURE" in text:
        print(f"\n--- {build_log} (last 60 lines) ---")
        print("\n".join(text.splitlines()[-60:]))

print(f"\ntests: {passed} passed, {failed} failed, {skipped} skipped")
