// A node:test reporter that writes `{ passed, failed, failures }` as JSON once the run ends. Suites
// (describe blocks) are not counted: only tests are.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') passed += 1;
    else {
      failed += 1;
      failures.push(`${event.data.file ?? ''} › ${event.data.name}`);
    }
  }
  yield `${JSON.stringify({ passed, failed, failures })}\n`;
}
