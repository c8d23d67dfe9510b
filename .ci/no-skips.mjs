// Fails CI when the test run skipped anything: every suite is required there.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
const skipped = report.testResults.flatMap((file) =>
  file.assertionResults.filter((t) => t.status !== 'passed').map((t) => `${file.name}: ${t.fullName} (${t.status})`),
);
console.log(`ci: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped.length} not passed`);
if (skipped.length || report.numTotalTests === 0) {
  for (const line of skipped) console.log(`  ${line}`);
  process.exit(1);
}
