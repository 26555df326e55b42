import { ANONYMISED_CANVAS, PICTURE_FILTERS, VOICE_FILTER, VOICE_SHIFT_SEMITONES, anonymiserArgs, inputSdp } from './anonymiser-pipeline';

const output = {
  ip: '127.0.0.1',
  rtpPort: 40000,
  rtcpPort: 40001,
  localRtpPort: 61000,
  localRtcpPort: 61001,
  ssrc: 1234,
  payloadType: 101,
};

describe('anonymiser pipeline', () => {
  it('reads the raw stream by an SDP naming its codec and payload type', () => {
    expect(inputSdp({ kind: 'video', ip: '127.0.0.1', rtpPort: 62000, payloadType: 101 })).toContain(
      'c=IN IP4 127.0.0.1\nt=0 0\nm=video 62000 RTP/AVP 101\na=rtpmap:101 VP8/90000',
    );
    expect(inputSdp({ kind: 'audio', ip: '::1', rtpPort: 62000, payloadType: 100 })).toContain('c=IN IP6 ::1');
    expect(inputSdp({ kind: 'audio', ip: '::1', rtpPort: 62000, payloadType: 100 })).toContain('a=rtpmap:100 opus/48000/2');
  });

  it('shifts the voice by at least four semitones', () => {
    expect(Math.abs(VOICE_SHIFT_SEMITONES)).toBeGreaterThanOrEqual(4);
    expect(VOICE_FILTER).toContain(`rubberband=pitch=${Math.pow(2, VOICE_SHIFT_SEMITONES / 12).toFixed(4)}`);
  });

  it('sends the picture at one fixed size, whatever comes in, with the detail averaged away first', () => {
    for (const filter of Object.values(PICTURE_FILTERS)) {
      expect(
        filter.startsWith(`scale=w=${ANONYMISED_CANVAS.width}:h=${ANONYMISED_CANVAS.height}:force_original_aspect_ratio=decrease`),
      ).toBe(true);
      expect(filter).toMatch(/scale=w=\d\d:h=\d\d:flags=area/);
    }
  });

  it('builds a low-latency command: no buffering, one thread, real-time encoder, keyframes from the source, fixed local ports', () => {
    const args = anonymiserArgs({ kind: 'video', ip: '127.0.0.1', rtpPort: 62000, payloadType: 101 }, 'silhouette', output);
    const joined = args.join(' ');
    expect(joined).toContain('-fflags nobuffer -flags low_delay -probesize 32 -analyzeduration 0');
    expect(joined).toContain('-deadline realtime');
    expect(joined).toContain('-lag-in-frames 0 -error-resilient 1');
    expect(joined).toContain('-force_key_frames source');
    expect(args[args.indexOf('-vf') + 1]).toBe(PICTURE_FILTERS.silhouette);
    expect(args.at(-1)).toBe('rtp://127.0.0.1:40000?rtcpport=40001&localrtpport=61000&localrtcpport=61001&pkt_size=1200');
    const sdp = args[args.indexOf('-i') + 1];
    expect(Buffer.from(sdp.replace('data:application/sdp;base64,', ''), 'base64').toString()).toContain('m=video 62000 RTP/AVP 101');
  });

  it('encodes the voice with Opus through the voice filter', () => {
    const args = anonymiserArgs({ kind: 'audio', ip: '::1', rtpPort: 62000, payloadType: 100 }, 'blur', { ...output, ip: '::1' });
    expect(args[args.indexOf('-af') + 1]).toBe(VOICE_FILTER);
    expect(args).toContain('libopus');
    expect(args).not.toContain('-vf');
    expect(args.at(-1)).toMatch(/^rtp:\/\/\[::1\]:40000\?/);
  });
});
