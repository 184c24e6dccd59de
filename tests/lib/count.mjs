#!/usr/bin/env node
// Counts test results of one suite from its result files.
//
//   node tests/lib/count.mjs trx a.trx [b.trx ...]
//   node tests/lib/count.mjs vitest vitest.json
//   node tests/lib/count.mjs playwright playwright.json
//   node tests/lib/count.mjs eslint eslint.json        (ESLint's json format: one test per linted file)
//
// Prints to stdout one line "PASSED FAILED SKIPPED", then one line per problem:
//   "FAILED <name>" / "SKIPPED <name>" / "ERROR <message>"
// Exit code 2 when a file is missing or cannot be parsed (the caller counts the suite as failed).
import { readFileSync, existsSync } from 'node:fs';

const [kind, ...files] = process.argv.slice(2);
if (!kind || files.length === 0) {
  console.error('usage: count.mjs trx|vitest|playwright|eslint FILE...');
  process.exit(2);
}

let passed = 0, failed = 0, skipped = 0;
const lines = [];

const decode = (s) => s
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
  .replace(/&amp;/g, '&');
const attrs = (tag) => {
  const o = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) o[m[1]] = decode(m[2]);
  return o;
};

function countTrx(text, file) {
  const c = text.match(/<Counters\b[^>]*>/);
  if (!c) throw new Error(`${file}: no <Counters> element`);
  const k = attrs(c[0]);
  const n = (x) => Number(k[x] ?? 0);
  // VSTest: xunit skips are in total but not in executed (notExecuted stays 0).
  const p = n('passed');
  const s = Math.max(n('total') - n('executed'), 0) + n('notExecuted') + n('inconclusive') + n('notRunnable');
  const f = Math.max(n('total') - p - s, 0);
  passed += p; skipped += s; failed += f;
  for (const m of text.matchAll(/<UnitTestResult\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.outcome === 'Passed') continue;
    lines.push(`${a.outcome === 'NotExecuted' ? 'SKIPPED' : 'FAILED'} ${a.testName} (${a.outcome})`);
  }
  const rs = text.match(/<ResultSummary\b[^>]*>/);
  if (rs && attrs(rs[0]).outcome === 'Failed' && f === 0 && s === 0) {
    // e.g. the test host crashed: the counters look clean but the run failed
    failed += 1;
    lines.push(`ERROR ${file}: run outcome Failed although no test failed (test host crash?)`);
  }
}

function countVitest(j) {
  const p = j.numPassedTests ?? 0;
  const f = j.numFailedTests ?? 0;
  const s = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  passed += p; failed += f; skipped += s;
  const other = (j.numTotalTests ?? 0) - p - f - s;
  if (other > 0) { failed += other; lines.push(`ERROR ${other} test(s) with an unknown status`); }
  for (const file of j.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    for (const a of assertions) {
      if (a.status === 'passed') continue;
      const name = `${file.name?.replace(process.cwd() + '/', '')} > ${a.fullName ?? a.title}`;
      lines.push(`${a.status === 'failed' ? 'FAILED' : 'SKIPPED'} ${name} (${a.status})`);
    }
    // A test file that fails to load has no assertion results but status "failed".
    if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
      failed += 1;
      lines.push(`FAILED ${file.name}: ${(file.message || 'test file failed').split('\n')[0]}`);
    }
  }
}

function countPlaywright(j) {
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = `[${t.projectName}] ${[...path, spec.title].filter(Boolean).join(' > ')}`;
        // status: expected | unexpected | flaky | skipped
        if (t.status === 'expected') passed += 1;
        else if (t.status === 'skipped') { skipped += 1; lines.push(`SKIPPED ${name}`); }
        else { failed += 1; lines.push(`FAILED ${name} (${t.status})`); }
      }
    }
    for (const s of suite.suites ?? []) walk(s, [...path, s.title]);
  };
  for (const s of j.suites ?? []) walk(s, [s.title]);
  for (const e of j.errors ?? []) {
    failed += 1;
    lines.push(`ERROR ${(e.message ?? JSON.stringify(e)).split('\n')[0]}`);
  }
}

// A linted file passes with no message at all: errors, warnings and unused disable directives all fail it.
function countEslint(results) {
  if (!Array.isArray(results)) throw new Error('ESLint result is not an array');
  for (const r of results) {
    const name = String(r.filePath).replace(process.cwd() + '/', '');
    const messages = r.messages ?? [];
    if (messages.length === 0) { passed += 1; continue; }
    failed += 1;
    for (const m of messages) {
      lines.push(`FAILED ${name}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? (m.fatal ? 'parse error' : '')} ${String(m.message).split('\n')[0]}`);
    }
  }
}

try {
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`${file}: result file missing`);
    const text = readFileSync(file, 'utf8');
    if (kind === 'trx') countTrx(text, file);
    else if (kind === 'vitest') countVitest(JSON.parse(text));
    else if (kind === 'playwright') countPlaywright(JSON.parse(text));
    else if (kind === 'eslint') countEslint(JSON.parse(text));
    else throw new Error(`unknown kind ${kind}`);
  }
} catch (e) {
  console.log(`${passed} ${failed} ${skipped}`);
  console.log(`ERROR ${e.message}`);
  process.exit(2);
}
console.log(`${passed} ${failed} ${skipped}`);
for (const l of lines) console.log(l);
