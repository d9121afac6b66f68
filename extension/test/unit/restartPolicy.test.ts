import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../src/backend/restartPolicy';

test('a closed backend is started again up to three times in three minutes, then it has failed', () => {
  const policy = new RestartPolicy();
  const seconds = 1_000;
  assert.deepEqual([0, 30, 60, 90].map(s => policy.allowsRestart(s * seconds)), [true, true, true, false]);
  // The first restart has left the window: one more is allowed.
  assert.equal(policy.allowsRestart(180 * seconds), true);
  assert.equal(policy.allowsRestart(181 * seconds), false);
});

test("the user's restart forgets the restarts so far", () => {
  const policy = new RestartPolicy(1, 1_000);
  assert.equal(policy.allowsRestart(0), true);
  assert.equal(policy.allowsRestart(10), false);
  policy.reset();
  assert.equal(policy.allowsRestart(20), true);
});
