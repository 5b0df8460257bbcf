// API-server validation of NetworkPolicies (pkg/apis/networking/validation, metav1 selector validation,
// strict field decoding): each test/fixtures/validation/<case>.yaml gives its findings, located, and
// whether each policy (Calico's and Cilium's kinds included) would be accepted; compared with <case>.expected.txt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/index';
import { expectText, formatFinding, formatSpan, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import type { Fixture } from '../support/expect';
import { workspaceFromText } from '../support/workspace';

const folder = 'validation';

for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => check(fx));

test('every validation expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));

function check(fx: Fixture): void {
  expectText(fx, renderValidation(fx));
}

/** Parse problems and validation only (`fileFindings`), not the lint rules, which have their own fixtures. */
function renderValidation(fx: Fixture): string {
  const ws = workspaceFromText({ [fx.name]: fx.text });
  const index = new LineIndex(fx.text);
  const findings = ws.fileFindings().map((f) => formatFinding(index, f));
  const policies = ws.model.policies.map(
    (p) => `policy ${p.id} at ${formatSpan(index, p.nameSpan)}: ${p.valid ? 'accepted' : 'rejected by the API server'}`,
  );
  const engineKinds = [...ws.model.calicoPolicies, ...ws.model.ciliumPolicies].map(
    (p) => `${p.kind} ${p.id} at ${formatSpan(index, p.nameSpan)}: ${p.valid ? 'accepted' : 'rejected'}`,
  );
  return [...(findings.length ? findings : ['no findings']), ...policies, ...engineKinds].join('\n');
}
