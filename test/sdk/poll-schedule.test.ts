import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PollTimer } from '../../packages/sdk/src/transaction/poll-schedule.js';

describe('PollTimer', () => {
  it('starts near 0.5 s, grows to about 1.2 s, and jitters within ±15 %', () => {
    const timer = new PollTimer();
    const gaps = Array.from({ length: 20 }, () => timer.next());
    assert.ok(gaps[0]! >= 425 && gaps[0]! <= 575);
    for (const gap of gaps.slice(5)) assert.ok(gap >= 1020 && gap <= 1380, `gap ${gap}`);
    // At the cap, at most one request per second on average.
    const mean = gaps.slice(5).reduce((a, b) => a + b, 0) / 15;
    assert.ok(mean >= 1000, `mean gap ${mean}`);
  });

  it('backs off after failures and recovers after a success', () => {
    const timer = new PollTimer({ jitter: 0 });
    for (let i = 0; i < 5; i++) timer.next();
    timer.failed();
    timer.failed();
    assert.equal(timer.next(), 4800);
    timer.failed();
    timer.failed();
    assert.equal(timer.next(), 10_000, 'capped');
    timer.succeeded();
    assert.equal(timer.next(), 1200);
  });
});
