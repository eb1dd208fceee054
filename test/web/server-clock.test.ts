import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../web/src/server-clock.js';

const T = Date.parse('2026-11-27T09:00:00Z');
const http = (ms: number) => new Date(ms).toUTCString();

describe('ServerClock', () => {
  it('reads the local clock until a response has told the server time', () => {
    const clock = new ServerClock();
    expect(clock.offsetMs()).toBe(0);
    clock.note(null, T, T + 50);
    clock.note('not a date', T, T + 50);
    expect(clock.now(T)).toBe(T);
  });

  it('corrects a PC clock that is a day slow to within a second', () => {
    const clock = new ServerClock();
    const offset = 86_400_000 + 1_234;
    // The server stamps (truncated to the second) somewhere between sending and receiving.
    clock.note(http(T + offset + 20), T, T + 40);
    expect(Math.abs(clock.offsetMs() - offset)).toBeLessThanOrEqual(1_000);
  });

  it('tightens with every response', () => {
    const clock = new ServerClock();
    const offset = -3_600_000 - 420;
    const widths: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sentAt = T + i * 7_919;
      const receivedAt = sentAt + 30;
      clock.note(http(sentAt + 15 + offset), sentAt, receivedAt);
      widths.push(Math.abs(clock.offsetMs() - offset));
    }
    expect(widths.at(-1)!).toBeLessThanOrEqual(100);
  });

  it('starts again when the local clock is set meanwhile', () => {
    const clock = new ServerClock();
    clock.note(http(T + 60_000), T, T + 20);
    expect(Math.abs(clock.offsetMs() - 60_000)).toBeLessThanOrEqual(1_000);
    // The user corrects the PC: now it agrees with the server.
    clock.note(http(T + 120_000), T + 120_000, T + 120_020);
    expect(Math.abs(clock.offsetMs())).toBeLessThanOrEqual(1_000);
  });

  it('ignores a sample whose local times run backwards', () => {
    const clock = new ServerClock();
    clock.note(http(T + 60_000), T + 10, T);
    expect(clock.offsetMs()).toBe(0);
  });
});
