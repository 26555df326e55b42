import { createElement } from 'react';
import { CAIRO_CLERK, renderAs } from '../../auth/render.testing';
import type { LocalMedia } from '../media/local-media';
import { meterLevel, rms, smoothLevel, VOICE_LEVEL } from './audio-level';
import { classifyMediaError, keepOrPickDevice } from './media-errors';
import { measureRoundTrips, summariseRoundTrips } from './network-check';
import { TechCheck } from './TechCheck';

describe('microphone level', () => {
  it('measures silence as zero and a full-scale square wave as one', () => {
    expect(meterLevel(new Float32Array(512))).toBe(0);
    expect(meterLevel(Array.from({ length: 512 }, (_, i) => (i % 2 === 0 ? 1 : -1)))).toBe(1);
  });

  it('reads ordinary speech (about -30 dBFS) as a voice, and room noise (-70 dBFS) as nothing', () => {
    const sine = (amplitude: number) => Array.from({ length: 1000 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 480 * i) / 48_000));
    // Ten whole periods of a sine of amplitude a: an RMS of a/√2.
    const speech = sine(Math.SQRT2 * 10 ** (-30 / 20));
    expect(rms(speech)).toBeCloseTo(10 ** (-30 / 20), 4);
    expect(meterLevel(speech)).toBeCloseTo(0.5, 2);
    expect(meterLevel(speech)).toBeGreaterThan(VOICE_LEVEL);
    expect(meterLevel(sine(Math.SQRT2 * 10 ** (-70 / 20)))).toBe(0);
  });

  it('rises at once and falls slowly', () => {
    expect(smoothLevel(0.1, 0.8)).toBe(0.8);
    expect(smoothLevel(0.8, 0)).toBeCloseTo(0.74, 5);
    expect(smoothLevel(0.03, 0)).toBe(0);
  });
});

describe('network check', () => {
  it('calls a short, steady round trip good', () => {
    expect(summariseRoundTrips([40, 42, 38, 41, 39, 40])).toEqual({ samples: 6, failures: 0, medianMs: 40, jitterMs: 2, verdict: 'good' });
  });

  it('calls a slow or wobbly one fair, and a very slow one poor', () => {
    expect(summariseRoundTrips([200, 210, 190, 205]).verdict).toBe('fair');
    expect(summariseRoundTrips([40, 90, 40, 90, 40]).verdict).toBe('fair');
    expect(summariseRoundTrips([500, 480, 520]).verdict).toBe('poor');
    expect(summariseRoundTrips([40, 200, 40, 200, 40]).verdict).toBe('poor');
  });

  it('does not blame the link for one slow sample, but does for a delay that keeps wobbling', () => {
    expect(summariseRoundTrips([5, 6, 120, 5, 6, 5])).toEqual({ samples: 6, failures: 0, medianMs: 6, jitterMs: 1, verdict: 'good' });
    expect(summariseRoundTrips([5, 120, 5, 120, 5, 6]).verdict).toBe('poor');
    expect(summariseRoundTrips([5, 60, 5, 60, 5, 6]).verdict).toBe('fair');
  });

  it('counts lost requests: one in six makes it fair, more than a fifth poor, all of them offline', () => {
    expect(summariseRoundTrips([40, 40, null, 40, 40, 40]).verdict).toBe('fair');
    expect(summariseRoundTrips([40, null, null, 40, 40]).verdict).toBe('poor');
    expect(summariseRoundTrips([null, null, null])).toEqual({
      samples: 0,
      failures: 3,
      medianMs: null,
      jitterMs: null,
      verdict: 'offline',
    });
  });

  it('runs the probes one after another, reports progress, and counts a timeout as a failure', async () => {
    const started: number[] = [];
    let running = 0;
    const answers = [30, 31, 'hang', 29];
    const probe = (signal: AbortSignal) => {
      running += 1;
      started.push(running);
      const answer = answers.shift();
      return new Promise<number>((resolve, reject) => {
        const done = () => {
          running -= 1;
        };
        if (answer === 'hang') {
          signal.addEventListener('abort', () => {
            done();
            reject(new Error('aborted'));
          });
        } else {
          setTimeout(() => {
            done();
            resolve(answer as number);
          }, 1);
        }
      });
    };
    const progress: string[] = [];

    const summary = await measureRoundTrips(probe, {
      count: 4,
      timeoutMs: 20,
      onSample: (done, total) => progress.push(`${done}/${total}`),
    });

    expect(started).toEqual([1, 1, 1, 1]);
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(summary).toMatchObject({ samples: 3, failures: 1, medianMs: 30 });
  });
});

describe('camera and microphone problems', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['NotFoundError', 'notFound'],
    ['OverconstrainedError', 'notFound'],
    ['NotReadableError', 'inUse'],
    ['SecurityError', 'insecure'],
    ['TypeError', 'unsupported'],
    ['SomethingNew', 'other'],
  ])('reads %s as %s', (name, expected) => {
    expect(classifyMediaError({ name })).toBe(expected);
  });

  it('reads anything that is not an error as other', () => {
    expect(classifyMediaError('boom')).toBe('other');
    expect(classifyMediaError(null)).toBe('other');
  });

  it('keeps the chosen device while it is plugged in, then falls back to the default, then the first', () => {
    const devices = [
      { deviceId: 'default', label: 'Default' },
      { deviceId: 'usb', label: 'USB headset' },
    ];
    expect(keepOrPickDevice('usb', devices)).toBe('usb');
    expect(keepOrPickDevice('bluetooth', devices)).toBe('default');
    expect(keepOrPickDevice(null, [{ deviceId: 'cam-1', label: 'Camera' }])).toBe('cam-1');
    expect(keepOrPickDevice('usb', [])).toBeNull();
  });
});

describe('the check before entering', () => {
  const media: LocalMedia = {
    status: 'idle',
    audioTrack: null,
    videoTrack: null,
    problems: {},
    devices: { audioinput: [], videoinput: [], audiooutput: [] },
    selected: { audioinput: null, videoinput: null, audiooutput: null },
    canChooseOutput: false,
    start: async () => undefined,
    choose: async () => undefined,
  };
  const shown = (bench: boolean, lng: 'en' | 'ar' = 'en') =>
    renderAs(createElement(TechCheck, { media, enterLabel: 'Enter the hearing room', onEnter: () => undefined, bench }), CAIRO_CLERK, lng);

  it('tells a witness the judge lets her in from the waiting room, and the bench that they go straight in', () => {
    expect(shown(false)).toContain('go to the waiting room. You will wait there until the judge lets you in.');
    expect(shown(false)).toContain('once the judge lets you in');
    const bench = shown(true);
    expect(bench).toContain('you go straight in, without the waiting room.');
    expect(bench).toContain('This is what everyone in the hearing will see and hear of you.');
    expect(bench).not.toContain('lets you in');
    expect(shown(true, 'ar')).toContain('دون المرور بغرفة الانتظار');
  });
});
