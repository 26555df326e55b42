import { HEARING_ROLES } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES } from '@ejustice/vocabulary/hearing-status';
import { HEARING_TYPES } from '@ejustice/vocabulary/hearing-type';
import { PARTICIPANT_STATES } from '@ejustice/vocabulary/participant-state';
import { NETWORK_QUALITIES, SESSION_END_REASONS, SIGNALLING_ERROR_CODES } from '@ejustice/hearings/signalling/signalling-messages';
import { RECORDING_STATUSES, SEGMENT_PROBLEMS } from '@ejustice/recording/contract/recording-contract';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { RECORDING_REQUEST, type RecordingControl } from './recording/recording';
import { CLIENT_SIGNALLING_CODES } from './signalling/signalling-client';

/**
 * The hearing room must never show a person a raw code: every role, state, status, end reason and
 * error code the server can send has a sentence, in every language. Read from the server's own
 * vocabularies, so a code added there fails here until it is translated.
 */
function has(locale: unknown, key: string): boolean {
  let node: unknown = locale;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim() !== '';
}

const required = [
  ...HEARING_ROLES.map((role) => `hearingRoles.${role}`),
  ...PARTICIPANT_STATES.map((state) => `participantStates.${state}`),
  ...HEARING_STATUSES.map((status) => `hearingStatuses.${status}`),
  ...HEARING_TYPES.map((type) => `hearingTypes.${type}`),
  ...HEARING_STATUSES.map((status) => `room.announce.status.${status}`),
  ...HEARING_STATUSES.filter((status) => status !== 'open').map((status) => `room.statusNotice.${status}`),
  ...[...SESSION_END_REASONS, 'refused', 'failed'].flatMap((reason) => [
    `room.ended.${reason}.title`,
    `room.ended.${reason}.text`,
    `room.announce.ended.${reason}`,
  ]),
  ...[...SIGNALLING_ERROR_CODES, ...Object.values(CLIENT_SIGNALLING_CODES)].map((code) => `room.errors.${code}`),
  ...NETWORK_QUALITIES.flatMap((quality) => [`room.network.${quality}`, `room.network.short.${quality}`]),
  // The court's recording: the indicator, what the live region says, the console, playback.
  ...['started', 'paused', 'resumed', 'stopped'].map((change) => `room.announce.recording.${change}`),
  ...['running', 'paused'].flatMap((shown) => [`room.recording.${shown}`, `room.recording.waitingNotice.${shown}`]),
  ...(Object.keys(RECORDING_REQUEST) as RecordingControl[]).map((control) => `console.recording.${control}`),
  ...RECORDING_STATUSES.map((status) => `recordings.status.${status}`),
  ...SEGMENT_PROBLEMS.map((problem) => `recordings.problem.${problem}`),
  ...['microphone', 'camera', 'screen'].map((source) => `recordings.source.${source}`),
];

describe('hearing room strings', () => {
  it.each([
    ['en', en],
    ['fr', fr],
    ['ar', ar],
  ])('%s has a sentence for everything the server can say', (_language, locale) => {
    expect(required.filter((key) => !has(locale, key))).toEqual([]);
  });
});
