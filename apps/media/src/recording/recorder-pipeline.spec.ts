import { SEGMENT_LIST_FILE, parseSegmentList, recorderArgs } from './recorder-pipeline';

describe('recorder pipeline', () => {
  describe('recorderArgs', () => {
    const sut = (kind: 'audio' | 'video') =>
      recorderArgs({ kind, ip: '127.0.0.1', rtpPort: 61000, payloadType: 101 }, { dir: '/spool/track-1', segmentSeconds: 60 });

    it('copies the stream as it came (no decoding, no encoder) into WebM segments of the configured length', () => {
      const args = sut('video');
      expect(args.join(' ')).toContain('-map 0:v:0 -c copy');
      expect(args).not.toContain('libvpx');
      expect(args.join(' ')).toContain('-f segment -segment_time 60 -segment_format webm -reset_timestamps 1');
      expect(args.join(' ')).toContain(`-segment_list /spool/track-1/${SEGMENT_LIST_FILE} -segment_list_type csv`);
      expect(args[args.length - 1]).toMatch(/^\/spool\/track-1\/segment-%0\d+d\.webm$/);
      expect(sut('audio').join(' ')).toContain('-map 0:a:0 -c copy');
    });

    it('reads the RTP by an SDP naming the consumer’s payload type and codec', () => {
      const url = sut('audio').find((a) => a.startsWith('data:application/sdp;base64,'));
      const sdp = Buffer.from(url!.split(',')[1], 'base64').toString();
      expect(sdp).toContain('m=audio 61000 RTP/AVP 101');
      expect(sdp).toContain('a=rtpmap:101 opus/48000/2');
    });
  });

  describe('parseSegmentList', () => {
    it('reads each finished segment with its place on the track’s time line, in order', () => {
      expect(parseSegmentList('segment-000000.webm,0.000000,2.000000\nsegment-000001.webm,2.000000,3.667000\n')).toEqual([
        { sequence: 0, file: 'segment-000000.webm', offsetMs: 0, durationMs: 2000 },
        { sequence: 1, file: 'segment-000001.webm', offsetMs: 2000, durationMs: 1667 },
      ]);
    });

    it('leaves a last line still being written for the next read', () => {
      expect(parseSegmentList('segment-000000.webm,0.000000,2.000000\nsegment-000001.webm,2.0000')).toHaveLength(1);
      expect(parseSegmentList('')).toEqual([]);
    });

    it('refuses a line it cannot read rather than register a segment wrong', () => {
      expect(() => parseSegmentList('segment-000000.webm,abc,2.0\n')).toThrow(/line 1/);
      expect(() => parseSegmentList('segment-000000.webm,3.0,2.0\n')).toThrow(/line 1/);
      expect(() => parseSegmentList(',0,1\n')).toThrow(/line 1/);
    });
  });
});
