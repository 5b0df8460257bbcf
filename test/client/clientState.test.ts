// The client's small state machines: when ready() resolves, and when a crashed server is restarted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CrashBudget } from '../../client/src/crashBudget';
import { Readiness } from '../../client/src/readiness';

const settled = async (p: Promise<void>): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30))]);

describe('Readiness', () => {
  test('with netpol/status: only state "ready" counts, not diagnostics nor the grace period', async () => {
    const r = new Readiness(5);
    r.running();
    r.status('indexing');
    r.diagnostics();
    assert.equal(await settled(r.wait()), false);
    r.status('ready');
    assert.equal(await settled(r.wait()), true);
  });

  test('a server without status: ready at its first diagnostics', async () => {
    const r = new Readiness(10_000);
    r.diagnostics();
    assert.equal(await settled(r.wait()), false, 'not before the client runs');
    r.running();
    r.diagnostics();
    assert.equal(await settled(r.wait()), true);
    r.dispose();
  });

  test('a server without status: ready after the grace period once running', async () => {
    let calls = 0;
    const r = new Readiness(5, () => calls++);
    assert.equal(await settled(r.wait()), false);
    r.running();
    assert.equal(await settled(r.wait()), true);
    assert.equal(calls, 1);
  });

  test('a stop after ready makes callers wait for the restarted server', async () => {
    const r = new Readiness(10_000);
    r.running();
    r.status('ready');
    assert.equal(await settled(r.wait()), true);
    r.stopped();
    assert.equal(r.ready, false);
    const next = r.wait();
    assert.equal(await settled(next), false);
    r.running();
    r.status('ready');
    assert.equal(await settled(next), true);
  });
});

describe('CrashBudget', () => {
  test('restarts up to max times within the window, then gives up; old crashes age out', () => {
    const b = new CrashBudget(3, 1000);
    assert.deepEqual([b.crashed(0), b.crashed(10), b.crashed(20), b.crashed(30)], [true, true, true, false]);
    assert.equal(b.crashed(1025), true, 'the crashes at 0, 10 and 20 are older than the window');
  });

  test('a manual restart clears the count', () => {
    const b = new CrashBudget(1, 1000);
    b.crashed(0);
    assert.equal(b.crashed(1), false);
    b.reset();
    assert.equal(b.crashed(2), true);
  });
});
