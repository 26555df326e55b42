/*
 * What the recorder's ffmpeg does, as plain data: it reads one raw RTP stream (the SDP as in the
 * anonymiser) and writes it as it came, without decoding (`-c copy`: the court record is what the
 * participant's device sent), cut into WebM segment files listed in a CSV file as each one is
 * finished. No I/O here.
 */
import { basename } from 'node:path';
import { type RawRtpInput, inputSdp } from '../anonymiser/anonymiser-pipeline';

export const SEGMENT_LIST_FILE = 'segments.csv';
export const SEGMENT_FILE_PATTERN = 'segment-%06d.webm';

export interface RecorderOutput {
  /** The track's own spool directory: its segments and their list, nothing else. */
  readonly dir: string;
  /** Segments are cut at the first keyframe after each multiple of this (audio: any packet). */
  readonly segmentSeconds: number;
}

/**
 * The recorder's ffmpeg arguments. The input as the anonymiser reads it (the SDP as a data: URL,
 * no probing beyond the SDP, one thread), but with ffmpeg's RTP reordering queue left on: nothing
 * here is live, so a packet a little late is put back in its place rather than dropped. And no
 * input timeout (`-listen_timeout -1`; the SDP demuxer's default ends the input after 10 s without
 * a packet): a muted microphone sends nothing for as long as it is muted, and its track goes on.
 * The recorder ends the input itself with an RTCP BYE (`rtcpBye`).
 *
 * The output: the stream copied into the segment muxer, WebM segments of `segmentSeconds`, each
 * starting at timestamp 0 (`-reset_timestamps`: each file plays on its own); their position on the
 * track's time line is in the list (`-segment_list`, CSV: `file,start,end` in seconds from the
 * track's first packet), where ffmpeg adds a line only once the segment's file is complete. On
 * SIGINT ffmpeg finishes the segment it is writing and lists it too.
 */
export function recorderArgs(input: RawRtpInput, output: RecorderOutput): string[] {
  const sdp = Buffer.from(inputSdp(input)).toString('base64');
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '1'],
    ...['-protocol_whitelist', 'data,udp,rtp', '-f', 'sdp', '-listen_timeout', '-1', '-buffer_size', '1048576'],
    ...['-probesize', '32', '-analyzeduration', '0'],
    ...['-i', `data:application/sdp;base64,${sdp}`],
    ...['-map', input.kind === 'audio' ? '0:a:0' : '0:v:0', '-c', 'copy'],
    ...['-f', 'segment', '-segment_time', String(output.segmentSeconds), '-segment_format', 'webm', '-reset_timestamps', '1'],
    ...['-segment_list', `${output.dir}/${SEGMENT_LIST_FILE}`, '-segment_list_type', 'csv'],
    `${output.dir}/${SEGMENT_FILE_PATTERN}`,
  ];
}

/**
 * An RTCP BYE (RFC 3550 6.6) from `ssrc`, with a short reason so that the packet is 12 bytes long:
 * ffmpeg reads anything shorter as a broken RTP packet and drops it. When every stream of its SDP
 * said BYE, ffmpeg's input ends as if the file had (EOF): it finishes the segment it is writing,
 * lists it and exits, whether or not packets are still coming. A signal would not do: one SIGINT
 * is noticed only when the next packet arrives (a muted microphone sends none), and a second
 * interrupts the writing of the last segment.
 */
export function rtcpBye(ssrc: number): Buffer {
  const packet = Buffer.alloc(12);
  packet.writeUInt8(0x81, 0); // version 2, no padding, one source
  packet.writeUInt8(203, 1); // BYE
  packet.writeUInt16BE(2, 2); // length in 32-bit words, minus one
  packet.writeUInt32BE(ssrc >>> 0, 4);
  packet.writeUInt8(3, 8);
  packet.write('end', 9, 'ascii');
  return packet;
}

/** One finished segment as the list names it. */
export interface ListedSegment {
  /** 0, 1, 2... in the order ffmpeg wrote them. */
  readonly sequence: number;
  readonly file: string;
  /** From the track's time 0 (its first packet) to the segment's first frame. */
  readonly offsetMs: number;
  readonly durationMs: number;
}

/**
 * The segments a list names, in order. A last line without its newline may be half written (the
 * list is read while ffmpeg writes it): it is left for the next read. A line that does not parse
 * is an error: the list is ours, and a segment misread would be registered wrong.
 */
export function parseSegmentList(text: string): ListedSegment[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const lines = complete.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, sequence) => {
    // The file name is ours (no comma in it), so the last two fields are the times.
    const fields = line.trim().split(',');
    const end = Number(fields.pop());
    const start = Number(fields.pop());
    const file = fields.join(',');
    if (file === '' || !Number.isFinite(start) || !Number.isFinite(end) || end < start || start < 0)
      throw new Error(`unreadable segment list line ${sequence + 1}: "${line}"`);
    const offsetMs = Math.round(start * 1000);
    return { sequence, file: basename(file), offsetMs, durationMs: Math.round(end * 1000) - offsetMs };
  });
}
